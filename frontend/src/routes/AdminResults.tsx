import { Badge, Box, Button, Container, Heading, HStack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { LuChartBar, LuDownload, LuUsers } from 'react-icons/lu'
import { BackLink, LinkButton } from '../components/Links'
import { ResultsTable } from '../components/ResultsTable'
import { ScoringBadges } from '../components/ScoringRule'
import { EmptyView, ErrorState, InlineError, LoadingState } from '../components/StateViews'
import { useResults, useResultsDownload, useSession } from '../hooks/queries/sessions'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { normalizeJoinCode } from '../lib/joinCode'

/** Final (or current) results of a session, with a CSV download for the gradebook. */
export default function AdminResults() {
  const { t } = useTranslation()
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useSession(code)
  const results = useResults(code)
  useDocumentTitle(
    session.data ? t('host.results.documentTitle', { title: session.data.quiz_title }) : t('host.results.title'),
  )
  const download = useResultsDownload(code)
  const questionCount = session.data?.question_count ?? 0

  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <BackLink to={`/admin/sessions/${code}`}>{t('host.backToSession', { code })}</BackLink>
      <HStack justify="space-between" wrap="wrap" gap="3" mb="6">
        <Box>
          <Heading as="h1" size="2xl">
            {t('host.results.title')}
          </Heading>
          <Text color="fg.muted">
            {session.data?.quiz_title}
            {session.data && (
              <Badge ms="2" colorPalette={session.data.status === 'open' ? 'green' : 'gray'} variant="subtle">
                {session.data.status === 'open' ? t('host.results.stillOpen') : t('host.results.final')}
              </Badge>
            )}
          </Text>
          {session.data && (
            <Box mt="2">
              <ScoringBadges scoring={session.data.scoring} streakBonus={session.data.streak_bonus} size="sm" />
            </Box>
          )}
        </Box>
        <HStack gap="2" wrap="wrap">
          <LinkButton to={`/admin/sessions/${code}/analytics`} variant="outline">
            <LuChartBar /> {t('host.links.analytics')}
          </LinkButton>
          <Button
            onClick={() => download.mutate()}
            loading={download.isPending}
            loadingText={t('host.results.preparing')}
            disabled={!results.data?.length}
          >
            <LuDownload /> {t('host.results.download')}
          </Button>
        </HStack>
      </HStack>
      {download.isError && (
        <Box mb="4">
          <InlineError error={download.error} title={t('host.results.downloadFailed')} />
        </Box>
      )}
      {results.isPending ? (
        <LoadingState label={t('host.results.loading')} />
      ) : results.isError ? (
        <ErrorState error={results.error} title={t('host.results.loadFailed')} onRetry={() => void results.refetch()} />
      ) : results.data.length === 0 ? (
        <EmptyView
          icon={<LuUsers />}
          title={t('host.nobodyPlayed')}
          description={t('host.results.nobodyDescription')}
        />
      ) : (
        <ResultsTable code={code} results={results.data} questionCount={questionCount} />
      )}
    </Container>
  )
}
