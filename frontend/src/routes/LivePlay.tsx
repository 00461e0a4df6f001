import { Box, Container, VisuallyHidden, VStack } from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
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
import { useFormat } from '../hooks/useFormat'
import { useLivePick } from '../hooks/useLivePick'
import { useRemoval } from '../hooks/useRemoval'
import { choiceText } from '../lib/choiceText'

type Format = ReturnType<typeof useFormat>

/** What a screen reader hears when the game moves on. */
function phaseAnnouncement(state: LiveState, locked: boolean, timeUp: boolean, t: TFunction, f: Format): string {
  const question = state.question
  switch (state.phase) {
    case 'lobby':
      return t('live.livePlay.announce.lobby')
    case 'question': {
      if (!question) return ''
      const position = { number: (state.question_index ?? 0) + 1, total: state.question_count, prompt: question.prompt }
      if (locked) return t('live.livePlay.announce.questionLocked', position)
      return timeUp
        ? t('live.livePlay.announce.questionTimeUp', position)
        : t('live.livePlay.announce.question', position)
    }
    case 'reveal': {
      const me = state.reveal?.me
      const answer = question && state.reveal ? choiceText(question, state.reveal.correct_choice_id) : ''
      if (!me) return t('live.livePlay.announce.answer', { answer })
      const result = { headline: revealHeadline(me, t).spoken, answer, standing: standingLine(me, t, f) }
      return me.points_awarded > 0
        ? t('live.livePlay.announce.resultWithPoints', { ...result, count: me.points_awarded })
        : t('live.livePlay.announce.result', result)
    }
    default: {
      const me = state.podium?.me
      return me
        ? t('live.livePlay.announce.finished', { count: me.rank, ordinal: true, total: state.participant_count })
        : t('live.livePlay.announce.ended')
    }
  }
}

/** Why there is no game to show: it is loading, unknown, over, or didn't load. */
function NoGame({ query, code }: { query: ReturnType<typeof useLiveState>['query']; code: string }) {
  const { t } = useTranslation()
  if (!query.isError) return <LoadingState label={t('live.livePlay.joining')} />
  if (isApiError(query.error, 404)) return <UnknownCodeView code={code} />
  if (isApiError(query.error, 409))
    return (
      <EmptyView title={t('live.livePlay.ended.title')} description={t('live.livePlay.ended.description')}>
        <LinkButton to="/join">{t('live.livePlay.ended.joinAnother')}</LinkButton>
      </EmptyView>
    )
  return <ErrorState error={query.error} title={t('live.livePlay.joinFailed')} onRetry={() => void query.refetch()} />
}

/** A player's screen for a live session: the host paces everyone through the same questions. */
export function LivePlay({ code, session }: { code: string; session: Session }) {
  useDocumentTitle(session.quiz_title)
  const { t } = useTranslation()
  const f = useFormat()
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
          <InlineError error={query.error} title={t('live.livePlay.lostTouch')} />
        </Box>
      )}
      <VStack align="stretch">{main}</VStack>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="phase-announcer">
        {state ? phaseAnnouncement(state, pick.mine !== null, pick.timeUp, t, f) : ''}
      </VisuallyHidden>
    </Container>
  )
}
