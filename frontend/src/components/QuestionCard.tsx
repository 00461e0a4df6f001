import { Badge, Box, Card, HStack, List, VisuallyHidden } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LuCheck, LuTimer, LuTimerOff } from 'react-icons/lu'
import type { Question } from '../api/types'
import { NumberedHeading } from './NumberedHeading'

type CardQuestion = Pick<Question, 'id' | 'prompt' | 'choices' | 'time_limit_s' | 'points'>

function ChoiceList({ choices }: { choices: CardQuestion['choices'] }) {
  const { t } = useTranslation()
  return (
    <List.Root as="ul" listStyleType="none" gap="1.5" ps="11">
      {choices.map((choice) => (
        <List.Item
          key={choice.id}
          display="flex"
          alignItems="center"
          gap="2"
          color={choice.correct ? 'green.fg' : 'fg'}
          fontWeight={choice.correct ? 'bold' : 'normal'}
        >
          <Box w="4" aria-hidden>
            {choice.correct && <LuCheck />}
          </Box>
          {choice.text}
          {choice.correct && <VisuallyHidden>{t('admin.questionCard.correct')}</VisuallyHidden>}
        </List.Item>
      ))}
    </List.Root>
  )
}

/** New or not, the clock and the points. */
function QuestionFacts({ question, isNew }: { question: CardQuestion; isNew: boolean }) {
  const { t } = useTranslation()
  return (
    <HStack ps="11" gap="2" wrap="wrap">
      {isNew && (
        <Badge variant="solid" colorPalette="green">
          {t('admin.questionCard.new')}
        </Badge>
      )}
      <Badge variant="subtle" colorPalette="gray" gap="1">
        {question.time_limit_s ? (
          <>
            <LuTimer aria-hidden /> {t('admin.questionCard.seconds', { seconds: question.time_limit_s })}
          </>
        ) : (
          <>
            <LuTimerOff aria-hidden /> {t('admin.questionCard.untimed')}
          </>
        )}
      </Badge>
      <Badge variant="subtle" colorPalette="yellow">
        {t('admin.questionCard.points', { count: question.points })}
      </Badge>
    </HStack>
  )
}

/** A question as the teacher sees it in the editor: answers with the correct one ticked. */
export function QuestionCard({
  question,
  number,
  actions,
  isNew = false,
}: {
  question: CardQuestion
  number: number
  actions?: ReactNode
  /** Just added (e.g. from a word list): a badge says so. */
  isNew?: boolean
}) {
  return (
    <Card.Root
      bg="app.card"
      borderRadius="xl"
      as="article"
      aria-labelledby={`question-${question.id}`}
      borderColor={isNew ? 'green.solid' : undefined}
    >
      <Card.Body gap="3">
        <HStack justify="space-between" align="start" gap="3">
          <NumberedHeading number={number} id={`question-${question.id}`}>
            {question.prompt}
          </NumberedHeading>
          <HStack gap="1" flexShrink="0">
            {actions}
          </HStack>
        </HStack>
        <ChoiceList choices={question.choices} />
        <QuestionFacts question={question} isNew={isNew} />
      </Card.Body>
    </Card.Root>
  )
}
