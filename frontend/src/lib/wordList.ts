// The word-list import's options as the teacher sets them, checked against the server's rules
// (docs/API.md, "Word-list import") before anything is sent.
import type { ParseKeys, TFunction } from 'i18next'
import type { RowProblem } from '../api/errors'
import type { WordListOptions } from '../api/types'
import type { RowCode } from '../client'
import { DEFAULT_POINTS, DEFAULT_TIME_LIMIT, POINTS_MAX, TIME_LIMIT_MAX, TIME_LIMIT_MIN } from './questionRules'

export type Direction = WordListOptions['direction']

export const WORD_LIST_MAX_BYTES = 4 * 1024 * 1024
export const WORD_LIST_MAX_ROWS = 2000
export const CHOICE_COUNTS = [2, 3, 4, 5, 6] as const

/**
 * What the questions of a list ask, each with its label's key and an example: a question as the
 * server writes it (in English, like the quiz), or for both kinds a sentence in the teacher's language.
 */
export const DIRECTIONS = [
  {
    value: 'word_to_meaning',
    label: 'admin.importOptions.directions.wordToMeaning',
    example: { prompt: 'What does “exhausted” mean?' },
  },
  {
    value: 'meaning_to_word',
    label: 'admin.importOptions.directions.meaningToWord',
    example: { prompt: 'Which word means “very tired”?' },
  },
  {
    value: 'both',
    label: 'admin.importOptions.directions.both',
    example: { explained: 'admin.importOptions.directions.bothExample' },
  },
] as const satisfies readonly {
  value: Direction
  label: string
  example: { prompt: string } | { explained: string }
}[]

/** A word list to start from; the column names (and the English words) are what a file must hold. */
export const EXAMPLE_CSV = `word,meaning,example
exhausted,very tired,I am exhausted today.
cheerful,happy and positive,
reluctant,not willing,"Reluctant, he said yes."
`

/** The options as the form holds them: numbers stay text until they are valid. */
export type ImportOptionsDraft = {
  direction: Direction
  choices: number
  timed: boolean
  timeLimit: string
  points: string
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptionsDraft = {
  direction: 'word_to_meaning',
  choices: 4,
  timed: true,
  timeLimit: String(DEFAULT_TIME_LIMIT),
  points: String(DEFAULT_POINTS),
}

export type ImportProblems = { csv?: string; timeLimit?: string; points?: string }

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null
}

export function validateImport(csv: string, draft: ImportOptionsDraft, t: TFunction): ImportProblems {
  const problems: ImportProblems = {}
  if (csv.trim() === '') problems.csv = t('admin.wordList.csvEmpty')
  else if (new Blob([csv]).size > WORD_LIST_MAX_BYTES) problems.csv = t('admin.wordList.csvTooLarge')
  if (draft.timed) {
    const seconds = wholeNumber(draft.timeLimit)
    if (seconds === null || seconds < TIME_LIMIT_MIN || seconds > TIME_LIMIT_MAX)
      problems.timeLimit = t('admin.wordList.timeLimit', { min: TIME_LIMIT_MIN, max: TIME_LIMIT_MAX })
  }
  const points = wholeNumber(draft.points)
  if (points === null || points > POINTS_MAX) problems.points = t('admin.questionRules.points', { max: POINTS_MAX })
  return problems
}

/** The query of the preview and import calls; untimed is 0. */
export function importOptions(draft: ImportOptionsDraft): WordListOptions {
  return {
    direction: draft.direction,
    choices: draft.choices,
    time_limit_s: draft.timed ? Number(draft.timeLimit) : 0,
    points: Number(draft.points),
  }
}

export function sameOptions(a: WordListOptions, b: WordListOptions): boolean {
  return (
    a.direction === b.direction && a.choices === b.choices && a.time_limit_s === b.time_limit_s && a.points === b.points
  )
}

export class WordListFileError extends Error {}

/** A picked file's text; a file that is not UTF-8 is refused here, in words the teacher can act on. */
export async function readWordListFile(file: File, t: TFunction): Promise<string> {
  const name = file.name
  if (file.size > WORD_LIST_MAX_BYTES) throw new WordListFileError(t('admin.wordList.fileTooLarge', { name }))
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as ArrayBuffer)
    reader.onerror = () => reject(new WordListFileError(t('admin.wordList.fileUnreadable', { name })))
    reader.readAsArrayBuffer(file)
  })
  try {
    // A byte order mark, if any, is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new WordListFileError(t('admin.wordList.fileNotUtf8', { name }))
  }
}

/** The words of each word-list problem code (docs/API.md "Word-list problem codes"). */
const ROW_REASONS: Record<RowCode, ParseKeys> = {
  not_utf8: 'admin.wordListReason.not_utf8',
  unknown_column: 'admin.wordListReason.unknown_column',
  repeated_column: 'admin.wordListReason.repeated_column',
  missing_column: 'admin.wordListReason.missing_column',
  header_unreadable: 'admin.wordListReason.header_unreadable',
  row_unreadable: 'admin.wordListReason.row_unreadable',
  list_empty: 'admin.wordListReason.list_empty',
  too_many_rows: 'admin.wordListReason.too_many_rows',
  too_many_fields: 'admin.wordListReason.too_many_fields',
  control_characters: 'admin.wordListReason.control_characters',
  word_empty: 'admin.wordListReason.word_empty',
  meaning_empty: 'admin.wordListReason.meaning_empty',
  too_long: 'admin.wordListReason.too_long',
  example_lacks_word: 'admin.wordListReason.example_lacks_word',
  distractor_is_word: 'admin.wordListReason.distractor_is_word',
  distractor_is_meaning: 'admin.wordListReason.distractor_is_meaning',
  distractors_same: 'admin.wordListReason.distractors_same',
  word_repeated: 'admin.wordListReason.word_repeated',
  no_words: 'admin.wordListReason.no_words',
  too_few_meanings: 'admin.wordListReason.too_few_meanings',
  too_few_words: 'admin.wordListReason.too_few_words',
  question_too_long: 'admin.wordListReason.question_too_long',
  quiz_too_full: 'admin.wordListReason.quiz_too_full',
}

/**
 * "Line 7: The word is empty."; a problem of the whole list has no line. Said in the teacher's
 * language from its code, or as the server words it for a code the app does not know.
 */
export function problemText(problem: RowProblem, t: TFunction): string {
  const known = problem.code !== null && problem.code in ROW_REASONS
  const reason = known ? t(ROW_REASONS[problem.code as RowCode], problem.params) : problem.reason.trim()
  if (problem.line === null) return t('admin.wordListProblems.wholeList', { reason })
  return t('admin.wordListProblems.line', { line: problem.line, reason })
}
