import { Badge, HStack, Stack, Text, type StackProps } from '@chakra-ui/react'
import { LuFlame, LuTarget, LuZap } from 'react-icons/lu'
import type { Scoring } from '../api/types'
import { SCORING_RULES, STREAK_RULE, STREAK_SHORT } from '../lib/scoring'

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
  return (
    <HStack gap="2" wrap="wrap" justify={justify} data-testid="scoring-badges">
      <Badge variant="subtle" colorPalette="blue" size={size} gap="1" title={SCORING_RULES[scoring].rule}>
        {scoring === 'speed' ? <LuZap aria-hidden /> : <LuTarget aria-hidden />}
        {forPlayers ? SCORING_RULES[scoring].short : `${SCORING_RULES[scoring].label} scoring`}
      </Badge>
      {streakBonus && (
        <Badge variant="subtle" colorPalette="orange" size={size} gap="1" title={STREAK_RULE}>
          <LuFlame aria-hidden /> {forPlayers ? STREAK_SHORT : 'Streak bonus'}
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
  return (
    <Stack gap="1" {...stackProps}>
      <HStack gap="2" align="start">
        <Text as="span" color="blue.fg" pt="0.5" aria-hidden>
          {scoring === 'speed' ? <LuZap /> : <LuTarget />}
        </Text>
        <Text>
          <strong>{SCORING_RULES[scoring].label} scoring.</strong> {SCORING_RULES[scoring].rule}
        </Text>
      </HStack>
      {streakBonus && (
        <HStack gap="2" align="start">
          <Text as="span" color="orange.fg" pt="0.5" aria-hidden>
            <LuFlame />
          </Text>
          <Text>
            <strong>Streak bonus.</strong> {STREAK_RULE}
          </Text>
        </HStack>
      )}
    </Stack>
  )
}
