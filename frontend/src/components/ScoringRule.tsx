import { Badge, HStack, Stack, Text, type StackProps } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuFlame, LuTarget, LuZap } from 'react-icons/lu'
import type { Scoring } from '../api/types'
import { SCORING_RULES, streakRule, streakShort } from '../lib/scoring'

/**
 * Small badges naming how a quiz or session scores: "Speed scoring", "Streak bonus"; `forPlayers`
 * says it the way a class reads it on the projector: "Faster answers score more".
 */
export function ScoringBadges({
  scoring,
  streakBonus,
  size = 'md',
  forPlayers = false,
  justify,
}: {
  scoring: Scoring
  streakBonus: boolean
  size?: 'sm' | 'md' | 'lg'
  forPlayers?: boolean
  justify?: StackProps['justify']
}) {
  const { t } = useTranslation()
  const rule = SCORING_RULES[scoring]
  return (
    <HStack gap="2" wrap="wrap" justify={justify} data-testid="scoring-badges">
      <Badge variant="subtle" colorPalette="blue" size={size} gap="1" title={t(rule.rule)}>
        {scoring === 'speed' ? <LuZap aria-hidden /> : <LuTarget aria-hidden />}
        {forPlayers ? t(rule.short) : t(rule.badge)}
      </Badge>
      {streakBonus && (
        <Badge variant="subtle" colorPalette="orange" size={size} gap="1" title={streakRule(t)}>
          <LuFlame aria-hidden /> {forPlayers ? streakShort(t) : t('admin.scoring.streak.label')}
        </Badge>
      )}
    </HStack>
  )
}

/** The rule in sentences, for the screens where the teacher explains the points to the class. */
export function ScoringRule({
  scoring,
  streakBonus,
  ...stackProps
}: { scoring: Scoring; streakBonus: boolean } & StackProps) {
  const { t } = useTranslation()
  const rule = SCORING_RULES[scoring]
  return (
    <Stack gap="1" {...stackProps}>
      <HStack gap="2" align="start">
        <Text as="span" color="blue.fg" pt="0.5" aria-hidden>
          {scoring === 'speed' ? <LuZap /> : <LuTarget />}
        </Text>
        <Text>
          <strong>{t('admin.scoring.sentence', { name: t(rule.badge) })}</strong> {t(rule.rule)}
        </Text>
      </HStack>
      {streakBonus && (
        <HStack gap="2" align="start">
          <Text as="span" color="orange.fg" pt="0.5" aria-hidden>
            <LuFlame />
          </Text>
          <Text>
            <strong>{t('admin.scoring.sentence', { name: t('admin.scoring.streak.label') })}</strong> {streakRule(t)}
          </Text>
        </HStack>
      )}
    </Stack>
  )
}
