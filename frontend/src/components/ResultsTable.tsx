import { Box, HStack, Stack, Table, Text } from '@chakra-ui/react'
import type { ParticipantResult } from '../api/types'

/** A mark per question: right, wrong, late or not answered, and the streak bonuses won. */
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

function ResultRow({ result, questionCount }: { result: ParticipantResult; questionCount: number }) {
  return (
    <Table.Row>
      <Table.Cell textAlign="end" fontWeight="bold">
        {result.rank}
      </Table.Cell>
      <Table.Cell>
        <Text fontWeight="semibold">{result.display_name}</Text>
        <Text fontSize="xs" color="fg.muted" hideFrom="md" whiteSpace="normal" data-testid="result-counts">
          {result.correct_count} correct · {result.answered_count}/{questionCount} answered
        </Text>
      </Table.Cell>
      <Table.Cell textAlign="end" fontVariantNumeric="tabular-nums">
        {result.score.toLocaleString()}
      </Table.Cell>
      <Table.Cell textAlign="end" hideBelow="md">
        {result.correct_count}
      </Table.Cell>
      <Table.Cell textAlign="end" hideBelow="md">
        {result.answered_count}/{questionCount}
      </Table.Cell>
      <Table.Cell>
        <AnswerMarks result={result} questionCount={Math.max(questionCount, result.answers.length)} />
      </Table.Cell>
    </Table.Row>
  )
}

/** Every player of a session, best first, with their score and a mark for each answer. */
export function ResultsTable({
  code,
  results,
  questionCount,
}: {
  code: string
  results: ParticipantResult[]
  questionCount: number
}) {
  return (
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
          {[...results]
            .sort((a, b) => a.rank - b.rank)
            .map((r) => (
              <ResultRow key={r.id} result={r} questionCount={questionCount} />
            ))}
        </Table.Body>
      </Table.Root>
    </Table.ScrollArea>
  )
}
