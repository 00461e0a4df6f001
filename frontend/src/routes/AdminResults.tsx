import { Badge, Box, Button, Container, Heading, HStack, Text } from '@chakra-ui/react'
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
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useSession(code)
  const results = useResults(code)
  useDocumentTitle(session.data ? `Results: ${session.data.quiz_title}` : 'Results')
  const download = useResultsDownload(code)
  const questionCount = session.data?.question_count ?? 0

  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <BackLink to={`/admin/sessions/${code}`}>Session {code}</BackLink>
      <HStack justify="space-between" wrap="wrap" gap="3" mb="6">
        <Box>
          <Heading as="h1" size="2xl">
            Results
          </Heading>
          <Text color="fg.muted">
            {session.data?.quiz_title}
            {session.data && (
              <Badge ms="2" colorPalette={session.data.status === 'open' ? 'green' : 'gray'} variant="subtle">
                {session.data.status === 'open' ? 'Still open: results may change' : 'Final'}
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
            <LuChartBar /> Question analytics
          </LinkButton>
          <Button
            onClick={() => download.mutate()}
            loading={download.isPending}
            loadingText="Preparing…"
            disabled={!results.data?.length}
          >
            <LuDownload /> Download CSV
          </Button>
        </HStack>
      </HStack>
      {download.isError && (
        <Box mb="4">
          <InlineError error={download.error} title="The download didn't work" />
        </Box>
      )}
      {results.isPending ? (
        <LoadingState label="Loading results…" />
      ) : results.isError ? (
        <ErrorState error={results.error} title="The results didn't load" onRetry={() => void results.refetch()} />
      ) : results.data.length === 0 ? (
        <EmptyView
          icon={<LuUsers />}
          title="Nobody played"
          description="No one joined this session, so there are no results."
        />
      ) : (
        <ResultsTable code={code} results={results.data} questionCount={questionCount} />
      )}
    </Container>
  )
}
