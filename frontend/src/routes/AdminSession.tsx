import { Button, Card, Container, Grid, Heading, HStack, Link, Stack, Stat, Text, VStack } from '@chakra-ui/react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link as RouterLink, useParams } from 'react-router'
import { LuArrowLeft, LuChartBar, LuCopy, LuMaximize, LuRadio, LuSquare, LuTable } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { isApiError } from '../api/errors'
import { closeSession, getSession } from '../client'
import { ConfirmButton } from '../components/ConfirmButton'
import { JoinLinkWarning } from '../components/JoinLinkWarning'
import { JoinQrCode } from '../components/JoinQrCode'
import { LeaderboardPanel } from '../components/LeaderboardPanel'
import { PlayerActions } from '../components/PlayerActions'
import { RemovedPlayers } from '../components/RemovedPlayers'
import { ScoringRule } from '../components/ScoringRule'
import { SessionCodeDisplay } from '../components/SessionCodeDisplay'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { toaster } from '../components/Toaster'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useJoinLinkBase } from '../hooks/useJoinLinkBase'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { normalizeJoinCode } from '../lib/joinCode'
import { joinLink } from '../lib/joinLink'

/** The teacher's control screen for a running session. */
export default function AdminSession() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const queryClient = useQueryClient()
  const session = useQuery({ queryKey: ['session', code], queryFn: () => unwrap(getSession({ path: { code } })) })
  // Every player the stream can carry (100), so that the teacher can rename or remove any of them.
  const events = useSessionEvents(code, { limit: 100 })
  const joinAddress = useJoinLinkBase()
  useDocumentTitle(session.data ? `Hosting ${session.data.quiz_title}` : 'Session')

  const close = useMutation({
    mutationFn: () => unwrap(closeSession({ path: { code } })),
    onSuccess: (closed) => {
      queryClient.setQueryData(['session', code], closed)
      void queryClient.invalidateQueries({ queryKey: ['quiz-sessions', closed.quiz_id] })
      toaster.create({
        title: 'Session closed',
        description: 'Nobody can answer any more. The results are ready.',
        type: 'success',
      })
    },
  })

  if (session.isPending) return <LoadingState label="Loading the session…" />
  if (session.isError)
    return (
      <Container maxW="lg" py="10">
        {isApiError(session.error, 404) ? (
          <EmptyView
            title={`No session with the code ${code}`}
            description="Check the code, or open a new session from a quiz."
          >
            <Button asChild>
              <RouterLink to="/admin">Your quizzes</RouterLink>
            </Button>
          </EmptyView>
        ) : (
          <ErrorState error={session.error} title="The session didn't load" onRetry={() => void session.refetch()} />
        )}
      </Container>
    )

  const data = events.session ?? session.data
  const closed = data.status === 'closed' || events.leaderboard?.status === 'closed'
  const participants = events.leaderboard?.participant_count ?? data.participant_count
  const live = data.mode === 'live'

  const link = joinLink(code, joinAddress.base)
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link)
      toaster.create({ title: 'Join link copied', type: 'success' })
    } catch {
      toaster.create({ title: "Couldn't copy", description: link, type: 'info' })
    }
  }

  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <Link asChild mb="4" fontSize="sm" color="fg.muted">
        <RouterLink to={`/admin/quizzes/${data.quiz_id}`}>
          <LuArrowLeft aria-hidden /> {data.quiz_title}
        </RouterLink>
      </Link>
      <HStack justify="space-between" wrap="wrap" gap="3" mb="6">
        <Heading as="h1" size="2xl">
          {closed ? 'Session closed' : 'Your session is open'}
        </Heading>
        <HStack gap="2" wrap="wrap">
          {live && (
            <Button asChild variant={closed ? 'outline' : 'solid'}>
              <RouterLink to={`/admin/sessions/${code}/live`}>
                <LuRadio /> Host screen
              </RouterLink>
            </Button>
          )}
          <Button asChild variant="outline">
            <RouterLink to={`/admin/sessions/${code}/board`}>
              <LuMaximize /> Projector view
            </RouterLink>
          </Button>
          <Button asChild variant={closed ? 'solid' : 'outline'}>
            <RouterLink to={`/admin/sessions/${code}/results`}>
              <LuTable /> Results
            </RouterLink>
          </Button>
          <Button asChild variant="outline">
            <RouterLink to={`/admin/sessions/${code}/analytics`}>
              <LuChartBar /> Question analytics
            </RouterLink>
          </Button>
          {!closed && (
            <ConfirmButton
              colorPalette="red"
              title="Close this session?"
              description="Players won't be able to answer any more. Their scores so far become the final results."
              confirmLabel="Close session"
              onConfirm={() => close.mutateAsync()}
              pending={close.isPending}
              error={close.error}
            >
              <LuSquare /> Close session
            </ConfirmButton>
          )}
        </HStack>
      </HStack>
      <Grid templateColumns={{ base: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }} gap="6" alignItems="start">
        <Card.Root bg="app.card" borderRadius="2xl">
          <Card.Body gap="6" alignItems="center">
            {!closed && !joinAddress.reachable && <JoinLinkWarning />}
            <SessionCodeDisplay code={code} base={joinAddress.base} />
            {!closed && <JoinQrCode code={code} base={joinAddress.base} />}
            <Button variant="ghost" size="sm" onClick={() => void copyLink()}>
              <LuCopy /> Copy join link
            </Button>
            <HStack gap="8" justify="center" wrap="wrap">
              <Stat.Root textAlign="center" alignItems="center">
                <Stat.Label>Players</Stat.Label>
                <Stat.ValueText fontSize="4xl" data-testid="participant-count" aria-live="polite">
                  {participants}
                </Stat.ValueText>
              </Stat.Root>
              <Stat.Root textAlign="center" alignItems="center">
                <Stat.Label>Questions</Stat.Label>
                <Stat.ValueText fontSize="4xl">{data.question_count}</Stat.ValueText>
              </Stat.Root>
            </HStack>
            {live && !closed && (
              <Text color="fg.muted" textAlign="center">
                A live session: you lead each question from the{' '}
                <Link asChild color="purple.fg" fontWeight="semibold">
                  <RouterLink to={`/admin/sessions/${code}/live`}>host screen</RouterLink>
                </Link>
                .
              </Text>
            )}
            {closed && (
              <VStack gap="1">
                <Text color="fg.muted">Closed. The standings are final.</Text>
              </VStack>
            )}
            <ScoringRule
              scoring={data.scoring}
              streakBonus={data.streak_bonus}
              fontSize="sm"
              alignSelf="stretch"
              borderTopWidth="1px"
              pt="4"
              data-testid="scoring-rule"
            />
          </Card.Body>
        </Card.Root>
        <Stack gap="4">
          <LeaderboardPanel
            leaderboard={events.leaderboard}
            status={events.status}
            closed={closed}
            rowActions={(row) => <PlayerActions code={code} player={row} />}
          />
          <RemovedPlayers code={code} participantCount={participants} />
        </Stack>
      </Grid>
    </Container>
  )
}
