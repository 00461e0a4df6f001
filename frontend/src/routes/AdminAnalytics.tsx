import { Box, Card, Container, Heading, HStack, SimpleGrid, Stack, Stat, Text } from '@chakra-ui/react'
import { useParams } from 'react-router'
import { LuChartBar } from 'react-icons/lu'
import { isApiError } from '../api/errors'
import type { QuestionAnalytics } from '../api/types'
import { BackLink, LinkButton } from '../components/Links'
import { QuestionStatsCard } from '../components/QuestionStatsCard'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useAnalytics } from '../hooks/queries/analytics'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { normalizeJoinCode } from '../lib/joinCode'

function CountStat({ count, label }: { count: number; label: [one: string, many: string] }) {
  return (
    <Stat.Root alignItems="center">
      <Stat.Label>{count === 1 ? label[0] : label[1]}</Stat.Label>
      <Stat.ValueText fontSize="3xl">{count}</Stat.ValueText>
    </Stat.Root>
  )
}

/** How many sessions, players and answers the figures come from, then each question, most missed first. */
function AnalyticsReport({ data, back, backLabel }: { data: QuestionAnalytics; back: string; backLabel: string }) {
  return (
    <Stack gap="6">
      <Card.Root bg="app.card" borderRadius="xl">
        <Card.Body>
          <SimpleGrid columns={3} gap="4" textAlign="center">
            <CountStat count={data.session_count} label={['Session', 'Sessions']} />
            <CountStat count={data.participant_count} label={['Player', 'Players']} />
            <CountStat count={data.answer_count} label={['Answer', 'Answers']} />
          </SimpleGrid>
        </Card.Body>
      </Card.Root>
      {data.answer_count === 0 || data.questions.length === 0 ? (
        <EmptyView
          icon={<LuChartBar />}
          title="Nobody has answered yet"
          description="Once players answer, you'll see here which questions were hard and which wrong answers fooled them."
        >
          <LinkButton to={back} variant="outline">
            {backLabel}
          </LinkButton>
        </EmptyView>
      ) : (
        <>
          <Text color="fg.muted">
            Most missed first. The bars show how many picked each answer; the right one is green and ticked.
          </Text>
          <Stack as="ol" gap="4" listStyleType="none" m="0" p="0" aria-label="Questions, most missed first">
            {data.questions.map((stats) => (
              <Box as="li" key={stats.question_id}>
                <QuestionStatsCard stats={stats} />
              </Box>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  )
}

/**
 * Which questions the class found hard, most missed first, and which wrong answers drew them: for
 * one session (/admin/sessions/:code/analytics) or all sessions of a quiz (/admin/quizzes/:quizId/analytics).
 */
export default function AdminAnalytics() {
  const { code: rawCode, quizId = '' } = useParams()
  const code = rawCode ? normalizeJoinCode(rawCode) : null
  const analytics = useAnalytics({ code, quizId })
  const data = analytics.data
  useDocumentTitle(data ? `Analytics: ${data.quiz_title}` : 'Question analytics')
  const back = code ? `/admin/sessions/${code}` : `/admin/quizzes/${quizId}`

  return (
    <Container maxW="4xl" py={{ base: '6', md: '8' }}>
      <BackLink to={back}>{code ? `Session ${code}` : (data?.quiz_title ?? 'The quiz')}</BackLink>
      <HStack justify="space-between" align="end" wrap="wrap" gap="3" mb="6">
        <Box>
          <Heading as="h1" size="2xl">
            Question analytics
          </Heading>
          <Text color="fg.muted">
            {data?.quiz_title}
            {data && (code ? ` · session ${code}` : ` · all sessions`)}
          </Text>
        </Box>
        {code && data && (
          <LinkButton to={`/admin/quizzes/${data.quiz_id}/analytics`} variant="outline" size="sm">
            All sessions of this quiz
          </LinkButton>
        )}
      </HStack>
      {analytics.isPending ? (
        <LoadingState label="Counting the answers…" />
      ) : analytics.isError ? (
        isApiError(analytics.error, 404) ? (
          <EmptyView
            title={code ? `No session with the code ${code}` : "This quiz doesn't exist"}
            description="It may have been deleted, or the link is wrong."
          >
            <LinkButton to="/admin">Your quizzes</LinkButton>
          </EmptyView>
        ) : (
          <ErrorState
            error={analytics.error}
            title="The analytics didn't load"
            onRetry={() => void analytics.refetch()}
          />
        )
      ) : (
        <AnalyticsReport
          data={analytics.data}
          back={back}
          backLabel={code ? 'Back to the session' : 'Back to the quiz'}
        />
      )}
    </Container>
  )
}
