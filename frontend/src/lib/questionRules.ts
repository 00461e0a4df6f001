// The rules of QuestionIn from API.md, checked as the teacher types so the server rarely has to say no.
import type { Question, QuestionInput } from '../api/types'

export const PROMPT_MAX = 500
export const CHOICE_TEXT_MAX = 200
export const MIN_CHOICES = 2
export const MAX_CHOICES = 6
export const TIME_LIMIT_MIN = 5
export const TIME_LIMIT_MAX = 300
export const POINTS_MAX = 10_000
export const DEFAULT_TIME_LIMIT = 20
export const DEFAULT_POINTS = 1000

export type ChoiceDraft = { key: string; text: string; correct: boolean }

/** A question as the editor holds it: numbers stay text until they are valid. */
export type QuestionDraft = {
  prompt: string
  choices: ChoiceDraft[]
  timed: boolean
  timeLimit: string
  points: string
}

export type QuestionProblems = {
  prompt?: string
  /** Problems of the choices as a whole: how many, which one is correct. */
  choices?: string
  /** One entry per choice, in order. */
  choiceTexts: (string | undefined)[]
  timeLimit?: string
  points?: string
}

let keySeed = 0
export function newChoiceKey(): string {
  keySeed += 1
  return `choice-${keySeed}`
}

export function emptyQuestionDraft(): QuestionDraft {
  return {
    prompt: '',
    choices: [0, 1, 2, 3].map((i) => ({ key: newChoiceKey(), text: '', correct: i === 0 })),
    timed: true,
    timeLimit: String(DEFAULT_TIME_LIMIT),
    points: String(DEFAULT_POINTS),
  }
}

export function draftFromQuestion(question: Question): QuestionDraft {
  return {
    prompt: question.prompt,
    choices: question.choices.map((c) => ({ key: newChoiceKey(), text: c.text, correct: c.correct })),
    timed: question.time_limit_s != null,
    timeLimit: String(question.time_limit_s ?? DEFAULT_TIME_LIMIT),
    points: String(question.points),
  }
}

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null
}

export function validateQuestion(draft: QuestionDraft): QuestionProblems {
  const problems: QuestionProblems = { choiceTexts: [] }
  const prompt = draft.prompt.trim()
  if (prompt === '') problems.prompt = 'Write the question.'
  else if (prompt.length > PROMPT_MAX)
    problems.prompt = `Keep the question under ${PROMPT_MAX} characters (now ${prompt.length}).`

  const seen = new Map<string, number>()
  problems.choiceTexts = draft.choices.map((choice, index) => {
    const text = choice.text.trim()
    if (text === '') return 'Write this answer, or remove it.'
    if (text.length > CHOICE_TEXT_MAX) return `Keep answers under ${CHOICE_TEXT_MAX} characters (now ${text.length}).`
    const folded = text.toLocaleLowerCase()
    const first = seen.get(folded)
    if (first !== undefined) return `Same as answer ${first + 1}. Each answer must be different.`
    seen.set(folded, index)
    return undefined
  })

  const correct = draft.choices.filter((c) => c.correct).length
  if (draft.choices.length < MIN_CHOICES) problems.choices = `Give at least ${MIN_CHOICES} answers.`
  else if (draft.choices.length > MAX_CHOICES) problems.choices = `Give at most ${MAX_CHOICES} answers.`
  else if (correct === 0) problems.choices = 'Mark the correct answer.'
  else if (correct > 1) problems.choices = 'Mark only one answer as correct.'

  if (draft.timed) {
    const seconds = wholeNumber(draft.timeLimit)
    if (seconds === null || seconds < TIME_LIMIT_MIN || seconds > TIME_LIMIT_MAX) {
      problems.timeLimit = `Choose between ${TIME_LIMIT_MIN} and ${TIME_LIMIT_MAX} seconds, or make it untimed.`
    }
  }
  const points = wholeNumber(draft.points)
  if (points === null || points > POINTS_MAX) problems.points = `Choose a whole number from 0 to ${POINTS_MAX}.`
  return problems
}

export function hasProblems(problems: QuestionProblems): boolean {
  return Boolean(
    problems.prompt || problems.choices || problems.timeLimit || problems.points || problems.choiceTexts.some(Boolean),
  )
}

/** The request body for a valid draft. */
export function questionInput(draft: QuestionDraft): QuestionInput {
  return {
    prompt: draft.prompt.trim(),
    choices: draft.choices.map((c) => ({ text: c.text.trim(), correct: c.correct })),
    time_limit_s: draft.timed ? Number(draft.timeLimit) : null,
    points: Number(draft.points),
  }
}
