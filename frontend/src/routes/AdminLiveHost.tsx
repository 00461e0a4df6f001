import {
  Badge,
  Box,
  Button,
  Flex,
  Grid,
  Heading,
  HStack,
  Kbd,
  Stack,
  Text,
  VisuallyHidden,
  VStack,
} from '@chakra-ui/react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo } from 'react'
import { Link as RouterLink, useParams } from 'react-router'
import {
  LuArrowRight,
  LuChartBar,
  LuFlag,
  LuPlay,
  LuSkipForward,
  LuSquare,
  LuTable,
  LuTrophy,
  LuUsers,
} from 'react-icons/lu'
import { unwrap } from '../api/client'
import { isApiError } from '../api/errors'
import type { LiveAction, LiveState } from '../api/types'
import { closeSession, getSession, liveAction, liveState } from '../client'
import { ChoiceTiles } from '../components/ChoiceTiles'
import { ConfirmButton } from '../components/ConfirmButton'
import { JoinLinkWarning } from '../components/JoinLinkWarning'
import { JoinQrCode } from '../components/JoinQrCode'
import { Leaderboard } from '../components/Leaderboard'
import { LiveCountdown } from '../components/LiveCountdown'
import { LiveIndicator } from '../components/LiveIndicator'
import { Logo } from '../components/Logo'
import { PlayerActions } from '../components/PlayerActions'
import { PlayerNames } from '../components/PlayerNames'
import { Podium } from '../components/Podium'
import { QuizProgress } from '../components/QuizProgress'
import { ScreenControls } from '../components/ScreenControls'
import { SessionCodeDisplay } from '../components/SessionCodeDisplay'
import { EmptyView, ErrorState, InlineError, LoadingState } from '../components/StateViews'
import { toaster } from '../components/Toaster'
import { VoteBars } from '../components/VoteBars'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useJoinLinkBase } from '../hooks/useJoinLinkBase'
import { liveQueryKey, received, useLiveState, type LoadedLive } from '../hooks/useLiveState'
import { normalizeJoinCode } from '../lib/joinCode'

// Enough names for a class in the lobby; the count covers the rest.
const LOBBY_NAMES = 50

/** The step Space or Enter takes in each phase. */
function mainAction(state: LiveState): LiveAction | null {
  if (state.status !== 'open') return null
  if (state.phase === 'lobby') return 'start'
  if (state.phase === 'question') return 'end'
  if (state.phase === 'reveal') return 'next'
  return null
}

function isLastQuestion(state: LiveState): boolean {
  return (state.question_index ?? 0) + 1 >= state.question_count
}

/** Keys typed into a control belong to it: Space on a focused button presses that button. */
function isControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.closest('button, a, input, textarea, select, [role="button"]') !== null
}

function hostAnnouncement(state: LiveState): string {
  const position = `Question ${(state.question_index ?? 0) + 1} of ${state.question_count}`
  switch (state.phase) {
    case 'lobby':
      return 'Waiting for players to join.'
    case 'question':
      return state.question ? `${position}: ${state.question.prompt}` : position
    case 'reveal': {
      const right = state.question?.choices.find((c) => c.id === state.reveal?.correct_choice_id)
      return `${position} has ended. The answer was ${right?.text ?? ''}.`
    }
    default:
      return state.podium?.top[0] ? `The podium. ${state.podium.top[0].display_name} wins.` : 'The game is over.'
  }
}

/** The teacher's screen for a live session (also fit for the projector): they lead every step. */
export default function AdminLiveHost() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const queryClient = useQueryClient()
  const session = useQuery({ queryKey: ['session', code], queryFn: () => unwrap(getSession({ path: { code } })) })
  const load = useCallback(() => unwrap(liveState({ path: { code } })), [code])
  const { query, events, refresh, answeredCount, participantCount } = useLiveState(code, {
    load,
    limit: LOBBY_NAMES,
  })
  const state = query.data?.state
  const joinAddress = useJoinLinkBase()
  useDocumentTitle(session.data ? `Live: ${session.data.quiz_title}` : 'Live session')

  const act = useMutation({
    mutationFn: (vars: { action: LiveAction; version: number }) =>
      unwrap(liveAction({ path: { code, action: vars.action }, body: { phase_version: vars.version } })),
    onSuccess: (next) => {
      queryClient.setQueryData<LoadedLive>(liveQueryKey(code), (old) =>
        old && old.state.phase_version > next.phase_version ? old : received(next),
      )
    },
    // The game moved on since this screen last looked (a second click, another tab, the clock): catch up.
    onError: (error) => {
      if (isApiError(error, 409)) refresh()
    },
  })

  const run = useCallback(
    (action: LiveAction) => {
      if (!state || act.isPending) return
      act.mutate({ action, version: state.phase_version })
    },
    [state, act],
  )
  const finish = () =>
    state
      ? act.mutateAsync({ action: 'finish', version: state.phase_version }).catch((error: unknown) => {
          if (!isApiError(error, 409)) throw error
        })
      : Promise.resolve()

  const close = useMutation({
    mutationFn: () => unwrap(closeSession({ path: { code } })),
    onSuccess: (closed) => {
      queryClient.setQueryData(['session', code], closed)
      void queryClient.invalidateQueries({ queryKey: ['quiz-sessions', closed.quiz_id] })
      refresh()
      toaster.create({ title: 'Session closed', description: 'The results are ready.', type: 'success' })
    },
  })

  const primary = state ? mainAction(state) : null
  useEffect(() => {
    if (!primary) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== ' ' && event.key !== 'Enter') return
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isControl(event.target)) return
      event.preventDefault()
      run(primary)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [primary, run])

  const previousRanks = useMemo(
    () => new Map((state?.reveal?.top ?? []).map((entry) => [entry.participant_id, entry.previous_rank])),
    [state?.reveal],
  )

  const title = session.data?.quiz_title ?? 'Live session'
  const notLive = session.data?.mode !== undefined && session.data.mode !== 'live'
  const actionError =
    act.isError && !isApiError(act.error, 409) && act.variables?.version === state?.phase_version ? act.error : null
  const endGame = (
    <ConfirmButton
      variant="ghost"
      colorPalette="red"
      size="lg"
      title="End the game now?"
      description="The questions left are skipped and everyone goes to the podium. The answers so far count."
      confirmLabel="End game"
      onConfirm={finish}
      pending={act.isPending}
      error={actionError}
      disabled={act.isPending}
    >
      <LuFlag /> End game
    </ConfirmButton>
  )
  const hint = (label: string) => (
    <Text fontSize="sm" color="fg.muted" hideBelow="md">
      or press <Kbd>Space</Kbd> to {label}
    </Text>
  )

  let main: React.ReactNode
  if (session.isPending || query.isPending) {
    main = <LoadingState label="Loading the game…" />
  } else if (notLive || (query.isError && isApiError(query.error, 409))) {
    main = (
      <EmptyView title="This session isn't live" description="Its players answer at their own pace.">
        <Button asChild>
          <RouterLink to={`/admin/sessions/${code}`}>Go to the session</RouterLink>
        </Button>
      </EmptyView>
    )
  } else if (session.isError && isApiError(session.error, 404)) {
    main = (
      <EmptyView title={`No session with the code ${code}`} description="Open a new session from a quiz.">
        <Button asChild>
          <RouterLink to="/admin">Your quizzes</RouterLink>
        </Button>
      </EmptyView>
    )
  } else if (!state) {
    const error = query.error ?? session.error
    main = <ErrorState error={error} title="The game didn't load" onRetry={() => void query.refetch()} />
  } else if (state.phase === 'lobby') {
    const entries = events.leaderboard?.entries ?? []
    main = (
      <Grid
        flex="1"
        templateColumns={{ base: '1fr', lg: 'minmax(0, 2fr) minmax(0, 3fr)' }}
        gap={{ base: '6', xl: '10' }}
        alignItems="start"
        as="section"
        aria-labelledby="lobby-heading"
      >
        <VStack gap="6" bg="app.card" borderRadius="3xl" p={{ base: '6', xl: '8' }} boxShadow="lg">
          {!joinAddress.reachable && <JoinLinkWarning />}
          <SessionCodeDisplay code={code} base={joinAddress.base} size="xl" />
          <JoinQrCode code={code} base={joinAddress.base} size={240} />
        </VStack>
        <Stack gap="6">
          <HStack justify="space-between" wrap="wrap" gap="4">
            <Heading as="h2" id="lobby-heading" size={{ base: '2xl', xl: '4xl' }}>
              Waiting for players
            </Heading>
            <HStack fontSize={{ base: '2xl', xl: '3xl' }} fontWeight="black" gap="3">
              <LuUsers aria-hidden />
              <Text data-testid="participant-count">
                {participantCount} {participantCount === 1 ? 'player' : 'players'}
              </Text>
            </HStack>
          </HStack>
          {participantCount === 0 ? (
            <EmptyView
              icon={<LuUsers />}
              title="Nobody here yet"
              description="Scan the QR code or type the code to join. Names appear here as players arrive."
            />
          ) : (
            <PlayerNames
              entries={entries}
              count={participantCount}
              size="lg"
              actions={(entry) => <PlayerActions code={code} player={entry} size="xs" />}
            />
          )}
          <HStack gap="4" wrap="wrap">
            <Button
              size="2xl"
              onClick={() => run('start')}
              loading={act.isPending}
              disabled={participantCount === 0}
              data-testid="main-action"
            >
              <LuPlay /> Start
            </Button>
            {participantCount > 0 && hint('start')}
          </HStack>
          <InlineError error={actionError} title="The game didn't start" />
        </Stack>
      </Grid>
    )
  } else if (state.phase === 'question' && state.question) {
    const question = state.question
    main = (
      <Stack gap={{ base: '5', xl: '8' }} flex="1" as="section" aria-labelledby="question-prompt">
        <QuizProgress index={state.question_index ?? 0} total={state.question_count} points={question.points} />
        <Heading
          as="h2"
          id="question-prompt"
          size={{ base: '3xl', lg: '5xl', '2xl': '6xl' }}
          textAlign="center"
          lineHeight="short"
          py={{ base: '2', xl: '6' }}
        >
          {question.prompt}
        </Heading>
        <LiveCountdown
          state={state}
          serverOffsetMs={query.data?.serverOffsetMs}
          onExpire={refresh}
          size="lg"
          untimed={
            <Text textAlign="center" color="fg.muted" fontSize="lg">
              No time limit: end the question when you're ready.
            </Text>
          }
        />
        <ChoiceTiles choices={question.choices} />
        <Flex
          justify="space-between"
          align="center"
          gap="4"
          wrap="wrap"
          mt="auto"
          pt="4"
          borderTopWidth="1px"
          borderColor="border"
        >
          <Text fontSize={{ base: '2xl', xl: '4xl' }} fontWeight="black" data-testid="answered-count">
            {answeredCount} of {participantCount} answered
          </Text>
          <HStack gap="3" wrap="wrap">
            {hint('end the question')}
            <Button size="2xl" onClick={() => run('end')} loading={act.isPending} data-testid="main-action">
              <LuSquare /> End question
            </Button>
            <Button size="2xl" variant="outline" onClick={() => run('skip')} disabled={act.isPending}>
              <LuSkipForward /> Skip
            </Button>
            {endGame}
          </HStack>
        </Flex>
        <InlineError error={actionError} title="That didn't go through" />
      </Stack>
    )
  } else if (state.phase === 'reveal' && state.question && state.reveal) {
    const question = state.question
    const reveal = state.reveal
    const right = question.choices.find((c) => c.id === reveal.correct_choice_id)
    const last = isLastQuestion(state)
    main = (
      <Stack gap={{ base: '5', xl: '8' }} flex="1" as="section" aria-labelledby="reveal-heading">
        <QuizProgress index={state.question_index ?? 0} total={state.question_count} />
        <Box textAlign="center">
          <Text fontSize={{ base: 'xl', xl: '3xl' }} color="fg.muted" fontWeight="semibold">
            {question.prompt}
          </Text>
          <Heading as="h2" id="reveal-heading" size={{ base: '3xl', lg: '5xl' }} lineHeight="short">
            <Text as="span" color="green.fg">
              {right?.text}
            </Text>
          </Heading>
        </Box>
        <Grid
          templateColumns={{ base: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }}
          gap={{ base: '6', xl: '10' }}
          alignItems="start"
        >
          <VoteBars choices={question.choices} votes={reveal.votes} correctId={reveal.correct_choice_id} size="lg" />
          <Stack gap="4" as="section" aria-labelledby="top-heading">
            <Heading as="h3" id="top-heading" size={{ base: 'xl', xl: '2xl' }}>
              Top {reveal.top.length}
            </Heading>
            {reveal.top.length === 0 ? (
              <Text color="fg.muted">Nobody has scored yet.</Text>
            ) : (
              <Leaderboard
                entries={reveal.top}
                size="lg"
                label="Top players"
                previousRanks={previousRanks}
                rowActions={(row) => <PlayerActions code={code} player={row} />}
                actionsOnHover
              />
            )}
          </Stack>
        </Grid>
        <Flex justify="end" align="center" gap="3" wrap="wrap" mt="auto" pt="4" borderTopWidth="1px">
          {hint(last ? 'show the podium' : 'go on')}
          <Button size="2xl" onClick={() => run('next')} loading={act.isPending} data-testid="main-action">
            {last ? (
              <>
                <LuTrophy /> Show podium
              </>
            ) : (
              <>
                Next question <LuArrowRight />
              </>
            )}
          </Button>
          {!last && endGame}
        </Flex>
        <InlineError error={actionError} title="That didn't go through" />
      </Stack>
    )
  } else {
    const closed = state.status === 'closed' || session.data?.status === 'closed'
    main = (
      <Stack gap={{ base: '6', xl: '10' }} flex="1" as="section" aria-labelledby="podium-heading">
        <Heading as="h2" id="podium-heading" size={{ base: '3xl', xl: '5xl' }} textAlign="center">
          <span aria-hidden>🏆 </span>
          {closed ? "That's a wrap!" : 'The podium'}
        </Heading>
        {state.podium && state.podium.top.length > 0 ? (
          <Podium top={state.podium.top} size="lg" />
        ) : (
          <EmptyView icon={<LuUsers />} title="Nobody played" />
        )}
        <HStack justify="center" gap="3" wrap="wrap" mt="auto">
          {!closed && (
            <Button size="xl" colorPalette="red" onClick={() => close.mutate()} loading={close.isPending}>
              <LuSquare /> Close session
            </Button>
          )}
          <Button asChild size="xl" variant={closed ? 'solid' : 'outline'}>
            <RouterLink to={`/admin/sessions/${code}/results`}>
              <LuTable /> Results
            </RouterLink>
          </Button>
          <Button asChild size="xl" variant="outline">
            <RouterLink to={`/admin/sessions/${code}/analytics`}>
              <LuChartBar /> Question analytics
            </RouterLink>
          </Button>
        </HStack>
        {closed && (
          <Text textAlign="center" color="fg.muted">
            The session is closed. The standings are final.
          </Text>
        )}
        <InlineError error={close.error} title="The session didn't close" />
      </Stack>
    )
  }

  return (
    <Flex
      direction="column"
      minH="100dvh"
      bg="app.bg"
      px={{ base: '4', md: '8', xl: '12' }}
      py={{ base: '4', md: '6' }}
      gap="6"
    >
      <HStack justify="space-between" gap="3" wrap="wrap">
        <HStack gap="4" minW="0">
          <Logo size="lg" />
          <Heading as="h1" size={{ base: 'xl', md: '2xl' }} truncate maxW="50vw">
            {title}
          </Heading>
          <Badge colorPalette="purple" variant="subtle" size="lg">
            Live
          </Badge>
        </HStack>
        <HStack gap="2" wrap="wrap">
          <LiveIndicator status={events.status} closed={state?.status === 'closed'} />
          {query.isError && state && (
            <Badge colorPalette="orange" variant="subtle" role="status">
              Trying to reach the server…
            </Badge>
          )}
          <ScreenControls code={code} backLabel="Session" />
        </HStack>
      </HStack>
      <Flex direction="column" flex="1" maxW="8xl" w="full" mx="auto">
        {main}
      </Flex>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="phase-announcer">
        {state ? hostAnnouncement(state) : ''}
      </VisuallyHidden>
    </Flex>
  )
}
