import { Box, Button, Card, Container, Heading, HStack, Link, SimpleGrid, Stack, Stat, Text } from '@chakra-ui/react'
import { useQuery } from '@tanstack/react-query'
import { Link as RouterLink, useParams } from 'react-router'
import { LuArrowLeft, LuChartBar } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { isApiError } from '../api/errors'
import { quizAnalytics, sessionAnalytics } from '../client'
import { QuestionStatsCard } from '../components/QuestionStatsCard'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { normalizeJoinCode } from '../lib/joinCode'

/**
 * Which questions the class found hard, most missed first, and which wrong answers drew them: for
 * one session (/admin/sessions/:code/analytics) or all sessions of a quiz (/admin/quizzes/:quizId/analytics).
 */
export default function AdminAnalytics() {
  const { code: rawCode, quizId } = useParams()
  const code = rawCode ? normalizeJoinCode(rawCode) : null
  const analytics = useQuery({
    queryKey: code ? ['analytics', 'session', code] : ['analytics', 'quiz', quizId],
    queryFn: () =>
      unwrap(code ? sessionAnalytics({ path: { code } }) : quizAnalytics({ path: { quiz_id: quizId ?? '' } })),
  })
  const data = analytics.data
  useDocumentTitle(data ? `Analytics: ${data.quiz_title}` : 'Question analytics')
  const back = code ? `/admin/sessions/${code}` : `/admin/quizzes/${quizId}`

  return (
    <Container maxW="4xl" py={{ base: '6', md: '8' }}>
      <Link asChild mb="4" fontSize="sm" color="fg.muted">
        <RouterLink to={back}>
          <LuArrowLeft aria-hidden /> {code ? `Session ${code}` : (data?.quiz_title ?? 'The quiz')}
        </RouterLink>
      </Link>
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
          <Button asChild variant="outline" size="sm">
            <RouterLink to={`/admin/quizzes/${data.quiz_id}/analytics`}>All sessions of this quiz</RouterLink>
          </Button>
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
            <Button asChild>
              <RouterLink to="/admin">Your quizzes</RouterLink>
            </Button>
          </EmptyView>
        ) : (
          <ErrorState
            error={analytics.error}
            title="The analytics didn't load"
            onRetry={() => void analytics.refetch()}
          />
        )
      ) : (
        <Stack gap="6">
          <Card.Root bg="app.card" borderRadius="xl">
            <Card.Body>
              <SimpleGrid columns={3} gap="4" textAlign="center">
                <Stat.Root alignItems="center">
                  <Stat.Label>{analytics.data.session_count === 1 ? 'Session' : 'Sessions'}</Stat.Label>
                  <Stat.ValueText fontSize="3xl">{analytics.data.session_count}</Stat.ValueText>
                </Stat.Root>
                <Stat.Root alignItems="center">
                  <Stat.Label>{analytics.data.participant_count === 1 ? 'Player' : 'Players'}</Stat.Label>
                  <Stat.ValueText fontSize="3xl">{analytics.data.participant_count}</Stat.ValueText>
                </Stat.Root>
                <Stat.Root alignItems="center">
                  <Stat.Label>{analytics.data.answer_count === 1 ? 'Answer' : 'Answers'}</Stat.Label>
                  <Stat.ValueText fontSize="3xl">{analytics.data.answer_count}</Stat.ValueText>
                </Stat.Root>
              </SimpleGrid>
            </Card.Body>
          </Card.Root>
          {analytics.data.answer_count === 0 || analytics.data.questions.length === 0 ? (
            <EmptyView
              icon={<LuChartBar />}
              title="Nobody has answered yet"
              description="Once players answer, you'll see here which questions were hard and which wrong answers fooled them."
            >
              <Button asChild variant="outline">
                <RouterLink to={back}>{code ? 'Back to the session' : 'Back to the quiz'}</RouterLink>
              </Button>
            </EmptyView>
          ) : (
            <>
              <Text color="fg.muted">
                Most missed first. The bars show how many picked each answer; the right one is green and ticked.
              </Text>
              <Stack as="ol" gap="4" listStyleType="none" m="0" p="0" aria-label="Questions, most missed first">
                {analytics.data.questions.map((stats) => (
                  <Box as="li" key={stats.question_id}>
                    <QuestionStatsCard stats={stats} />
                  </Box>
                ))}
              </Stack>
            </>
          )}
        </Stack>
      )}
    </Container>
  )
}
