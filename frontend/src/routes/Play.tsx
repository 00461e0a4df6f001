import {
  Badge,
  Box,
  Button,
  Card,
  Container,
  Grid,
  Heading,
  HStack,
  Stack,
  Text,
  VisuallyHidden,
} from '@chakra-ui/react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { LuArrowRight } from 'react-icons/lu'
import { unwrap, unwrapWithClock } from '../api/client'
import { isApiError, isRemoval, retryNetworkOnly } from '../api/errors'
import { readAsPlayer } from '../api/readAsPlayer'
import type { AnswerResult, Leaderboard, Session, Turn } from '../api/types'
import { getSession, getTurn, submitAnswer } from '../client'
import { AnswerButtons } from '../components/AnswerButtons'
import { AnswerFeedback, feedbackAnnouncement } from '../components/AnswerFeedback'
import { AnswerNotSent } from '../components/AnswerNotSent'
import { CountdownBar } from '../components/CountdownBar'
import { FinalRank } from '../components/FinalRank'
import { LeaderboardPanel } from '../components/LeaderboardPanel'
import { QuizProgress } from '../components/QuizProgress'
import { RankStrip } from '../components/RankStrip'
import { REMOVED_TEXT, RemovedView } from '../components/RemovedView'
import { ScoringBadges } from '../components/ScoringRule'
import { ErrorState, InlineError, LoadingState } from '../components/StateViews'
import { TimeUpNotice } from '../components/TimeUpNotice'
import { UnknownCodeView } from '../components/UnknownCodeView'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { normalizeJoinCode } from '../lib/joinCode'
import { LivePlay } from './LivePlay'

type LoadedTurn = { data: Turn; serverOffsetMs: number }

/** The current question; someone who arrives here without having joined (e.g. a shared link) joins first. */
function loadTurn(code: string): Promise<LoadedTurn> {
  return readAsPlayer(code, () => unwrapWithClock(getTurn({ path: { code } })))
}

/** Whether the standings can still change: someone listed has questions left, or not everyone is listed. */
function othersStillPlaying(leaderboard: Leaderboard | null | undefined, total: number): boolean {
  if (!leaderboard) return true
  if (leaderboard.participant_count > leaderboard.entries.length) return true
  return leaderboard.entries.some((entry) => entry.answered_count < total)
}

/** A session played live (paced by the host) or at each player's own pace: its mode says which. */
export default function Play() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useQuery({
    queryKey: ['session', code],
    queryFn: () => unwrap(getSession({ path: { code } })),
    retry: retryNetworkOnly,
  })
  // Decided once: a session that failed to load is pending again while it is retried, and the
  // screen below must not be thrown away (and remounted, and retried) each time.
  const [settled, setSettled] = useState(false)
  useEffect(() => {
    if (!session.isPending) setSettled(true)
  }, [session.isPending])

  if (session.isPending && !settled)
    return (
      <Container maxW="6xl" py={{ base: '4', md: '8' }}>
        <LoadingState label="Getting your question…" />
      </Container>
    )
  if (session.data?.mode === 'live') return <LivePlay code={code} session={session.data} />
  // The self-paced screen explains a session that didn't load (e.g. an unknown code) itself.
  return <SelfPacedPlay code={code} session={session.data} />
}

function SelfPacedPlay({ code, session }: { code: string; session: Session | undefined }) {
  const queryClient = useQueryClient()
  useDocumentTitle(session?.quiz_title ?? 'Play')
  const events = useSessionEvents(code, { limit: 10 })
  const status = events.session?.status ?? events.leaderboard?.status ?? session?.status
  const closed = status === 'closed'

  // The server keeps the served question (and its clock) until it is answered, so a refresh resumes it.
  const turnQuery = useQuery({
    queryKey: ['turn', code],
    queryFn: () => loadTurn(code),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: retryNetworkOnly,
  })
  const turn = turnQuery.data?.data
  const question = turn?.question ?? null

  const [chosenId, setChosenId] = useState<string | null>(null)
  const [result, setResult] = useState<AnswerResult | null>(null)
  const [timeUp, setTimeUp] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const promptHeading = useRef<HTMLHeadingElement>(null)
  const answerButtons = useRef<HTMLDivElement>(null)
  // Set by "Next question": the question that comes next then takes the focus and is announced.
  const movedOn = useRef(false)

  const answer = useMutation({
    // No choice (null) only once the time is up: the learner goes on without picking, and it scores nothing.
    mutationFn: (vars: { questionId: string; choiceId: string | null }) =>
      unwrap(submitAnswer({ path: { code }, body: { question_id: vars.questionId, choice_id: vars.choiceId } })),
    onSuccess: (answerResult) => {
      setResult(answerResult)
      const correctText = question?.choices.find((c) => c.id === answerResult.correct_choice_id)?.text ?? ''
      setAnnouncement(feedbackAnnouncement(answerResult, correctText))
      void queryClient.invalidateQueries({ queryKey: ['my-sessions'] })
    },
    onError: (error) => {
      // The server moved on without us (another tab answered, or the session closed): catch up.
      if (isApiError(error, 409)) {
        void queryClient.invalidateQueries({ queryKey: ['session', code] })
      }
      // No longer a player here (removed while the stream was down): reading the turn says why.
      if (isApiError(error, 403)) void turnQuery.refetch()
    },
  })

  const choose = useCallback(
    (choiceId: string) => {
      if (!question || answer.isPending || result) return
      setChosenId(choiceId)
      answer.mutate({ questionId: question.id, choiceId })
    },
    [question, answer, result],
  )

  // Time's up and nothing picked: go on without an answer (the server takes it as late, 0 points).
  const skip = useCallback(() => {
    if (!question || answer.isPending || result) return
    answer.mutate({ questionId: question.id, choiceId: null })
  }, [question, answer, result])

  const next = useCallback(() => {
    movedOn.current = true
    setChosenId(null)
    setResult(null)
    setTimeUp(false)
    setAnnouncement('')
    answer.reset()
    void queryClient.resetQueries({ queryKey: ['turn', code] })
  }, [answer, queryClient, code])

  // The button pressed to go on is gone with the old question: the new one takes the focus, and says
  // where the player is (its progress line is not read on its own).
  useEffect(() => {
    if (!question || !turn || !movedOn.current) return
    movedOn.current = false
    promptHeading.current?.focus()
    setAnnouncement(`Question ${Math.min(turn.index + 1, turn.total)} of ${turn.total}: ${question.prompt}`)
  }, [question?.id]) // Only a new question, not a new copy of the same one.

  // Focusing "Next question" scrolls it into view, which on a phone can push the pick up under the
  // sticky header and strip: bring the pick back down, just under them (the buttons' scroll margin).
  useEffect(() => {
    if (!result || !question) return
    const index = question.choices.findIndex((c) => c.id === result.choice_id)
    answerButtons.current?.querySelectorAll('button')[index]?.scrollIntoView({ block: 'nearest' })
  }, [result]) // Once per answer.

  const onExpire = useCallback(() => {
    setTimeUp(true)
    setAnnouncement("Time's up. Press Next to go on, or still pick an answer; it won't score.")
  }, [])

  // A stream refused on reconnecting may mean this player was removed while it was down.
  const streamRefused = events.status === 'stopped' && events.httpStatus === 403
  useEffect(() => {
    if (streamRefused && !events.removed) void turnQuery.refetch()
  }, [streamRefused]) // Once per refusal.

  // Kept once known: a later refetch of the turn would otherwise flash the question screen back.
  const [removed, setRemoved] = useState<string | null>(null)
  const removal = events.removed?.message ?? (isRemoval(turnQuery.error) ? REMOVED_TEXT : null)
  if (removal !== null && removed === null) setRemoved(removal)
  if (removed !== null || removal !== null) return <RemovedView message={removed ?? removal ?? undefined} />

  const leaderboard = events.leaderboard
  const total = turn?.total ?? session?.question_count ?? 0

  let main: React.ReactNode
  let answering = false
  if (turnQuery.isPending) {
    main = <LoadingState label="Getting your question…" />
  } else if (turnQuery.isError) {
    const error = turnQuery.error
    if (isApiError(error, 404)) {
      main = <UnknownCodeView code={code} />
    } else if (isApiError(error, 409) || closed) {
      main = (
        <FinalRank
          ended
          me={leaderboard?.me}
          participantCount={leaderboard?.participant_count ?? 0}
          total={total}
          stillRunning={false}
        />
      )
    } else {
      main = (
        <ErrorState error={error} title="We couldn't load your question" onRetry={() => void turnQuery.refetch()} />
      )
    }
  } else if (!turn || turn.finished || !question) {
    main = (
      <FinalRank
        me={leaderboard?.me}
        participantCount={leaderboard?.participant_count ?? 0}
        total={turn?.total ?? total}
        stillRunning={!closed && othersStillPlaying(leaderboard, turn?.total ?? total)}
      />
    )
  } else if (closed && !result) {
    main = (
      <FinalRank
        ended
        me={leaderboard?.me}
        participantCount={leaderboard?.participant_count ?? 0}
        total={total}
        stillRunning={false}
      />
    )
  } else {
    answering = true
    const correctText = result ? (question.choices.find((c) => c.id === result.correct_choice_id)?.text ?? '') : ''
    main = (
      <Card.Root bg="app.card" borderRadius="2xl" boxShadow="md" as="section" aria-labelledby="question-prompt">
        <Card.Body gap="5" p={{ base: '4', md: '6' }}>
          <QuizProgress index={turn.index} total={turn.total} points={question.points} />
          {turn.deadline && turn.served_at ? (
            <CountdownBar
              key={question.id}
              servedAt={turn.served_at}
              deadline={turn.deadline}
              serverOffsetMs={turnQuery.data?.serverOffsetMs}
              stopped={chosenId !== null}
              onExpire={onExpire}
            />
          ) : (
            <Text fontSize="sm" color="fg.muted">
              No time limit: take your time.
            </Text>
          )}
          <Heading
            as="h2"
            id="question-prompt"
            ref={promptHeading}
            tabIndex={-1}
            outline="none"
            size={{ base: '2xl', md: '3xl' }}
            lineHeight="short"
            py="2"
          >
            {question.prompt}
          </Heading>
          {timeUp && !result && (
            <Stack gap="3" data-testid="time-up">
              <TimeUpNotice>
                Time's up! Press Next to go on, or still pick an answer. It won't score points.
              </TimeUpNotice>
              <Button
                alignSelf="start"
                size="xl"
                onClick={skip}
                loading={answer.isPending && answer.variables?.choiceId === null}
                disabled={answer.isPending}
                data-testid="skip-question"
              >
                Next <LuArrowRight />
              </Button>
            </Stack>
          )}
          <Box ref={answerButtons} css={{ '& button': { scrollMarginTop: { base: '24', lg: '16' } } }}>
            <AnswerButtons
              choices={question.choices}
              onAnswer={choose}
              disabled={answer.isPending || result !== null}
              chosenId={chosenId}
              correctId={result?.correct_choice_id ?? null}
            />
          </Box>
          {answer.isError && !isApiError(answer.error, 409) && (
            <AnswerNotSent error={answer.error} onResend={() => answer.variables && answer.mutate(answer.variables)} />
          )}
          {answer.isError && isApiError(answer.error, 409) && (
            <Stack gap="2">
              <InlineError error={answer.error} title="That answer didn't count" />
              <Button alignSelf="start" variant="outline" onClick={next}>
                Continue
              </Button>
            </Stack>
          )}
          {result && (
            <AnswerFeedback
              result={result}
              correctText={correctText}
              isLast={turn.index + 1 >= turn.total}
              onNext={next}
            />
          )}
          <Text fontSize="xs" color="fg.muted" hideBelow="md">
            Tip: press 1–{question.choices.length} on your keyboard to answer.
          </Text>
        </Card.Body>
      </Card.Root>
    )
  }

  return (
    <Container maxW="6xl" py={{ base: '4', md: '8' }}>
      <HStack justify="space-between" mb="4" gap="3" wrap="wrap">
        <Heading as="h1" size={{ base: 'lg', md: 'xl' }} truncate>
          {session?.quiz_title ?? 'Quiz'}
        </Heading>
        <Badge fontFamily="mono" letterSpacing="widest" size="lg" variant="surface">
          <VisuallyHidden>Code </VisuallyHidden>
          {code}
        </Badge>
      </HStack>
      {session && (
        <Box mt="-2" mb="4">
          <ScoringBadges scoring={session.scoring} streakBonus={session.streak_bonus} size="sm" forPlayers />
        </Box>
      )}
      {/* On a phone the leaderboard is below the question: the player's place stays in sight above it. */}
      {answering && <RankStrip leaderboard={leaderboard} />}
      <Grid
        templateColumns={{ base: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' }}
        gap={{ base: '4', md: '6' }}
        alignItems="start"
      >
        <Box>{main}</Box>
        <LeaderboardPanel leaderboard={leaderboard} status={events.status} closed={closed} />
      </Grid>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="answer-announcer">
        {announcement}
      </VisuallyHidden>
    </Container>
  )
}
