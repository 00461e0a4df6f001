import type { ParseKeys } from 'i18next'
import type { ErrorCode } from '../client'
import i18n from '../i18n'

/** The words of each error code of the API (docs/API.md "Error codes"), in the reader's language. */
const API_ERRORS: Record<ErrorCode, ParseKeys> = {
  not_signed_in: 'errors.api.not_signed_in',
  token_invalid: 'errors.api.token_invalid',
  account_disabled: 'errors.api.account_disabled',
  login_failed: 'errors.api.login_failed',
  username_taken: 'errors.api.username_taken',
  admins_only: 'errors.api.admins_only',
  staff_only: 'errors.api.staff_only',
  quiz_not_found: 'errors.api.quiz_not_found',
  quiz_not_owned: 'errors.api.quiz_not_owned',
  quiz_full: 'errors.api.quiz_full',
  quiz_empty: 'errors.api.quiz_empty',
  quiz_locked: 'errors.api.quiz_locked',
  quiz_has_sessions: 'errors.api.quiz_has_sessions',
  question_not_found: 'errors.api.question_not_found',
  teacher_not_found: 'errors.api.teacher_not_found',
  job_not_found: 'errors.api.job_not_found',
  session_not_found: 'errors.api.session_not_found',
  session_closed: 'errors.api.session_closed',
  session_is_live: 'errors.api.session_is_live',
  session_not_live: 'errors.api.session_not_live',
  no_free_code: 'errors.api.no_free_code',
  not_joined: 'errors.api.not_joined',
  not_participant: 'errors.api.not_participant',
  player_removed: 'errors.api.player_removed',
  player_not_found: 'errors.api.player_not_found',
  player_not_removed: 'errors.api.player_not_removed',
  name_taken: 'errors.api.name_taken',
  name_crowded: 'errors.api.name_crowded',
  question_not_served: 'errors.api.question_not_served',
  question_not_here: 'errors.api.question_not_here',
  question_ended: 'errors.api.question_ended',
  phase_changed: 'errors.api.phase_changed',
  choice_invalid: 'errors.api.choice_invalid',
  already_answered: 'errors.api.already_answered',
  word_list_rejected: 'errors.api.word_list_rejected',
  invalid_request: 'errors.api.invalid_request',
  not_found: 'errors.api.not_found',
  method_not_allowed: 'errors.api.method_not_allowed',
  body_too_large: 'errors.api.body_too_large',
  wrong_content_type: 'errors.api.wrong_content_type',
  rate_limited: 'errors.api.rate_limited',
  too_many_streams: 'errors.api.too_many_streams',
  server_busy: 'errors.api.server_busy',
  database_unavailable: 'errors.api.database_unavailable',
  redis_unavailable: 'errors.api.redis_unavailable',
  service_unavailable: 'errors.api.service_unavailable',
  internal_error: 'errors.api.internal_error',
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' && name in body ? (body as Record<string, unknown>)[name] : undefined
}

/**
 * A failed API call, with the server's `detail` and `code` when it sent them. Its message is in the
 * reader's language: the code's words, or, for an error the app makes itself, the sentence given.
 */
export class ApiError extends Error {
  readonly status: number
  readonly detail: unknown
  /** The whole error body, for answers that carry more than `detail` (e.g. a word list's `errors`). */
  readonly body: unknown
  /** The API's name for what went wrong; null when the server sent none (or there was no answer). */
  readonly code: ErrorCode | null
  constructor(status: number, detail: unknown, body: unknown = undefined) {
    const code = field(body, 'code')
    const known = typeof code === 'string' && code in API_ERRORS ? (code as ErrorCode) : null
    super(describe(status, detail, known, field(body, 'retry_after_s')))
    this.name = 'ApiError'
    this.status = status
    this.detail = detail
    this.body = body
    this.code = known
  }

  /** The sentence in the language shown now: `message` keeps the one of the moment it failed. */
  describe(): string {
    return describe(this.status, this.detail, this.code, field(this.body, 'retry_after_s'))
  }
}

/** The error an API answer's body describes: its `detail` and `code` when it has them. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const detail = body && typeof body === 'object' && 'detail' in body ? body.detail : body
  return new ApiError(status, detail, body)
}

type ValidationItem = { loc?: unknown[]; msg?: string }

function describe(status: number, detail: unknown, code: ErrorCode | null, retryAfter: unknown): string {
  const t = i18n.t
  if (status === 0) return t('errors.network')
  if (status >= 500 && code !== 'server_busy') return t('errors.server')
  if (Array.isArray(detail) && detail.length > 0) {
    // FastAPI's 422 list: name the fields in words, never show raw locations.
    const parts = (detail as ValidationItem[]).map((item) => {
      const field = [...(item.loc ?? [])].reverse().find((p) => typeof p === 'string' && p !== 'body')
      const message = (item.msg ?? 'is not valid').replace(/^Value error, /, '')
      return field ? `${String(field).replace(/_/g, ' ')}: ${message}` : message
    })
    return t('errors.checkInput', { problems: parts.join('; ') })
  }
  if (code) return t(API_ERRORS[code], { seconds: typeof retryAfter === 'number' ? retryAfter : 1 })
  if (typeof detail === 'string' && detail.trim() !== '') return detail
  switch (status) {
    case 401:
      return t('errors.signInAgain')
    case 403:
      return t('errors.noAccess')
    case 404:
      return t('errors.notFound')
    case 409:
      return t('errors.notNow')
    default:
      return t('errors.failed')
  }
}

/**
 * A background job that ended without doing its work: said from its code in the reader's language,
 * else in the server's sentence.
 */
export class JobFailedError extends Error {
  readonly reason: string | null
  readonly code: ErrorCode | null
  constructor(reason: string | null, code: string | null = null) {
    const known = code !== null && code in API_ERRORS ? (code as ErrorCode) : null
    super(JobFailedError.say(reason, known))
    this.name = 'JobFailedError'
    this.reason = reason
    this.code = known
  }

  private static say(reason: string | null, code: ErrorCode | null): string {
    return code ? i18n.t(API_ERRORS[code]) : reason?.trim() || i18n.t('errors.jobStopped')
  }

  /** The sentence in the language shown now. */
  describe(): string {
    return JobFailedError.say(this.reason, this.code)
  }
}

/** A sentence a person can act on, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.describe()
  if (error instanceof JobFailedError) return error.describe()
  if (error instanceof TypeError) return describe(0, null, null, null)
  return i18n.t('errors.unexpected')
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status)
}

/**
 * One problem of an uploaded list: `line` of the file (the header is line 1), null for the list as a
 * whole; the server's English `reason`, and its `code` and `params` to say it in the teacher's language.
 */
export type RowProblem = {
  line: number | null
  reason: string
  code: string | null
  params: Record<string, string | number>
}

function paramsOf(value: unknown): Record<string, string | number> {
  if (!value || typeof value !== 'object') return {}
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string | number] =>
      ['string', 'number'].includes(typeof entry[1]),
    ),
  )
}

/** The `errors` of a 422 that names bad rows of a word list, or null when the error is something else. */
export function rowProblems(error: unknown): RowProblem[] | null {
  if (!isApiError(error, 422)) return null
  const body = error.body
  if (!body || typeof body !== 'object' || !('errors' in body) || !Array.isArray(body.errors)) return null
  return (body.errors as unknown[]).flatMap((item) => {
    if (!item || typeof item !== 'object' || !('reason' in item)) return []
    const line = 'line' in item && typeof item.line === 'number' ? item.line : null
    const code = 'code' in item && typeof item.code === 'string' ? item.code : null
    return [{ line, reason: String(item.reason), code, params: paramsOf(field(item, 'params')) }]
  })
}

/** How many problems the list has in all: the server names the first 100 and counts the rest. */
export function rowProblemCount(error: unknown, named: number): number {
  const body = isApiError(error, 422) ? error.body : null
  const count = body && typeof body === 'object' && 'error_count' in body ? body.error_count : null
  return typeof count === 'number' ? Math.max(count, named) : named
}

/**
 * Whether the server refused this player a session's screens for good: reading them as a player
 * joins first (readAsPlayer), and a join is refused with a 403 only to a player the teacher removed.
 */
export function isRemoval(error: unknown): error is ApiError {
  return isApiError(error, 403)
}

/** For queries: retry only what may pass on a second try (no answer at all, or the server's trouble). */
export function retryNetworkOnly(count: number, error: unknown): boolean {
  return !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 3
}
