import { Box, HStack, Stack, Table, Text } from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ParticipantResult } from '../api/types'
import { useFormat } from '../hooks/useFormat'

type ParticipantAnswer = ParticipantResult['answers'][number]

/** What a mark says when pointed at: the question, how it went, its points and streak bonus. */
function markTitle(t: TFunction, number: number, answer: ParticipantAnswer | undefined): string {
  if (!answer) return t('host.resultsTable.mark.notAnswered', { number })
  const values = { number, count: answer.points_awarded }
  const mark = answer.correct
    ? answer.late
      ? t('host.resultsTable.mark.rightLate', values)
      : t('host.resultsTable.mark.right', values)
    : answer.late
      ? t('host.resultsTable.mark.wrongLate', values)
      : t('host.resultsTable.mark.wrong', values)
  return answer.streak_bonus > 0 ? t('host.resultsTable.mark.withBonus', { mark, bonus: answer.streak_bonus }) : mark
}

/** A mark per question: right, wrong, late or not answered, and the streak bonuses won. */
function AnswerMarks({ result, questionCount }: { result: ParticipantResult; questionCount: number }) {
  const { t } = useTranslation()
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
        aria-label={t('host.resultsTable.marksLabel', {
          right: result.correct_count,
          wrong: result.answered_count - result.correct_count,
          unanswered: questionCount - result.answered_count,
        })}
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
            title={markTitle(t, i + 1, answer)}
          />
        ))}
      </HStack>
      {bonuses.length > 0 && (
        <Text fontSize="xs" color="orange.fg" whiteSpace="normal" data-testid="streak-bonuses">
          <span aria-hidden>🔥 </span>
          {t('host.resultsTable.streakBonus')}{' '}
          {bonuses.map(({ i, bonus }) => t('host.resultsTable.bonusOfQuestion', { number: i + 1, bonus })).join(' · ')}
        </Text>
      )}
    </Stack>
  )
}

function ResultRow({ result, questionCount }: { result: ParticipantResult; questionCount: number }) {
  const { t } = useTranslation()
  const f = useFormat()
  const answered = t('host.resultsTable.answeredOf', { answered: result.answered_count, total: questionCount })
  return (
    <Table.Row>
      <Table.Cell textAlign="end" fontWeight="bold">
        {f.number(result.rank)}
      </Table.Cell>
      <Table.Cell>
        <Text fontWeight="semibold">{result.display_name}</Text>
        <Text fontSize="xs" color="fg.muted" hideFrom="md" whiteSpace="normal" data-testid="result-counts">
          {t('host.resultsTable.counts', { correct: result.correct_count, answered })}
        </Text>
      </Table.Cell>
      <Table.Cell textAlign="end" fontVariantNumeric="tabular-nums">
        {f.number(result.score)}
      </Table.Cell>
      <Table.Cell textAlign="end" hideBelow="md">
        {f.number(result.correct_count)}
      </Table.Cell>
      <Table.Cell textAlign="end" hideBelow="md">
        {answered}
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
  const { t } = useTranslation()
  return (
    // Scrolls sideways inside its box, if it must, so the page never does.
    <Table.ScrollArea borderWidth="1px" borderRadius="xl" bg="app.card" maxW="full" minW="0">
      <Table.Root size={{ base: 'sm', md: 'md' }} interactive>
        <Table.Caption srOnly={true}>{t('host.resultsTable.caption', { code })}</Table.Caption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader textAlign="end" w={{ base: '10', md: '16' }}>
              {t('host.resultsTable.rank')}
            </Table.ColumnHeader>
            <Table.ColumnHeader>{t('host.resultsTable.name')}</Table.ColumnHeader>
            <Table.ColumnHeader textAlign="end">{t('host.resultsTable.score')}</Table.ColumnHeader>
            {/* On a phone these two move under the name, to leave room for the answers. */}
            <Table.ColumnHeader textAlign="end" hideBelow="md">
              {t('host.resultsTable.correct')}
            </Table.ColumnHeader>
            <Table.ColumnHeader textAlign="end" hideBelow="md">
              {t('host.resultsTable.answered')}
            </Table.ColumnHeader>
            <Table.ColumnHeader>{t('host.resultsTable.answers')}</Table.ColumnHeader>
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
