import { Box, Button, Field, Fieldset, HStack, IconButton, Input, RadioGroup, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuPlus, LuTrash2 } from 'react-icons/lu'
import {
  CHOICE_TEXT_MAX,
  MAX_CHOICES,
  MIN_CHOICES,
  newChoiceKey,
  type QuestionDraft,
  type QuestionProblems,
} from '../lib/questionRules'

type Choice = QuestionDraft['choices'][number]

export type QuestionField = 'prompt' | 'choices' | 'timeLimit' | 'points' | `choice-${string}`

/** A field's problem shows once the field has been left (or on save): `shown` says whether to show it. */
export type Visits = { shown: (field: QuestionField) => boolean; visit: (field: QuestionField) => () => void }

function ChoiceRow({
  choice,
  index,
  problem,
  canRemove,
  onText,
  onRemove,
  visits,
}: {
  choice: Choice
  index: number
  problem: string | undefined
  canRemove: boolean
  onText: (text: string) => void
  onRemove: () => void
  visits: Visits
}) {
  const { t } = useTranslation()
  const number = index + 1
  const field: QuestionField = `choice-${choice.key}`
  return (
    <Box>
      <HStack gap="2" align="center">
        <RadioGroup.Item value={choice.key} colorPalette="green">
          <RadioGroup.ItemHiddenInput aria-label={t('admin.choices.isCorrect', { number })} />
          <RadioGroup.ItemIndicator />
        </RadioGroup.Item>
        <Field.Root invalid={visits.shown(field) && Boolean(problem)} flex="1">
          <Input
            aria-label={t('admin.choices.answer', { number })}
            value={choice.text}
            maxLength={CHOICE_TEXT_MAX + 50}
            onChange={(e) => onText(e.target.value)}
            onBlur={visits.visit(field)}
            borderColor={choice.correct ? 'green.solid' : undefined}
            borderWidth={choice.correct ? '2px' : undefined}
          />
        </Field.Root>
        <IconButton
          aria-label={t('admin.choices.remove', { number })}
          variant="ghost"
          disabled={!canRemove}
          onClick={onRemove}
        >
          <LuTrash2 />
        </IconButton>
      </HStack>
      {visits.shown(field) && problem && (
        <Text color="fg.error" fontSize="sm" ms="8" mt="1" role="alert">
          {problem}
        </Text>
      )}
    </Box>
  )
}

/** A question's answers, 2 to 6, with the correct one picked by its radio button. */
export function QuestionChoicesField({
  choices,
  onChange,
  problems,
  visits,
}: {
  choices: Choice[]
  onChange: (choices: Choice[]) => void
  problems: QuestionProblems
  visits: Visits
}) {
  const { t } = useTranslation()
  const correctKey = choices.find((c) => c.correct)?.key ?? ''
  return (
    <Fieldset.Root invalid={visits.shown('choices') && Boolean(problems.choices)}>
      <Fieldset.Legend fontWeight="medium">{t('admin.choices.legend')}</Fieldset.Legend>
      <RadioGroup.Root
        value={correctKey}
        onValueChange={(e) => {
          onChange(choices.map((c) => ({ ...c, correct: c.key === e.value })))
          visits.visit('choices')()
        }}
        aria-label={t('admin.choices.correct')}
      >
        <Stack gap="2" mt="2">
          {choices.map((choice, index) => (
            <ChoiceRow
              key={choice.key}
              choice={choice}
              index={index}
              problem={problems.choiceTexts[index]}
              canRemove={choices.length > MIN_CHOICES}
              onText={(text) => onChange(choices.map((c) => (c.key === choice.key ? { ...c, text } : c)))}
              onRemove={() => onChange(choices.filter((c) => c.key !== choice.key))}
              visits={visits}
            />
          ))}
        </Stack>
      </RadioGroup.Root>
      {visits.shown('choices') && problems.choices && <Fieldset.ErrorText>{problems.choices}</Fieldset.ErrorText>}
      <Button
        variant="outline"
        size="sm"
        alignSelf="start"
        mt="1"
        disabled={choices.length >= MAX_CHOICES}
        onClick={() => onChange([...choices, { key: newChoiceKey(), text: '', correct: false }])}
      >
        <LuPlus /> {t('admin.choices.add')}
      </Button>
      {choices.length >= MAX_CHOICES && (
        <Text fontSize="sm" color="fg.muted">
          {t('admin.choices.max', { max: MAX_CHOICES })}
        </Text>
      )}
    </Fieldset.Root>
  )
}
