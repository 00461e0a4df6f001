// The rules of QuestionIn from API.md, checked as the teacher types so the server rarely has to say no.
import type { TFunction } from 'i18next'
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

/** What is wrong with a draft, field by field, in the words of `t`'s language. */
export function validateQuestion(draft: QuestionDraft, t: TFunction): QuestionProblems {
  const problems: QuestionProblems = { choiceTexts: [] }
  const prompt = draft.prompt.trim()
  if (prompt === '') problems.prompt = t('admin.questionRules.promptEmpty')
  else if (prompt.length > PROMPT_MAX)
    problems.prompt = t('admin.questionRules.promptTooLong', { max: PROMPT_MAX, length: prompt.length })

  const seen = new Map<string, number>()
  problems.choiceTexts = draft.choices.map((choice, index) => {
    const text = choice.text.trim()
    if (text === '') return t('admin.questionRules.choiceEmpty')
    if (text.length > CHOICE_TEXT_MAX)
      return t('admin.questionRules.choiceTooLong', { max: CHOICE_TEXT_MAX, length: text.length })
    const folded = text.toLocaleLowerCase()
    const first = seen.get(folded)
    if (first !== undefined) return t('admin.questionRules.choiceSame', { number: first + 1 })
    seen.set(folded, index)
    return undefined
  })

  const correct = draft.choices.filter((c) => c.correct).length
  if (draft.choices.length < MIN_CHOICES) problems.choices = t('admin.questionRules.tooFew', { min: MIN_CHOICES })
  else if (draft.choices.length > MAX_CHOICES) problems.choices = t('admin.questionRules.tooMany', { max: MAX_CHOICES })
  else if (correct === 0) problems.choices = t('admin.questionRules.noCorrect')
  else if (correct > 1) problems.choices = t('admin.questionRules.manyCorrect')

  if (draft.timed) {
    const seconds = wholeNumber(draft.timeLimit)
    if (seconds === null || seconds < TIME_LIMIT_MIN || seconds > TIME_LIMIT_MAX) {
      problems.timeLimit = t('admin.questionRules.timeLimit', { min: TIME_LIMIT_MIN, max: TIME_LIMIT_MAX })
    }
  }
  const points = wholeNumber(draft.points)
  if (points === null || points > POINTS_MAX) problems.points = t('admin.questionRules.points', { max: POINTS_MAX })
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
