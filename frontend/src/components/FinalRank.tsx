import { Button, Card, Heading, HStack, Stack, Text, VStack } from '@chakra-ui/react'
import { Link as RouterLink } from 'react-router'
import type { LeaderboardEntry } from '../api/types'
import { ordinal } from '../lib/ordinal'

function trophy(rank: number): string {
  if (rank === 1) return '🏆'
  if (rank === 2) return '🥈'
  if (rank === 3) return '🥉'
  return '🎉'
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
    <Card.Root bg="app.card" borderRadius="2xl" boxShadow="lg" textAlign="center" data-testid="final-rank">
      <Card.Body gap="5" py="10">
        <Text fontSize="6xl" lineHeight="1" aria-hidden>
          {me ? trophy(me.rank) : '🎉'}
        </Text>
        <VStack gap="1">
          <Heading as="h2" size="3xl">
            {ended ? 'The quiz has ended' : 'You finished!'}
          </Heading>
          {me ? (
            <Text fontSize="2xl" fontWeight="bold" color="purple.fg">
              {ordinal(me.rank)} place of {participantCount}
            </Text>
          ) : (
            <Text color="fg.muted">Working out your place…</Text>
          )}
        </VStack>
        {me && (
          <HStack justify="center" gap={{ base: '6', md: '10' }}>
            <VStack gap="0">
              <Text fontSize="3xl" fontWeight="black" fontVariantNumeric="tabular-nums">
                {me.score.toLocaleString()}
              </Text>
              <Text color="fg.muted">points</Text>
            </VStack>
            <VStack gap="0">
              <Text fontSize="3xl" fontWeight="black" fontVariantNumeric="tabular-nums">
                {me.correct_count}/{total}
              </Text>
              <Text color="fg.muted">correct</Text>
            </VStack>
          </HStack>
        )}
        {stillRunning && (
          <Text color="fg.muted" fontSize="sm">
            Others are still playing, so your place can still change. Watch the leaderboard!
          </Text>
        )}
        <Stack direction={{ base: 'column', sm: 'row' }} justify="center" gap="3">
          <Button asChild size="lg">
            <RouterLink to="/join">Join another quiz</RouterLink>
          </Button>
          <Button asChild size="lg" variant="outline">
            <RouterLink to="/history">My history</RouterLink>
          </Button>
        </Stack>
      </Card.Body>
    </Card.Root>
  )
}
