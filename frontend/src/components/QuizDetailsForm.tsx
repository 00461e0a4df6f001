import { Button, Field, Input, RadioCard, Stack, Switch, Text, Textarea, chakra } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { LuTarget, LuZap } from 'react-icons/lu'
import type { Scoring } from '../api/types'
import { SCORING_RULES, STREAK_RULE } from '../lib/scoring'
import { InlineError } from './StateViews'

const TITLE_MAX = 200
const DESCRIPTION_MAX = 2000

export type QuizDetails = { title: string; description: string; scoring: Scoring; streakBonus: boolean }

const NEW_QUIZ: QuizDetails = { title: '', description: '', scoring: 'speed', streakBonus: false }

/** Title, description and how points are won, for a new quiz or to change one. */
export function QuizDetailsForm({
  initial = NEW_QUIZ,
  submitLabel,
  onSubmit,
  pending,
  error,
  onCancel,
  hasSessions = false,
}: {
  initial?: QuizDetails
  submitLabel: string
  onSubmit: (details: QuizDetails) => void
  pending?: boolean
  error?: unknown
  onCancel?: () => void
  /** Sessions already held keep the scoring they opened with; say so. */
  hasSessions?: boolean
}) {
  const [title, setTitle] = useState(initial.title)
  const [description, setDescription] = useState(initial.description)
  const [scoring, setScoring] = useState<Scoring>(initial.scoring)
  const [streakBonus, setStreakBonus] = useState(initial.streakBonus)
  const [touched, setTouched] = useState(false)
  const titleProblem =
    title.trim() === ''
      ? 'Give the quiz a title.'
      : title.trim().length > TITLE_MAX
        ? `Keep the title under ${TITLE_MAX} characters.`
        : null
  const descriptionProblem =
    description.length > DESCRIPTION_MAX ? `Keep the description under ${DESCRIPTION_MAX} characters.` : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!titleProblem && !descriptionProblem)
      onSubmit({ title: title.trim(), description: description.trim(), scoring, streakBonus })
  }

  return (
    <chakra.form display="flex" flexDirection="column" gap="4" onSubmit={submit} noValidate>
      <Field.Root invalid={touched && titleProblem !== null} required>
        <Field.Label>Title</Field.Label>
        <Input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Animals in French"
          autoFocus
        />
        <Field.ErrorText>{titleProblem}</Field.ErrorText>
      </Field.Root>
      <Field.Root invalid={touched && descriptionProblem !== null}>
        <Field.Label>Description (optional)</Field.Label>
        <Textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          placeholder="Who is it for, what does it practise?"
        />
        <Field.ErrorText>{descriptionProblem}</Field.ErrorText>
      </Field.Root>
      <RadioCard.Root
        value={scoring}
        onValueChange={(e) => e.value && setScoring(e.value as Scoring)}
        size="sm"
        orientation="horizontal"
      >
        <RadioCard.Label fontWeight="medium">Scoring</RadioCard.Label>
        <Stack direction={{ base: 'column', sm: 'row' }} gap="2" align="stretch">
          {(['speed', 'accuracy'] as const).map((value) => (
            <RadioCard.Item key={value} value={value} flex="1">
              <RadioCard.ItemHiddenInput />
              <RadioCard.ItemControl>
                <RadioCard.ItemContent>
                  <RadioCard.ItemText display="flex" alignItems="center" gap="1.5">
                    {value === 'speed' ? <LuZap aria-hidden /> : <LuTarget aria-hidden />}
                    {SCORING_RULES[value].label}
                  </RadioCard.ItemText>
                  <RadioCard.ItemDescription>{SCORING_RULES[value].rule}</RadioCard.ItemDescription>
                </RadioCard.ItemContent>
                <RadioCard.ItemIndicator />
              </RadioCard.ItemControl>
            </RadioCard.Item>
          ))}
        </Stack>
      </RadioCard.Root>
      <Stack gap="1">
        <Switch.Root checked={streakBonus} onCheckedChange={(e) => setStreakBonus(e.checked)} colorPalette="orange">
          <Switch.HiddenInput />
          <Switch.Control />
          <Switch.Label>Streak bonus</Switch.Label>
        </Switch.Root>
        <Text fontSize="sm" color="fg.muted">
          {STREAK_RULE}
        </Text>
      </Stack>
      {hasSessions && (
        <Text fontSize="sm" color="fg.muted">
          Sessions already opened keep the scoring they started with; changes apply to the next session.
        </Text>
      )}
      <InlineError error={error} />
      <Stack direction="row" gap="3">
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </Stack>
    </chakra.form>
  )
}
