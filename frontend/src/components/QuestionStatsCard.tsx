import { Badge, Box, Card, HStack, Progress, Stack, Text, VisuallyHidden } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuCheck, LuClock, LuTimerOff } from 'react-icons/lu'
import type { QuestionStats } from '../api/types'
import { useFormat } from '../hooks/useFormat'
import { NumberedHeading } from './NumberedHeading'

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0
}

function shareColour(share: number): string {
  if (share >= 0.8) return 'green'
  if (share >= 0.5) return 'orange'
  return 'red'
}

/** "4.2" (seconds) for a median answer time in milliseconds, as the language writes it ("4,2" in Spanish). */
export function formatSeconds(language: string, ms: number): string {
  const seconds = ms / 1000
  return new Intl.NumberFormat(language, { maximumFractionDigits: seconds < 10 ? 1 : 0 }).format(seconds)
}

/**
 * How many picked each choice, as horizontal bars in the order given, the right one green and
 * ticked, and the wrong choice picked most called out: the distractor that fooled the class.
 */
export function ChoiceBars({ choices, answerCount }: { choices: QuestionStats['choices']; answerCount: number }) {
  const { t } = useTranslation()
  const f = useFormat()
  const topWrong = choices.filter((c) => !c.correct && c.picked > 0).sort((a, b) => b.picked - a.picked)[0]
  return (
    <Stack as="ul" gap="2.5" listStyleType="none" m="0" p="0" aria-label={t('host.questionStats.choicesLabel')}>
      {choices.map((choice) => {
        const share = percent(choice.picked, answerCount)
        const fooled = topWrong?.choice_id === choice.choice_id
        return (
          <Box as="li" key={choice.choice_id} data-testid="choice-bar" data-correct={choice.correct || undefined}>
            <HStack justify="space-between" gap="3" mb="1" align="end">
              <HStack gap="1.5" minW="0" color={choice.correct ? 'green.fg' : undefined}>
                {choice.correct && <LuCheck aria-hidden />}
                <Text fontWeight={choice.correct ? 'bold' : 'medium'} lineClamp={2}>
                  {choice.text}
                  {choice.correct && <VisuallyHidden> {t('host.rightAnswer')}</VisuallyHidden>}
                </Text>
                {fooled && (
                  <Badge colorPalette="red" variant="subtle" size="sm" flexShrink="0">
                    {t('host.questionStats.mostPickedWrong')}
                  </Badge>
                )}
              </HStack>
              <Text fontSize="sm" fontVariantNumeric="tabular-nums" flexShrink="0" color="fg.muted">
                <span aria-hidden>
                  {f.number(choice.picked)} · {f.percent(share / 100)}
                </span>
                <VisuallyHidden>
                  : {t('host.questionStats.pickedThis', { count: choice.picked, share: f.percent(share / 100) })}
                </VisuallyHidden>
              </Text>
            </HStack>
            <Box h="3" bg="bg.emphasized" borderRadius="full" overflow="hidden" aria-hidden>
              <Box
                h="full"
                w={`${share}%`}
                minW={choice.picked > 0 ? '2' : '0'}
                borderRadius="full"
                bg={choice.correct ? 'green.solid' : fooled ? 'red.solid' : 'gray.solid'}
                data-testid="choice-bar-fill"
              />
            </Box>
          </Box>
        )
      })}
    </Stack>
  )
}

/** How many got it right, as a bar in the colour of how well it went, and how fast (or late) they were. */
function CorrectShare({ stats }: { stats: QuestionStats }) {
  const { t, i18n } = useTranslation()
  const f = useFormat()
  const share = stats.correct_share ?? 0
  const sharePercent = Math.round(share * 100)
  const shown = f.percent(sharePercent / 100)
  return (
    <Stack gap="1.5">
      <Progress.Root
        value={sharePercent}
        colorPalette={shareColour(share)}
        size="lg"
        aria-label={t('host.questionStats.rightLabel', { share: shown })}
      >
        <HStack justify="space-between" mb="1" gap="3" wrap="wrap">
          <Progress.Label fontWeight="bold" fontSize="md">
            {t('host.questionStats.rightShare', { share: shown })}
          </Progress.Label>
          <Text fontSize="sm" color="fg.muted">
            {t('host.questionStats.ofAnswers', { correct: stats.correct_count, count: stats.answer_count })}
          </Text>
        </HStack>
        <Progress.Track borderRadius="full">
          <Progress.Range />
        </Progress.Track>
      </Progress.Root>
      <HStack gap="4" wrap="wrap" fontSize="sm" color="fg.muted">
        {stats.median_elapsed_ms !== null && (
          <HStack gap="1">
            <LuClock aria-hidden />
            <Text>
              {t('host.questionStats.medianTime', { seconds: formatSeconds(i18n.language, stats.median_elapsed_ms) })}
            </Text>
          </HStack>
        )}
        {stats.late_count > 0 && (
          <HStack gap="1" color="orange.fg">
            <LuTimerOff aria-hidden />
            <Text>{t('host.questionStats.tooLate', { count: stats.late_count })}</Text>
          </HStack>
        )}
      </HStack>
    </Stack>
  )
}

/** One question of the analytics: how many got it right, how fast, and what they picked. */
export function QuestionStatsCard({ stats }: { stats: QuestionStats }) {
  const { t } = useTranslation()
  const number = stats.position + 1
  const answered = stats.answer_count > 0 && stats.correct_share !== null
  return (
    <Card.Root
      bg="app.card"
      borderRadius="xl"
      as="article"
      aria-labelledby={`stats-${stats.question_id}`}
      data-testid="question-stats"
    >
      <Card.Body gap="4">
        <NumberedHeading number={number} id={`stats-${stats.question_id}`}>
          {stats.prompt}
        </NumberedHeading>
        {!answered ? (
          <Text color="fg.muted" ps="11">
            {t('host.questionStats.notAnswered')}
          </Text>
        ) : (
          <Stack gap="4" ps={{ base: '0', sm: '11' }}>
            <CorrectShare stats={stats} />
            <Stack gap="2">
              <Text fontSize="xs" fontWeight="bold" color="fg.muted" textTransform="uppercase" letterSpacing="wide">
                {t('host.questionStats.picked')}
              </Text>
              <ChoiceBars choices={stats.choices} answerCount={stats.answer_count} />
            </Stack>
          </Stack>
        )}
      </Card.Body>
    </Card.Root>
  )
}
