import {
  Badge,
  Box,
  Button,
  Card,
  Container,
  Heading,
  HStack,
  Spinner,
  Stack,
  Text,
  VisuallyHidden,
  VStack,
} from '@chakra-ui/react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { Link as RouterLink } from 'react-router'
import { LuLock, LuUsers } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { isApiError, isRemoval } from '../api/errors'
import { readAsPlayer } from '../api/readAsPlayer'
import type { LiveQuestion, LiveState, Session } from '../api/types'
import { useAuth } from '../auth/AuthProvider'
import { liveAnswer, liveState } from '../client'
import { AnswerButtons } from '../components/AnswerButtons'
import { AnswerNotSent } from '../components/AnswerNotSent'
import { FinalRank } from '../components/FinalRank'
import { LiveCountdown } from '../components/LiveCountdown'
import { LiveIndicator } from '../components/LiveIndicator'
import { Podium } from '../components/Podium'
import { QuizProgress } from '../components/QuizProgress'
import { REMOVED_TEXT, RemovedView } from '../components/RemovedView'
import { revealHeadline, RevealResult, standingLine } from '../components/RevealResult'
import { EmptyView, ErrorState, InlineError, LoadingState } from '../components/StateViews'
import { TimeUpNotice } from '../components/TimeUpNotice'
import { UnknownCodeView } from '../components/UnknownCodeView'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { liveQueryKey, useLiveState, type LoadedLive } from '../hooks/useLiveState'
import { ordinal } from '../lib/ordinal'

/** The live state; someone who arrives without having joined (e.g. a shared link) joins first. */
function loadLive(code: string): Promise<LiveState> {
  return readAsPlayer(code, () => unwrap(liveState({ path: { code } })))
}

function choiceText(question: LiveQuestion, choiceId: string | null | undefined): string {
  return question.choices.find((c) => c.id === choiceId)?.text ?? ''
}

function players(count: number): string {
  return `${count} ${count === 1 ? 'player' : 'players'}`
}

/** What a screen reader hears when the game moves on. */
function phaseAnnouncement(state: LiveState, locked: boolean, timeUp: boolean): string {
  const question = state.question
  switch (state.phase) {
    case 'lobby':
      return "You're in! Waiting for the teacher to start."
    case 'question': {
      if (!question) return ''
      const position = `Question ${(state.question_index ?? 0) + 1} of ${state.question_count}: ${question.prompt}.`
      if (locked) return `${position} Answer locked in.`
      return timeUp ? `${position} Time's up.` : position
    }
    case 'reveal': {
      const me = state.reveal?.me
      const answer = question && state.reveal ? choiceText(question, state.reveal.correct_choice_id) : ''
      if (!me) return `The answer was ${answer}.`
      const points = me.points_awarded > 0 ? ` Plus ${me.points_awarded} points.` : ''
      return `${revealHeadline(me).title}.${points} The answer was ${answer}. ${standingLine(me)}.`
    }
    default: {
      const me = state.podium?.me
      const place = me ? ` You finished ${ordinal(me.rank)} of ${state.participant_count}.` : ''
      return `The quiz has ended.${place}`
    }
  }
}

/** A player's screen for a live session: the host paces everyone through the same questions. */
export function LivePlay({ code, session }: { code: string; session: Session }) {
  useDocumentTitle(session.quiz_title)
  const auth = useAuth()
  const queryClient = useQueryClient()
  const load = useCallback(() => loadLive(code), [code])
  const { query, events, refresh, answeredCount, participantCount } = useLiveState(code, { load, limit: 3 })
  const state = query.data?.state
  const version = state?.phase_version ?? null
  // The phase version the local clock ran out in: a new question starts with a fresh clock.
  const [expiredIn, setExpiredIn] = useState<number | null>(null)

  const answer = useMutation({
    mutationFn: (vars: { questionId: string; choiceId: string; version: number }) =>
      unwrap(liveAnswer({ path: { code }, body: { question_id: vars.questionId, choice_id: vars.choiceId } })),
    onSuccess: (result) => {
      queryClient.setQueryData<LoadedLive>(liveQueryKey(code), (old) =>
        old && old.state.question?.id === result.question_id
          ? { ...old, state: { ...old.state, my_choice_id: result.choice_id } }
          : old,
      )
    },
    // The question ended (or another tab answered): the state says what now.
    onError: (error) => {
      if (isApiError(error, 409)) refresh()
    },
  })

  const question = state?.phase === 'question' ? state.question : null
  const forThisQuestion = answer.variables !== undefined && answer.variables.version === version
  const pendingPick = answer.isPending && forThisQuestion ? answer.variables.choiceId : null
  const mine = state?.my_choice_id ?? null
  const refused = answer.isError && forThisQuestion && isApiError(answer.error, 409)
  const failed = answer.isError && forThisQuestion && !refused
  const timeUp = mine === null && (expiredIn === version || refused)

  const choose = useCallback(
    (choiceId: string) => {
      if (!question || version === null || mine || answer.isPending || timeUp) return
      answer.mutate({ questionId: question.id, choiceId, version })
    },
    [question, version, mine, answer, timeUp],
  )

  const onExpire = useCallback(() => {
    setExpiredIn(version)
    refresh() // the server ends the question if nobody else has
  }, [version, refresh])

  // Kept once known: the poll that follows would otherwise flash the game back while it asks again.
  const [removed, setRemoved] = useState<string | null>(null)
  const removal = events.removed?.message ?? (isRemoval(query.error) ? REMOVED_TEXT : null)
  if (removal !== null && removed === null) setRemoved(removal)
  if (removed !== null || removal !== null) return <RemovedView message={removed ?? removal ?? undefined} />

  let main: React.ReactNode
  if (query.isPending) {
    main = <LoadingState label="Joining the game…" />
  } else if (query.isError && !state) {
    const error = query.error
    if (isApiError(error, 404)) {
      main = <UnknownCodeView code={code} />
    } else if (isApiError(error, 409)) {
      main = (
        <EmptyView title="This quiz has ended" description="Ask your teacher for a new code.">
          <Button asChild>
            <RouterLink to="/join">Join another quiz</RouterLink>
          </Button>
        </EmptyView>
      )
    } else {
      main = <ErrorState error={error} title="We couldn't join the game" onRetry={() => void query.refetch()} />
    }
  } else if (!state) {
    main = <LoadingState label="Joining the game…" />
  } else if (state.phase === 'lobby') {
    const name = auth.status === 'signed-in' ? auth.user.display_name : ''
    main = (
      <Card.Root bg="app.card" borderRadius="2xl" boxShadow="md" textAlign="center" data-testid="live-lobby">
        <Card.Body gap="5" py="10" alignItems="center">
          <Text fontSize="6xl" lineHeight="1" aria-hidden>
            🎮
          </Text>
          <Heading as="h2" size="3xl">
            You're in!
          </Heading>
          {name && (
            <Text fontSize="2xl" fontWeight="black" color="purple.fg" data-testid="my-name">
              {name}
            </Text>
          )}
          <HStack color="fg.muted" gap="2">
            <Spinner size="sm" aria-hidden />
            <Text>Waiting for the teacher to start…</Text>
          </HStack>
          <Text fontWeight="semibold" display="flex" alignItems="center" gap="1.5" data-testid="player-count">
            <LuUsers aria-hidden /> {players(participantCount)} here
          </Text>
        </Card.Body>
      </Card.Root>
    )
  } else if ((state.phase === 'question' || state.phase === 'reveal') && state.question) {
    const shown = state.question
    const reveal = state.phase === 'reveal' ? state.reveal : null
    const picked = reveal?.me?.choice_id ?? mine ?? pendingPick
    main = (
      <Card.Root bg="app.card" borderRadius="2xl" boxShadow="md" as="section" aria-labelledby="question-prompt">
        <Card.Body gap="5" p={{ base: '4', md: '6' }}>
          <QuizProgress index={state.question_index ?? 0} total={state.question_count} points={shown.points} />
          {!reveal && (
            <LiveCountdown
              state={state}
              serverOffsetMs={query.data?.serverOffsetMs}
              onExpire={onExpire}
              untimed={
                <Text fontSize="sm" color="fg.muted">
                  No time limit: your teacher ends this question.
                </Text>
              }
            />
          )}
          <Heading as="h2" id="question-prompt" size={{ base: '2xl', md: '3xl' }} lineHeight="short" py="2">
            {shown.prompt}
          </Heading>
          {reveal &&
            (reveal.me ? (
              <RevealResult
                outcome={reveal.me}
                correctChoiceId={reveal.correct_choice_id}
                correctText={choiceText(shown, reveal.correct_choice_id)}
              />
            ) : (
              <Text fontSize="lg">
                The answer was <strong>{choiceText(shown, reveal.correct_choice_id)}</strong>.
              </Text>
            ))}
          {timeUp && !reveal && <TimeUpNotice testId="time-up">Time's up! This question has ended.</TimeUpNotice>}
          <AnswerButtons
            choices={shown.choices}
            onAnswer={choose}
            disabled={reveal !== null || mine !== null || answer.isPending || timeUp}
            chosenId={picked}
            correctId={reveal?.correct_choice_id ?? null}
          />
          {!reveal && mine && (
            <HStack
              colorPalette="purple"
              bg="colorPalette.subtle"
              color="colorPalette.fg"
              p="4"
              borderRadius="xl"
              gap="3"
              data-testid="locked-in"
            >
              <LuLock aria-hidden />
              <Box>
                <Text fontWeight="black" fontSize="lg">
                  Answer locked in
                </Text>
                <Text>
                  You picked <strong>{choiceText(shown, mine)}</strong>. The answer comes when the question ends.
                </Text>
              </Box>
            </HStack>
          )}
          {failed && (
            <AnswerNotSent error={answer.error} onResend={() => answer.variables && answer.mutate(answer.variables)} />
          )}
          {!reveal && (
            <Text fontSize="sm" color="fg.muted" data-testid="answered-count">
              {answeredCount} of {players(participantCount)} answered
            </Text>
          )}
          {reveal ? (
            <Text color="fg.muted" display="flex" alignItems="center" gap="2">
              <Spinner size="xs" aria-hidden /> Waiting for the teacher to go on…
            </Text>
          ) : (
            !mine &&
            !timeUp && (
              <Text fontSize="xs" color="fg.muted" hideBelow="md">
                Tip: press 1–{shown.choices.length} on your keyboard to answer.
              </Text>
            )
          )}
        </Card.Body>
      </Card.Root>
    )
  } else {
    const podium = state.podium
    main = (
      <Stack gap="6">
        {podium && podium.top.length > 0 && (
          <Card.Root bg="app.card" borderRadius="2xl" as="section" aria-labelledby="podium-heading">
            <Card.Body gap="6" alignItems="stretch">
              <Heading as="h2" id="podium-heading" size="xl" textAlign="center">
                The podium
              </Heading>
              <Podium top={podium.top} meId={podium.me?.participant_id} />
            </Card.Body>
          </Card.Root>
        )}
        <FinalRank
          me={podium?.me}
          participantCount={state.participant_count}
          total={state.question_count}
          stillRunning={false}
          ended
        />
      </Stack>
    )
  }

  const closed = state?.status === 'closed'
  return (
    <Container maxW="3xl" py={{ base: '4', md: '8' }}>
      <HStack justify="space-between" mb="4" gap="3" wrap="wrap">
        <Heading as="h1" size={{ base: 'lg', md: 'xl' }} truncate>
          {session.quiz_title}
        </Heading>
        <HStack gap="2">
          <LiveIndicator status={events.status} closed={closed} />
          <Badge fontFamily="mono" letterSpacing="widest" size="lg" variant="surface">
            <VisuallyHidden>Code </VisuallyHidden>
            {code}
          </Badge>
        </HStack>
      </HStack>
      {query.isError && state && (
        <Box mb="4">
          <InlineError error={query.error} title="We lost touch with the game. Trying again…" />
        </Box>
      )}
      <VStack align="stretch">{main}</VStack>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="phase-announcer">
        {state ? phaseAnnouncement(state, mine !== null, timeUp) : ''}
      </VisuallyHidden>
    </Container>
  )
}
