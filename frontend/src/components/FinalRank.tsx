import { HStack, Text, VStack } from '@chakra-ui/react'
import type { LeaderboardEntry } from '../api/types'
import { ordinal } from '../lib/ordinal'
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
  return (
    <SummaryCard
      emoji={me ? trophy(me.rank) : '🎉'}
      title={ended ? 'The quiz has ended' : 'You finished!'}
      subtitle={
        me ? (
          <Text fontSize="2xl" fontWeight="bold" color="purple.fg">
            {ordinal(me.rank)} place of {participantCount}
          </Text>
        ) : (
          <Text color="fg.muted">Working out your place…</Text>
        )
      }
      actions={
        <LinkButton to="/join" size="lg">
          Join another quiz
        </LinkButton>
      }
      testId="final-rank"
    >
      {me && (
        <HStack justify="center" gap={{ base: '6', md: '10' }}>
          <Figure value={me.score.toLocaleString()} label="points" />
          <Figure value={`${me.correct_count}/${total}`} label="correct" />
        </HStack>
      )}
      {stillRunning && (
        <Text color="fg.muted" fontSize="sm">
          Others are still playing, so your place can still change. Watch the leaderboard!
        </Text>
      )}
    </SummaryCard>
  )
}
