import { Button, Card, HStack, Text, Textarea } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import type { Question, QuestionInput, Scoring } from '../api/types'
import {
  PROMPT_MAX,
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
  return (
    <FormField
      label="Question"
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
        placeholder='e.g. What is "the cat" in French?'
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
  const { shown, visit } = visits
  return (
    <TimeAndPointsFields
      timed={draft.timed}
      onTimedChange={(timed) => update({ timed })}
      timedLabel="Timed question"
      untimedText="Untimed: every correct answer wins all its points."
      timeLimit={{
        value: draft.timeLimit,
        onChange: (timeLimit) => update({ timeLimit }),
        onBlur: visit('timeLimit'),
        problem: shown('timeLimit') ? problems.timeLimit : undefined,
        help:
          scoring === 'speed'
            ? '5 to 300. Faster answers win more points.'
            : '5 to 300. Right answers in time win all the points.',
      }}
      points={{
        value: draft.points,
        onChange: (points) => update({ points }),
        onBlur: visit('points'),
        problem: shown('points') ? problems.points : undefined,
        help: '0 to 10000.',
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
  const [draft, setDraft] = useState<QuestionDraft>(() =>
    question ? draftFromQuestion(question) : emptyQuestionDraft(),
  )
  const visits = useVisits()
  const problems = validateQuestion(draft)
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
      aria-label={question ? `Edit question ${number}` : 'New question'}
    >
      <Card.Body asChild gap="5">
        <form onSubmit={submit} noValidate>
          <Text fontWeight="bold" color="colorPalette.fg">
            {question ? `Question ${number}` : `New question ${number}`}
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
          <InlineError error={error} title="The question wasn't saved" />
          <HStack gap="3">
            <Button type="submit" loading={saving} loadingText="Saving…">
              {question ? 'Save changes' : 'Add question'}
            </Button>
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          </HStack>
        </form>
      </Card.Body>
    </Card.Root>
  )
}
