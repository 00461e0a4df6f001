import { Badge, Flex, VisuallyHidden } from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { isApiError } from '../api/errors'
import type { LiveState } from '../api/types'
import { ClassScreenHeader, ClassScreenLanguage } from '../components/ClassScreenHeader'
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

function hostAnnouncement(t: TFunction, state: LiveState): string {
  const position = { number: (state.question_index ?? 0) + 1, total: state.question_count }
  switch (state.phase) {
    case 'lobby':
      return t('host.liveHost.announce.lobby')
    case 'question':
      return state.question
        ? t('host.liveHost.announce.question', { ...position, prompt: state.question.prompt })
        : t('host.liveHost.announce.position', position)
    case 'reveal': {
      const answer = state.question ? choiceText(state.question, state.reveal?.correct_choice_id) : ''
      return t('host.liveHost.announce.reveal', { ...position, answer })
    }
    default:
      return state.podium?.top[0]
        ? t('host.liveHost.announce.winner', { name: state.podium.top[0].display_name })
        : t('host.liveHost.announce.over')
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
  const { t } = useTranslation()
  const { query, events, refresh } = live
  const state = query.data?.state
  if (session.isPending || query.isPending) return <LoadingState label={t('host.liveHost.loading')} />
  if (
    (session.data?.mode !== undefined && session.data.mode !== 'live') ||
    (query.isError && isApiError(query.error, 409))
  )
    return (
      <EmptyView title={t('host.liveHost.notLiveTitle')} description={t('host.liveHost.notLiveDescription')}>
        <LinkButton to={`/admin/sessions/${code}`}>{t('host.liveHost.goToSession')}</LinkButton>
      </EmptyView>
    )
  if (session.isError && isApiError(session.error, 404))
    return (
      <EmptyView title={t('host.notFound.session', { code })} description={t('host.liveHost.notFoundDescription')}>
        <LinkButton to="/admin">{t('host.notFound.yourQuizzes')}</LinkButton>
      </EmptyView>
    )
  if (!state)
    return (
      <ErrorState
        error={query.error ?? session.error}
        title={t('host.liveHost.loadFailed')}
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
function LiveHostScreen() {
  const { t } = useTranslation()
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useSession(code)
  const live = useLiveState(code, { asPlayer: false, limit: LOBBY_NAMES })
  const { query, events, refresh } = live
  const state = query.data?.state
  const joinAddress = useJoinLinkBase()
  useDocumentTitle(
    session.data ? t('host.liveHost.documentTitle', { title: session.data.quiz_title }) : t('host.liveHost.title'),
  )
  const host = useLiveHost(code, state)
  const close = useCloseSession(code, () => {
    refresh()
    toaster.create({
      title: t('host.closedToast.title'),
      description: t('host.liveHost.closedToast'),
      type: 'success',
    })
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
        title={session.data?.quiz_title ?? t('host.liveHost.title')}
        titleSize={{ base: 'xl', md: '2xl' }}
        titleMaxW="50vw"
        tag={
          <Badge colorPalette="purple" variant="subtle" size="lg">
            {t('host.liveHost.tag')}
          </Badge>
        }
        code={code}
        backLabel={t('host.liveHost.back')}
      >
        <LiveIndicator status={events.status} closed={state?.status === 'closed'} />
        {query.isError && state && (
          <Badge colorPalette="orange" variant="subtle" role="status">
            {t('host.liveHost.reconnecting')}
          </Badge>
        )}
      </ClassScreenHeader>
      <Flex direction="column" flex="1" maxW="8xl" w="full" mx="auto">
        <HostStage code={code} session={session} live={live} joinAddress={joinAddress} host={host} close={close} />
      </Flex>
      <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="phase-announcer">
        {state ? hostAnnouncement(t, state) : ''}
      </VisuallyHidden>
    </Flex>
  )
}

/** The host's screen, in the language the teacher picks for the class (apart from their own). */
export default function AdminLiveHost() {
  return (
    <ClassScreenLanguage>
      <LiveHostScreen />
    </ClassScreenLanguage>
  )
}
