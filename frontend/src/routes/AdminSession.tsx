import { Container, Grid, Heading, HStack, Stack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { LuChartBar, LuMaximize, LuRadio, LuSquare, LuTable } from 'react-icons/lu'
import { isApiError } from '../api/errors'
import { ConfirmButton } from '../components/ConfirmButton'
import { LeaderboardPanel } from '../components/LeaderboardPanel'
import { BackLink, LinkButton } from '../components/Links'
import { PlayerActions } from '../components/PlayerActions'
import { RemovedPlayers } from '../components/RemovedPlayers'
import { SessionJoinCard } from '../components/session/SessionJoinCard'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { toaster } from '../components/Toaster'
import { useJoinLinkBase } from '../hooks/queries/joinLink'
import { useCloseSession, useSession } from '../hooks/queries/sessions'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { normalizeJoinCode } from '../lib/joinCode'

function SessionLoadFailed({ code, error, onRetry }: { code: string; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <Container maxW="lg" py="10">
      {isApiError(error, 404) ? (
        <EmptyView title={t('host.notFound.session', { code })} description={t('host.session.notFoundDescription')}>
          <LinkButton to="/admin">{t('host.notFound.yourQuizzes')}</LinkButton>
        </EmptyView>
      ) : (
        <ErrorState error={error} title={t('host.session.loadFailed')} onRetry={onRetry} />
      )}
    </Container>
  )
}

/** Where the teacher goes from a session: its host and projector screens, results and analytics, and the close. */
function SessionActions({
  code,
  live,
  closed,
  close,
}: {
  code: string
  live: boolean
  closed: boolean
  close: ReturnType<typeof useCloseSession>
}) {
  const { t } = useTranslation()
  return (
    <HStack gap="2" wrap="wrap">
      {live && (
        <LinkButton to={`/admin/sessions/${code}/live`} variant={closed ? 'outline' : 'solid'}>
          <LuRadio /> {t('host.session.hostScreen')}
        </LinkButton>
      )}
      <LinkButton to={`/admin/sessions/${code}/board`} variant="outline">
        <LuMaximize /> {t('host.session.projectorView')}
      </LinkButton>
      <LinkButton to={`/admin/sessions/${code}/results`} variant={closed ? 'solid' : 'outline'}>
        <LuTable /> {t('host.links.results')}
      </LinkButton>
      <LinkButton to={`/admin/sessions/${code}/analytics`} variant="outline">
        <LuChartBar /> {t('host.links.analytics')}
      </LinkButton>
      {!closed && (
        <ConfirmButton
          colorPalette="red"
          title={t('host.session.closeTitle')}
          description={t('host.session.closeDescription')}
          confirmLabel={t('host.closeSession')}
          onConfirm={() => close.mutateAsync()}
          pending={close.isPending}
          error={close.error}
        >
          <LuSquare /> {t('host.closeSession')}
        </ConfirmButton>
      )}
    </HStack>
  )
}

/** The teacher's control screen for a running session. */
export default function AdminSession() {
  const { t } = useTranslation()
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useSession(code)
  // Every player the stream can carry (100), so that the teacher can rename or remove any of them.
  const events = useSessionEvents(code, { limit: 100 })
  const joinAddress = useJoinLinkBase()
  useDocumentTitle(
    session.data ? t('host.session.documentTitle', { title: session.data.quiz_title }) : t('host.session.title'),
  )
  const close = useCloseSession(code, () =>
    toaster.create({
      title: t('host.closedToast.title'),
      description: t('host.session.closedToast'),
      type: 'success',
    }),
  )

  if (session.isPending) return <LoadingState label={t('host.session.loading')} />
  if (session.isError)
    return <SessionLoadFailed code={code} error={session.error} onRetry={() => void session.refetch()} />

  const data = events.session ?? session.data
  const closed = data.status === 'closed' || events.leaderboard?.status === 'closed'
  const participants = events.leaderboard?.participant_count ?? data.participant_count

  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <BackLink to={`/admin/quizzes/${data.quiz_id}`}>{data.quiz_title}</BackLink>
      <HStack justify="space-between" wrap="wrap" gap="3" mb="6">
        <Heading as="h1" size="2xl">
          {closed ? t('host.session.closedHeading') : t('host.session.openHeading')}
        </Heading>
        <SessionActions code={code} live={data.mode === 'live'} closed={closed} close={close} />
      </HStack>
      <Grid templateColumns={{ base: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }} gap="6" alignItems="start">
        <SessionJoinCard
          code={code}
          session={data}
          joinAddress={joinAddress}
          closed={closed}
          participants={participants}
        />
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
