import { HStack, Progress, Stack, Text, VStack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuFlag, LuUsers } from 'react-icons/lu'
import type { Leaderboard, LeaderboardEntry, Session } from '../../api/types'
import type { JoinAddress } from '../../hooks/queries/joinLink'
import { JoinQrCode } from '../JoinQrCode'
import { ScoringBadges } from '../ScoringRule'
import { SessionCodeDisplay } from '../SessionCodeDisplay'

/** Players who have answered every question of the quiz. */
function finishedCount(entries: LeaderboardEntry[], questionCount: number): number {
  if (questionCount <= 0) return 0
  return entries.filter((entry) => entry.answered_count >= questionCount).length
}

/** How far the class has got: who has answered every question, of all the players. */
function FinishedLine({ finished, players, partial }: { finished: number; players: number; partial: boolean }) {
  const { t } = useTranslation()
  return (
    <Stack gap="2" w="full" maxW="sm">
      <HStack fontSize="2xl" fontWeight="bold" gap="3" justify="center">
        <LuFlag aria-hidden />
        <Text data-testid="finished-count">
          {partial
            ? t('host.projector.finishedAtLeast', { count: finished, total: players })
            : t('host.projector.finished', { count: finished, total: players })}
        </Text>
      </HStack>
      <Progress.Root value={finished} max={players} size="lg" colorPalette="green" aria-hidden>
        <Progress.Track borderRadius="full">
          <Progress.Range />
        </Progress.Track>
      </Progress.Root>
    </Stack>
  )
}

/** The projector's side card: how to join while the session is open, how many play, how it scores. */
export function ProjectorJoinCard({
  code,
  session,
  joinAddress,
  closed,
  board,
  players,
  short,
  height,
}: {
  code: string
  session: Session | undefined
  joinAddress: JoinAddress
  closed: boolean
  board: Leaderboard | null
  players: number
  /** A short window: the card is made smaller, so that the screen never needs scrolling. */
  short: boolean
  height: number
}) {
  const { t } = useTranslation()
  const questionCount = session?.question_count ?? 0
  const finished = finishedCount(board?.entries ?? [], questionCount)
  // Beyond the standings sent, some may have finished too: the count is then a floor.
  const partial = board !== null && board.entries.length < board.participant_count
  return (
    <VStack gap={short ? '4' : '6'} bg="app.card" borderRadius="3xl" p={short ? '6' : '8'} boxShadow="lg">
      {closed ? (
        <Text fontSize="4xl" fontWeight="black" textAlign="center">
          🏁 {t('host.wrap')}
        </Text>
      ) : (
        <>
          <SessionCodeDisplay code={code} base={joinAddress.base} size="xl" />
          <JoinQrCode
            code={code}
            base={joinAddress.base}
            size={short ? Math.max(140, Math.round(height * 0.22)) : 260}
          />
        </>
      )}
      <HStack fontSize="3xl" fontWeight="bold" gap="3">
        <LuUsers aria-hidden />
        <Text data-testid="participant-count">{t('host.playerCount', { count: players })}</Text>
      </HStack>
      {players > 0 && questionCount > 0 && <FinishedLine finished={finished} players={players} partial={partial} />}
      {session && (
        <ScoringBadges
          scoring={session.scoring}
          streakBonus={session.streak_bonus}
          size="lg"
          forPlayers
          justify="center"
        />
      )}
    </VStack>
  )
}
