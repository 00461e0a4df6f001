import { Flex, Grid } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { ClassScreenHeader, ClassScreenLanguage } from '../components/ClassScreenHeader'
import { LiveIndicator } from '../components/LiveIndicator'
import { ProjectorJoinCard } from '../components/projector/ProjectorJoinCard'
import { ProjectorStandings } from '../components/projector/ProjectorStandings'
import { ErrorState, LoadingState } from '../components/StateViews'
import { useJoinLinkBase } from '../hooks/queries/joinLink'
import { useSession } from '../hooks/queries/sessions'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useSessionEvents } from '../hooks/useSessionEvents'
import { useWindowSize } from '../hooks/useWindowSize'
import { normalizeJoinCode } from '../lib/joinCode'

// The server's most: the standings of a whole class, for counting who has finished.
const STANDINGS_LIMIT = 100
// Below this window height the join card is made smaller, so the screen never needs scrolling.
const SHORT_WINDOW = 900

/** The leaderboard for a projector: big, readable from the back row, with the code to join. */
function ProjectorScreen() {
  const { t } = useTranslation()
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useSession(code)
  const events = useSessionEvents(code, { limit: STANDINGS_LIMIT })
  const joinAddress = useJoinLinkBase()
  const height = useWindowSize('height')
  const short = height < SHORT_WINDOW
  useDocumentTitle(
    session.data ? t('host.projector.documentTitle', { title: session.data.quiz_title }) : t('host.projector.title'),
  )

  const data = events.session ?? session.data
  const closed = data?.status === 'closed' || events.leaderboard?.status === 'closed'
  const board = events.leaderboard
  const players = board?.participant_count ?? data?.participant_count ?? 0

  return (
    <Flex
      direction="column"
      minH="100dvh"
      bg="app.bg"
      px={{ base: '4', md: '10' }}
      py={{ base: '4', md: short ? '4' : '6' }}
      gap={short ? '4' : '6'}
    >
      <ClassScreenHeader
        title={data?.quiz_title ?? t('host.projector.title')}
        titleSize={{ base: 'xl', md: '3xl' }}
        titleMaxW="60vw"
        code={code}
        backLabel={t('common.actions.back')}
      >
        <LiveIndicator status={events.status} closed={closed} />
      </ClassScreenHeader>
      {session.isPending ? (
        <LoadingState />
      ) : session.isError ? (
        <ErrorState
          error={session.error}
          title={t('host.projector.loadFailed')}
          onRetry={() => void session.refetch()}
        />
      ) : (
        <Grid
          flex="1"
          templateColumns={{ base: '1fr', xl: 'minmax(0, 2fr) minmax(0, 3fr)' }}
          gap={{ base: '6', xl: '12' }}
          alignItems="start"
        >
          <ProjectorJoinCard
            code={code}
            session={data}
            joinAddress={joinAddress}
            closed={closed}
            board={board}
            players={players}
            short={short}
            height={height}
          />
          <ProjectorStandings code={code} board={board} players={players} />
        </Grid>
      )}
    </Flex>
  )
}

/** The projector, in the language the teacher picks for the class (apart from their own). */
export default function AdminProjector() {
  return (
    <ClassScreenLanguage>
      <ProjectorScreen />
    </ClassScreenLanguage>
  )
}
