import { Badge, Box, Button, Container, Heading, HStack, Link, Stack, Table, Text } from '@chakra-ui/react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Link as RouterLink, useParams } from 'react-router'
import { LuArrowLeft, LuChartBar, LuDownload, LuUsers } from 'react-icons/lu'
import { downloadFile, unwrap } from '../api/client'
import type { ParticipantResult } from '../api/types'
import { getResults, getSession } from '../client'
import { ScoringBadges } from '../components/ScoringRule'
import { EmptyView, ErrorState, InlineError, LoadingState } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { normalizeJoinCode } from '../lib/joinCode'

function AnswerMarks({ result, questionCount }: { result: ParticipantResult; questionCount: number }) {
  const marks = Array.from({ length: questionCount }, (_, i) => result.answers[i])
  const bonuses = marks.flatMap((answer, i) =>
    answer && answer.streak_bonus > 0 ? [{ i, bonus: answer.streak_bonus }] : [],
  )
  return (
    <Stack gap="1">
      <HStack
        gap="1"
        // Many questions wrap onto a second line rather than widen the table past a phone's width.
        wrap="wrap"
        maxW={{ base: '32', md: 'sm' }}
        aria-label={`${result.correct_count} right, ${result.answered_count - result.correct_count} wrong, ${questionCount - result.answered_count} not answered`}
      >
        {marks.map((answer, i) => (
          <Box
            key={i}
            aria-hidden
            w="3"
            h="3"
            borderRadius="sm"
            bg={
              !answer
                ? 'bg.emphasized'
                : answer.correct && !answer.late
                  ? 'green.solid'
                  : answer.late
                    ? 'orange.solid'
                    : 'red.solid'
            }
            title={
              !answer
                ? `Question ${i + 1}: not answered`
                : `Question ${i + 1}: ${answer.correct ? 'right' : 'wrong'}${answer.late ? ', late' : ''}, ${answer.points_awarded} points${answer.streak_bonus > 0 ? ` incl. +${answer.streak_bonus} streak bonus` : ''}`
            }
          />
        ))}
      </HStack>
      {bonuses.length > 0 && (
        <Text fontSize="xs" color="orange.fg" whiteSpace="normal" data-testid="streak-bonuses">
          <span aria-hidden>🔥 </span>Streak bonus:{' '}
          {bonuses.map(({ i, bonus }) => `Q${i + 1} +${bonus.toLocaleString()}`).join(' · ')}
        </Text>
      )}
    </Stack>
  )
}

/** Final (or current) results of a session, with a CSV download for the gradebook. */
export default function AdminResults() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useQuery({ queryKey: ['session', code], queryFn: () => unwrap(getSession({ path: { code } })) })
  const results = useQuery({ queryKey: ['results', code], queryFn: () => unwrap(getResults({ path: { code } })) })
  useDocumentTitle(session.data ? `Results: ${session.data.quiz_title}` : 'Results')
  const download = useMutation({
    mutationFn: () =>
      downloadFile(`/api/sessions/${encodeURIComponent(code)}/results?format=csv`, `vocabquiz-${code}.csv`),
  })
  const questionCount = session.data?.question_count ?? 0

  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <Link asChild mb="4" fontSize="sm" color="fg.muted">
        <RouterLink to={`/admin/sessions/${code}`}>
          <LuArrowLeft aria-hidden /> Session {code}
        </RouterLink>
      </Link>
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
          <Button asChild variant="outline">
            <RouterLink to={`/admin/sessions/${code}/analytics`}>
              <LuChartBar /> Question analytics
            </RouterLink>
          </Button>
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
        // Scrolls sideways inside its box, if it must, so the page never does.
        <Table.ScrollArea borderWidth="1px" borderRadius="xl" bg="app.card" maxW="full" minW="0">
          <Table.Root size={{ base: 'sm', md: 'md' }} interactive>
            <Table.Caption srOnly={true}>Results of session {code}, best first</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeader textAlign="end" w={{ base: '10', md: '16' }}>
                  Rank
                </Table.ColumnHeader>
                <Table.ColumnHeader>Name</Table.ColumnHeader>
                <Table.ColumnHeader textAlign="end">Score</Table.ColumnHeader>
                {/* On a phone these two move under the name, to leave room for the answers. */}
                <Table.ColumnHeader textAlign="end" hideBelow="md">
                  Correct
                </Table.ColumnHeader>
                <Table.ColumnHeader textAlign="end" hideBelow="md">
                  Answered
                </Table.ColumnHeader>
                <Table.ColumnHeader>Answers</Table.ColumnHeader>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {[...results.data]
                .sort((a, b) => a.rank - b.rank)
                .map((r) => (
                  <Table.Row key={r.id}>
                    <Table.Cell textAlign="end" fontWeight="bold">
                      {r.rank}
                    </Table.Cell>
                    <Table.Cell>
                      <Text fontWeight="semibold">{r.display_name}</Text>
                      <Text
                        fontSize="xs"
                        color="fg.muted"
                        hideFrom="md"
                        whiteSpace="normal"
                        data-testid="result-counts"
                      >
                        {r.correct_count} correct · {r.answered_count}/{questionCount} answered
                      </Text>
                    </Table.Cell>
                    <Table.Cell textAlign="end" fontVariantNumeric="tabular-nums">
                      {r.score.toLocaleString()}
                    </Table.Cell>
                    <Table.Cell textAlign="end" hideBelow="md">
                      {r.correct_count}
                    </Table.Cell>
                    <Table.Cell textAlign="end" hideBelow="md">
                      {r.answered_count}/{questionCount}
                    </Table.Cell>
                    <Table.Cell>
                      <AnswerMarks result={r} questionCount={Math.max(questionCount, r.answers.length)} />
                    </Table.Cell>
                  </Table.Row>
                ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      )}
    </Container>
  )
}
