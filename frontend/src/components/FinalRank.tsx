import { HStack, Text, VStack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import type { LeaderboardEntry } from '../api/types'
import { useFormat } from '../hooks/useFormat'
import { LinkButton } from './Links'
import { SummaryCard } from './SummaryCard'

function trophy(rank: number): string {
  if (rank === 1) return '🏆'
  if (rank === 2) return '🥈'
  if (rank === 3) return '🥉'
  return '🎉'
}

function Figure({ value, label }: { value: string; label: string }) {
  return (
    <VStack gap="0">
      <Text fontSize="3xl" fontWeight="black" fontVariantNumeric="tabular-nums">
        {value}
      </Text>
      <Text color="fg.muted">{label}</Text>
    </VStack>
  )
}

/** The end screen: where the player finished, and what to do next. */
export function FinalRank({
  me,
  participantCount,
  total,
  stillRunning,
  ended = false,
}: {
  me: LeaderboardEntry | null | undefined
  participantCount: number
  total: number
  stillRunning: boolean
  ended?: boolean
}) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <SummaryCard
      emoji={me ? trophy(me.rank) : '🎉'}
      title={ended ? t('play.finalRank.ended') : t('play.finalRank.finished')}
      subtitle={
        me ? (
          <Text fontSize="2xl" fontWeight="bold" color="purple.fg">
            {t('play.finalRank.place', { place: f.place(me.rank), total: participantCount })}
          </Text>
        ) : (
          <Text color="fg.muted">{t('play.finalRank.workingOut')}</Text>
        )
      }
      actions={
        <LinkButton to="/join" size="lg">
          {t('play.finalRank.joinAnother')}
        </LinkButton>
      }
      testId="final-rank"
    >
      {me && (
        <HStack justify="center" gap={{ base: '6', md: '10' }}>
          <Figure value={f.number(me.score)} label={t('play.finalRank.points', { count: me.score })} />
          {/* "1/2 aciertos": the word agrees with the number of questions, as one says it. */}
          <Figure
            value={`${f.number(me.correct_count)}/${f.number(total)}`}
            label={t('play.finalRank.correct', { count: total })}
          />
        </HStack>
      )}
      {stillRunning && (
        <Text color="fg.muted" fontSize="sm">
          {t('play.finalRank.stillRunning')}
        </Text>
      )}
    </SummaryCard>
  )
}
