import { Text } from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AnswerResult } from '../api/types'

/**
 * The streak part of the points in words: "incl. +200 streak bonus", "3 in a row", or both; empty
 * when neither applies (no bonus and no run of two or more).
 */
export function streakParts(
  result: Pick<AnswerResult, 'streak' | 'streak_bonus'>,
  t: TFunction,
): {
  bonus: string | null
  run: string | null
} {
  return {
    bonus: result.streak_bonus > 0 ? t('play.streak.bonus', { bonus: result.streak_bonus }) : null,
    run: result.streak >= 2 ? t('play.streak.run', { count: result.streak }) : null,
  }
}

/** The streak part of a result in words ("incl. +200 streak bonus · 🔥 3 in a row"); nothing without one. */
export function StreakLine({ result }: { result: Pick<AnswerResult, 'streak' | 'streak_bonus'> }) {
  const { t } = useTranslation()
  const streak = streakParts(result, t)
  if (!streak.bonus && !streak.run) return null
  return (
    <Text fontWeight="bold" color="orange.fg" data-testid="streak-line">
      {streak.bonus}
      {streak.bonus && streak.run && ' · '}
      {streak.run && (
        <Text as="span" whiteSpace="nowrap">
          <span aria-hidden>🔥 </span>
          {streak.run}
        </Text>
      )}
    </Text>
  )
}
