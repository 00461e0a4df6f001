import { Badge, Flex, VisuallyHidden } from '@chakra-ui/react'
import { useParams } from 'react-router'
import { isApiError } from '../api/errors'
import type { LiveState } from '../api/types'
import { ClassScreenHeader } from '../components/ClassScreenHeader'
import { HostLobby } from '../components/liveHost/HostLobby'
import { HostPodium } from '../components/liveHost/HostPodium'
import { HostQuestion } from '../components/liveHost/HostQuestion'
import { HostReveal } from '../components/liveHost/HostReveal'
import { LinkButton } from '../components/Links'
import { LiveIndicator } from '../components/LiveIndicator'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { toaster } from '../components/Toaster'
import { useJoinLinkBase, type JoinAddress } from '../hooks/queries/joinLink'
import { useLiveState } from '../hooks/queries/live'
import { useCloseSession, useSession } from '../hooks/queries/sessions'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useLiveHost, type LiveHost } from '../hooks/useLiveHost'
import { choiceText } from '../lib/choiceText'
import { normalizeJoinCode } from '../lib/joinCode'

// Enough names for a class in the lobby; the count covers the rest.
const LOBBY_NAMES = 50

function hostAnnouncement(state: LiveState): string {
  const position = `Question ${(state.question_index ?? 0) + 1} of ${state.question_count}`
  switch (state.phase) {
    case 'lobby':
      return 'Waiting for players to join.'
    case 'question':
      return state.question ? `${position}: ${state.question.prompt}` : position
    case 'reveal': {
      const right = state.question ? choiceText(state.question, state.reveal?.correct_choice_id) : ''
      return `${position} has ended. The answer was ${right}.`
    }
    default:
      return state.podium?.top[0] ? `The podium. ${state.podium.top[0].display_name} wins.` : 'The game is over.'
  }
}

/** The phase of the game the host is leading, or why there is none to show. */
function HostStage({
  code,
  session,
  live,
  joinAddress,
  host,
  close,
}: {
  code: string
  session: ReturnType<typeof useSession>
  live: ReturnType<typeof useLiveState>
  joinAddress: JoinAddress
  host: LiveHost
  close: ReturnType<typeof useCloseSession>
}) {
  const { query, events, refresh } = live
  const state = query.data?.state
  if (session.isPending || query.isPending) return <LoadingState label="Loading the game…" />
  if (
    (session.data?.mode !== undefined && session.data.mode !== 'live') ||
    (query.isError && isApiError(query.error, 409))
  )
    return (
      <EmptyView title="This session isn't live" description="Its players answer at their own pace.">
        <LinkButton to={`/admin/sessions/${code}`}>Go to the session</LinkButton>
      </EmptyView>
    )
  if (session.isError && isApiError(session.error, 404))
    return (
      <EmptyView title={`No session with the code ${code}`} description="Open a new session from a quiz.">
        <LinkButton to="/admin">Your quizzes</LinkButton>
      </EmptyView>
    )
  if (!state)
    return (
      <ErrorState
        error={query.error ?? session.error}
        title="The game didn't load"
        onRetry={() => void query.refetch()}
      />
    )
  if (state.phase === 'lobby')
    return (
      <HostLobby
        code={code}
        joinAddress={joinAddress}
        entries={events.leaderboard?.entries ?? []}
        participantCount={live.participantCount}
        host={host}
      />
    )
  if (state.phase === 'question' && state.question)
    return (
      <HostQuestion
        state={state}
        question={state.question}
        serverOffsetMs={query.data?.serverOffsetMs}
        onExpire={refresh}
        answeredCount={live.answeredCount}
        participantCount={live.participantCount}
        host={host}
      />
    )
  if (state.phase === 'reveal' && state.question && state.reveal)
    return <HostReveal code={code} state={state} question={state.question} reveal={state.reveal} host={host} />
  const closed = state.status === 'closed' || session.data?.status === 'closed'
  return <HostPodium code={code} podium={state.podium} closed={closed} close={close} />
}

/** The teacher's screen for a live session (also fit for the projector): they lead every step. */
export default function AdminLiveHost() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useSession(code)
  const live = useLiveState(code, { asPlayer: false, limit: LOBBY_NAMES })
  const { query, events, refresh } = live
  const state = query.data?.state
  const joinAddress = useJoinLinkBase()
  useDocumentTitle(session.data ? `Live: ${session.data.quiz_title}` : 'Live session')
  const host = useLiveHost(code, state)
  const close = useCloseSession(code, () => {
    refresh()
    toaster.create({ title: 'Session closed', description: 'The results are ready.', type: 'success' })
  })

  return (
    <Flex
      direction="column"
      minH="100dvh"
      bg="app.bg"
      px={{ base: '4', md: '8', xl: '12' }}
      py={{ base: '4', md: '6' }}
      gap="6"
    >
      <ClassScreenHeader
        title={session.data?.quiz_title ?? 'Live session'}
        titleSize={{ base: 'xl', md: '2xl' }}
        titleMaxW="50vw"
        tag={
          <Badge colorPalette="purple" variant="subtle" size="lg">
            Live
          </Badge>
        }
        code={code}
        backLabel="Session"
      >
        <LiveIndicator status={events.status} closed={state?.status === 'closed'} />
        {query.isError && state && (
          <Badge colorPalette="orange" variant="subtle" role="status">
            Trying to reach the server…
          </Badge>
        )}
      </ClassScreenHeader>
      <Flex direction="column" flex="1" maxW="8xl" w="full" mx="auto">
        <HostStage code={code} session={session} live={live} joinAddress={joinAddress} host={host} close={close} />
      </Flex>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="phase-announcer">
        {state ? hostAnnouncement(state) : ''}
      </VisuallyHidden>
    </Flex>
  )
}
