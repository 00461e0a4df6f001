import { Box, Card, Container, Heading, HStack, SimpleGrid, Stack, Stat, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { LuChartBar } from 'react-icons/lu'
import { isApiError } from '../api/errors'
import type { QuestionAnalytics } from '../api/types'
import { BackLink, LinkButton } from '../components/Links'
import { QuestionStatsCard } from '../components/QuestionStatsCard'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useAnalytics } from '../hooks/queries/analytics'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useFormat } from '../hooks/useFormat'
import { normalizeJoinCode } from '../lib/joinCode'

function CountStat({ count, label }: { count: number; label: string }) {
  const f = useFormat()
  return (
    <Stat.Root alignItems="center">
      <Stat.Label>{label}</Stat.Label>
      <Stat.ValueText fontSize="3xl">{f.number(count)}</Stat.ValueText>
    </Stat.Root>
  )
}

/** How many sessions, players and answers the figures come from, then each question, most missed first. */
function AnalyticsReport({ data, back, backLabel }: { data: QuestionAnalytics; back: string; backLabel: string }) {
  const { t } = useTranslation()
  return (
    <Stack gap="6">
      <Card.Root bg="app.card" borderRadius="xl">
        <Card.Body>
          <SimpleGrid columns={3} gap="4" textAlign="center">
            <CountStat count={data.session_count} label={t('host.analytics.sessions', { count: data.session_count })} />
            <CountStat
              count={data.participant_count}
              label={t('host.analytics.players', { count: data.participant_count })}
            />
            <CountStat count={data.answer_count} label={t('host.analytics.answers', { count: data.answer_count })} />
          </SimpleGrid>
        </Card.Body>
      </Card.Root>
      {data.answer_count === 0 || data.questions.length === 0 ? (
        <EmptyView
          icon={<LuChartBar />}
          title={t('host.analytics.nobodyTitle')}
          description={t('host.analytics.nobodyDescription')}
        >
          <LinkButton to={back} variant="outline">
            {backLabel}
          </LinkButton>
        </EmptyView>
      ) : (
        <>
          <Text color="fg.muted">{t('host.analytics.intro')}</Text>
          <Stack as="ol" gap="4" listStyleType="none" m="0" p="0" aria-label={t('host.analytics.listLabel')}>
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
  const { t } = useTranslation()
  const { code: rawCode, quizId = '' } = useParams()
  const code = rawCode ? normalizeJoinCode(rawCode) : null
  const analytics = useAnalytics({ code, quizId })
  const data = analytics.data
  useDocumentTitle(data ? t('host.analytics.documentTitle', { title: data.quiz_title }) : t('host.analytics.title'))
  const back = code ? `/admin/sessions/${code}` : `/admin/quizzes/${quizId}`

  return (
    <Container maxW="4xl" py={{ base: '6', md: '8' }}>
      <BackLink to={back}>
        {code ? t('host.backToSession', { code }) : (data?.quiz_title ?? t('host.analytics.theQuiz'))}
      </BackLink>
      <HStack justify="space-between" align="end" wrap="wrap" gap="3" mb="6">
        <Box>
          <Heading as="h1" size="2xl">
            {t('host.analytics.title')}
          </Heading>
          <Text color="fg.muted">
            {data?.quiz_title}
            {data && ' · '}
            {data && (code ? t('host.analytics.ofSession', { code }) : t('host.analytics.ofAllSessions'))}
          </Text>
        </Box>
        {code && data && (
          <LinkButton to={`/admin/quizzes/${data.quiz_id}/analytics`} variant="outline" size="sm">
            {t('host.analytics.allSessionsLink')}
          </LinkButton>
        )}
      </HStack>
      {analytics.isPending ? (
        <LoadingState label={t('host.analytics.loading')} />
      ) : analytics.isError ? (
        isApiError(analytics.error, 404) ? (
          <EmptyView
            title={code ? t('host.notFound.session', { code }) : t('host.notFound.quiz')}
            description={t('host.analytics.notFoundDescription')}
          >
            <LinkButton to="/admin">{t('host.notFound.yourQuizzes')}</LinkButton>
          </EmptyView>
        ) : (
          <ErrorState
            error={analytics.error}
            title={t('host.analytics.loadFailed')}
            onRetry={() => void analytics.refetch()}
          />
        )
      ) : (
        <AnalyticsReport
          data={analytics.data}
          back={back}
          backLabel={code ? t('host.analytics.backToSession') : t('host.analytics.backToQuiz')}
        />
      )}
    </Container>
  )
}
