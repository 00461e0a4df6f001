import { Button, Card, HStack, Text, Textarea } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Question, QuestionInput, Scoring } from '../api/types'
import {
  POINTS_MAX,
  PROMPT_MAX,
  TIME_LIMIT_MAX,
  TIME_LIMIT_MIN,
  draftFromQuestion,
  emptyQuestionDraft,
  hasProblems,
  questionInput,
  validateQuestion,
  type QuestionDraft,
  type QuestionProblems,
} from '../lib/questionRules'
import { FormField } from './FormField'
import { QuestionChoicesField, type QuestionField, type Visits } from './QuestionChoicesField'
import { InlineError } from './StateViews'
import { TimeAndPointsFields } from './TimeAndPointsFields'

/** The fields left so far, and whether to show every problem (after a try to save). */
function useVisits(): Visits & { showAll: () => void } {
  const [visited, setVisited] = useState<Set<QuestionField>>(new Set())
  const [triedToSave, setTriedToSave] = useState(false)
  return {
    shown: (field) => triedToSave || visited.has(field),
    visit: (field) => () => setVisited((v) => (v.has(field) ? v : new Set(v).add(field))),
    showAll: () => setTriedToSave(true),
  }
}

function PromptField({
  prompt,
  onChange,
  problem,
  visits,
}: {
  prompt: string
  onChange: (prompt: string) => void
  problem: string | undefined
  visits: Visits
}) {
  const { t } = useTranslation()
  return (
    <FormField
      label={t('admin.questionEditor.prompt')}
      error={visits.shown('prompt') ? problem : null}
      help={`${prompt.trim().length}/${PROMPT_MAX}`}
      required
    >
      <Textarea
        value={prompt}
        onChange={(e) => onChange(e.target.value)}
        onBlur={visits.visit('prompt')}
        rows={2}
        autoFocus
        placeholder={t('admin.questionEditor.promptPlaceholder')}
      />
    </FormField>
  )
}

/** The question's clock and points; the help under the time limit follows the quiz's scoring. */
function QuestionTiming({
  draft,
  update,
  problems,
  visits,
  scoring,
}: {
  draft: QuestionDraft
  update: (patch: Partial<QuestionDraft>) => void
  problems: QuestionProblems
  visits: Visits
  scoring: Scoring
}) {
  const { t } = useTranslation()
  const { shown, visit } = visits
  const range = { min: TIME_LIMIT_MIN, max: TIME_LIMIT_MAX }
  return (
    <TimeAndPointsFields
      timed={draft.timed}
      onTimedChange={(timed) => update({ timed })}
      timedLabel={t('admin.questionEditor.timed')}
      untimedText={t('admin.questionEditor.untimed')}
      timeLimit={{
        value: draft.timeLimit,
        onChange: (timeLimit) => update({ timeLimit }),
        onBlur: visit('timeLimit'),
        problem: shown('timeLimit') ? problems.timeLimit : undefined,
        help:
          scoring === 'speed'
            ? t('admin.questionEditor.timeHelpSpeed', range)
            : t('admin.questionEditor.timeHelpAccuracy', range),
      }}
      points={{
        value: draft.points,
        onChange: (points) => update({ points }),
        onBlur: visit('points'),
        problem: shown('points') ? problems.points : undefined,
        help: t('admin.timeAndPoints.range', { min: 0, max: POINTS_MAX }),
      }}
      sideBySideFrom="md"
      fieldMaxW="40"
    />
  )
}

/**
 * Writes or changes one question: the prompt, 2–6 answers with the correct one marked, the time
 * limit and the points. Problems show under the field once it has been left, or all at once on save.
 */
export function QuestionEditor({
  question,
  number,
  onSave,
  onCancel,
  saving,
  error,
  scoring = 'speed',
}: {
  question?: Question
  number: number
  onSave: (input: QuestionInput) => void
  onCancel: () => void
  saving?: boolean
  error?: unknown
  /** The quiz's scoring, so the help under the time limit tells the truth. */
  scoring?: Scoring
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<QuestionDraft>(() =>
    question ? draftFromQuestion(question) : emptyQuestionDraft(),
  )
  const visits = useVisits()
  const problems = validateQuestion(draft, t)
  const update = (patch: Partial<QuestionDraft>) => setDraft((d) => ({ ...d, ...patch }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    visits.showAll()
    if (!hasProblems(problems)) onSave(questionInput(draft))
  }

  return (
    <Card.Root
      bg="app.card"
      borderRadius="xl"
      borderWidth="2px"
      borderColor="colorPalette.solid"
      as="section"
      aria-label={question ? t('admin.questionEditor.editLabel', { number }) : t('admin.questionEditor.newLabel')}
    >
      <Card.Body asChild gap="5">
        <form onSubmit={submit} noValidate>
          <Text fontWeight="bold" color="colorPalette.fg">
            {question
              ? t('admin.questionEditor.heading', { number })
              : t('admin.questionEditor.headingNew', { number })}
          </Text>
          <PromptField
            prompt={draft.prompt}
            onChange={(prompt) => update({ prompt })}
            problem={problems.prompt}
            visits={visits}
          />
          <QuestionChoicesField
            choices={draft.choices}
            onChange={(choices) => update({ choices })}
            problems={problems}
            visits={visits}
          />
          <QuestionTiming draft={draft} update={update} problems={problems} visits={visits} scoring={scoring} />
          <InlineError error={error} title={t('admin.questionEditor.saveFailed')} />
          <HStack gap="3">
            <Button type="submit" loading={saving} loadingText={t('admin.questionEditor.saving')}>
              {question ? t('admin.questionEditor.saveChanges') : t('admin.questionEditor.add')}
            </Button>
            <Button variant="ghost" onClick={onCancel}>
              {t('common.actions.cancel')}
            </Button>
          </HStack>
        </form>
      </Card.Body>
    </Card.Root>
  )
}
