import {
  Box,
  Button,
  Card,
  Field,
  Fieldset,
  HStack,
  IconButton,
  Input,
  RadioGroup,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { LuPlus, LuTrash2 } from 'react-icons/lu'
import type { Question, QuestionInput, Scoring } from '../api/types'
import {
  CHOICE_TEXT_MAX,
  MAX_CHOICES,
  MIN_CHOICES,
  PROMPT_MAX,
  draftFromQuestion,
  emptyQuestionDraft,
  hasProblems,
  newChoiceKey,
  questionInput,
  validateQuestion,
  type QuestionDraft,
} from '../lib/questionRules'
import { InlineError } from './StateViews'

type FieldName = 'prompt' | 'choices' | 'timeLimit' | 'points' | `choice-${string}`

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
  const [visited, setVisited] = useState<Set<FieldName>>(new Set())
  const [triedToSave, setTriedToSave] = useState(false)
  const problems = validateQuestion(draft)
  const shown = (field: FieldName) => triedToSave || visited.has(field)
  const visit = (field: FieldName) => () => setVisited((v) => (v.has(field) ? v : new Set(v).add(field)))
  const update = (patch: Partial<QuestionDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const correctKey = draft.choices.find((c) => c.correct)?.key ?? ''

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTriedToSave(true)
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
          <Field.Root invalid={shown('prompt') && Boolean(problems.prompt)} required>
            <Field.Label>Question</Field.Label>
            <Textarea
              value={draft.prompt}
              onChange={(e) => update({ prompt: e.target.value })}
              onBlur={visit('prompt')}
              rows={2}
              autoFocus
              placeholder='e.g. What is "the cat" in French?'
            />
            {shown('prompt') && problems.prompt ? (
              <Field.ErrorText>{problems.prompt}</Field.ErrorText>
            ) : (
              <Field.HelperText>
                {draft.prompt.trim().length}/{PROMPT_MAX}
              </Field.HelperText>
            )}
          </Field.Root>

          <Fieldset.Root invalid={shown('choices') && Boolean(problems.choices)}>
            <Fieldset.Legend fontWeight="medium">Answers: pick the correct one</Fieldset.Legend>
            <RadioGroup.Root
              value={correctKey}
              onValueChange={(e) => {
                update({ choices: draft.choices.map((c) => ({ ...c, correct: c.key === e.value })) })
                visit('choices')()
              }}
              aria-label="Correct answer"
            >
              <Stack gap="2" mt="2">
                {draft.choices.map((choice, index) => {
                  const field: FieldName = `choice-${choice.key}`
                  const problem = problems.choiceTexts[index]
                  return (
                    <Box key={choice.key}>
                      <HStack gap="2" align="center">
                        <RadioGroup.Item value={choice.key} colorPalette="green">
                          <RadioGroup.ItemHiddenInput aria-label={`Answer ${index + 1} is the correct one`} />
                          <RadioGroup.ItemIndicator />
                        </RadioGroup.Item>
                        <Field.Root invalid={shown(field) && Boolean(problem)} flex="1">
                          <Input
                            aria-label={`Answer ${index + 1}`}
                            value={choice.text}
                            maxLength={CHOICE_TEXT_MAX + 50}
                            onChange={(e) =>
                              update({
                                choices: draft.choices.map((c) =>
                                  c.key === choice.key ? { ...c, text: e.target.value } : c,
                                ),
                              })
                            }
                            onBlur={visit(field)}
                            borderColor={choice.correct ? 'green.solid' : undefined}
                            borderWidth={choice.correct ? '2px' : undefined}
                          />
                        </Field.Root>
                        <IconButton
                          aria-label={`Remove answer ${index + 1}`}
                          variant="ghost"
                          disabled={draft.choices.length <= MIN_CHOICES}
                          onClick={() => update({ choices: draft.choices.filter((c) => c.key !== choice.key) })}
                        >
                          <LuTrash2 />
                        </IconButton>
                      </HStack>
                      {shown(field) && problem && (
                        <Text color="fg.error" fontSize="sm" ms="8" mt="1" role="alert">
                          {problem}
                        </Text>
                      )}
                    </Box>
                  )
                })}
              </Stack>
            </RadioGroup.Root>
            {shown('choices') && problems.choices && <Fieldset.ErrorText>{problems.choices}</Fieldset.ErrorText>}
            <Button
              variant="outline"
              size="sm"
              alignSelf="start"
              mt="1"
              disabled={draft.choices.length >= MAX_CHOICES}
              onClick={() => update({ choices: [...draft.choices, { key: newChoiceKey(), text: '', correct: false }] })}
            >
              <LuPlus /> Add an answer
            </Button>
            {draft.choices.length >= MAX_CHOICES && (
              <Text fontSize="sm" color="fg.muted">
                {MAX_CHOICES} answers is the most a question can have.
              </Text>
            )}
          </Fieldset.Root>

          <Stack direction={{ base: 'column', md: 'row' }} gap="5" align={{ md: 'start' }}>
            <Stack gap="2" flex="1">
              <Switch.Root checked={draft.timed} onCheckedChange={(e) => update({ timed: e.checked })}>
                <Switch.HiddenInput />
                <Switch.Control />
                <Switch.Label>Timed question</Switch.Label>
              </Switch.Root>
              {draft.timed ? (
                <Field.Root invalid={shown('timeLimit') && Boolean(problems.timeLimit)}>
                  <Field.Label>Seconds to answer</Field.Label>
                  <Input
                    inputMode="numeric"
                    value={draft.timeLimit}
                    onChange={(e) => update({ timeLimit: e.target.value })}
                    onBlur={visit('timeLimit')}
                    maxW="40"
                  />
                  {shown('timeLimit') && problems.timeLimit ? (
                    <Field.ErrorText>{problems.timeLimit}</Field.ErrorText>
                  ) : (
                    <Field.HelperText>
                      {scoring === 'speed'
                        ? '5 to 300. Faster answers win more points.'
                        : '5 to 300. Right answers in time win all the points.'}
                    </Field.HelperText>
                  )}
                </Field.Root>
              ) : (
                <Text fontSize="sm" color="fg.muted">
                  Untimed: every correct answer wins all its points.
                </Text>
              )}
            </Stack>
            <Field.Root flex="1" invalid={shown('points') && Boolean(problems.points)}>
              <Field.Label>Points</Field.Label>
              <Input
                inputMode="numeric"
                value={draft.points}
                onChange={(e) => update({ points: e.target.value })}
                onBlur={visit('points')}
                maxW="40"
              />
              {shown('points') && problems.points ? (
                <Field.ErrorText>{problems.points}</Field.ErrorText>
              ) : (
                <Field.HelperText>0 to 10000.</Field.HelperText>
              )}
            </Field.Root>
          </Stack>

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
