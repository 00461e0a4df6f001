import { Box, Container, VisuallyHidden, VStack } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { isApiError } from '../api/errors'
import type { LiveState, Session } from '../api/types'
import { useAuth } from '../auth/AuthProvider'
import { LinkButton } from '../components/Links'
import { LiveEnd } from '../components/LiveEnd'
import { LiveIndicator } from '../components/LiveIndicator'
import { LiveLobby } from '../components/LiveLobby'
import { LiveQuestionCard } from '../components/LiveQuestionCard'
import { PlayHeader } from '../components/PlayHeader'
import { RemovedView } from '../components/RemovedView'
import { revealHeadline, standingLine } from '../components/RevealResult'
import { EmptyView, ErrorState, InlineError, LoadingState } from '../components/StateViews'
import { UnknownCodeView } from '../components/UnknownCodeView'
import { useLiveState } from '../hooks/queries/live'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useLivePick } from '../hooks/useLivePick'
import { useRemoval } from '../hooks/useRemoval'
import { choiceText } from '../lib/choiceText'
import { ordinal } from '../lib/ordinal'

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

/** Why there is no game to show: it is loading, unknown, over, or didn't load. */
function NoGame({ query, code }: { query: ReturnType<typeof useLiveState>['query']; code: string }) {
  if (!query.isError) return <LoadingState label="Joining the game…" />
  if (isApiError(query.error, 404)) return <UnknownCodeView code={code} />
  if (isApiError(query.error, 409))
    return (
      <EmptyView title="This quiz has ended" description="Ask your teacher for a new code.">
        <LinkButton to="/join">Join another quiz</LinkButton>
      </EmptyView>
    )
  return <ErrorState error={query.error} title="We couldn't join the game" onRetry={() => void query.refetch()} />
}

/** A player's screen for a live session: the host paces everyone through the same questions. */
export function LivePlay({ code, session }: { code: string; session: Session }) {
  useDocumentTitle(session.quiz_title)
  const auth = useAuth()
  const { query, events, refresh, answeredCount, participantCount } = useLiveState(code, {
    asPlayer: true,
    limit: 3,
  })
  const state = query.data?.state
  const pick = useLivePick(code, state, refresh)

  const removal = useRemoval(events.removed, query.error)
  if (removal !== null) return <RemovedView message={removal} />

  let main: ReactNode
  if (!state) {
    main = <NoGame query={query} code={code} />
  } else if (state.phase === 'lobby') {
    main = (
      <LiveLobby name={auth.status === 'signed-in' ? auth.user.display_name : ''} participantCount={participantCount} />
    )
  } else if ((state.phase === 'question' || state.phase === 'reveal') && state.question) {
    main = (
      <LiveQuestionCard
        state={state}
        question={state.question}
        serverOffsetMs={query.data?.serverOffsetMs}
        pick={pick}
        answeredCount={answeredCount}
        participantCount={participantCount}
      />
    )
  } else {
    main = <LiveEnd state={state} />
  }

  return (
    <Container maxW="3xl" py={{ base: '4', md: '8' }}>
      <PlayHeader title={session.quiz_title} code={code}>
        <LiveIndicator status={events.status} closed={state?.status === 'closed'} />
      </PlayHeader>
      {query.isError && state && (
        <Box mb="4">
          <InlineError error={query.error} title="We lost touch with the game. Trying again…" />
        </Box>
      )}
      <VStack align="stretch">{main}</VStack>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="phase-announcer">
        {state ? phaseAnnouncement(state, pick.mine !== null, pick.timeUp) : ''}
      </VisuallyHidden>
    </Container>
  )
}
