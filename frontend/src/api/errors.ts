/** A failed API call, with the server's `detail` when it sent one. */
export class ApiError extends Error {
  readonly status: number
  readonly detail: unknown
  /** The whole error body, for answers that carry more than `detail` (e.g. a word list's `errors`). */
  readonly body: unknown
  constructor(status: number, detail: unknown, body: unknown = undefined) {
    super(describe(status, detail))
    this.name = 'ApiError'
    this.status = status
    this.detail = detail
    this.body = body
  }
}

type ValidationItem = { loc?: unknown[]; msg?: string }

function describe(status: number, detail: unknown): string {
  if (status === 0) return "We can't reach vocabquiz right now. Check your internet connection and try again."
  if (status >= 500) return 'Something went wrong on our side. Please try again in a moment.'
  if (typeof detail === 'string' && detail.trim() !== '') return detail
  if (Array.isArray(detail) && detail.length > 0) {
    // FastAPI's 422 list: name the fields in words, never show raw locations.
    const parts = (detail as ValidationItem[]).map((item) => {
      const field = [...(item.loc ?? [])].reverse().find((p) => typeof p === 'string' && p !== 'body')
      const message = (item.msg ?? 'is not valid').replace(/^Value error, /, '')
      return field ? `${String(field).replace(/_/g, ' ')}: ${message}` : message
    })
    return `Please check what you entered. ${parts.join('; ')}.`
  }
  switch (status) {
    case 401:
      return 'Please sign in again.'
    case 403:
      return "You don't have access to this."
    case 404:
      return "We couldn't find that. It may have been removed."
    case 409:
      return "That can't be done right now."
    default:
      return 'That did not work. Please try again.'
  }
}

/** A background job that ended without doing its work, with the server's sentence saying why. */
export class JobFailedError extends Error {
  constructor(reason: string | null) {
    super(reason?.trim() || 'It stopped before it was done. Please try again.')
    this.name = 'JobFailedError'
  }
}

/** A sentence a person can act on, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof JobFailedError) return error.message
  if (error instanceof TypeError) return describe(0, null)
  return 'Something unexpected happened. Please try again.'
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status)
}

/** One problem of an uploaded list: `line` of the file (the header is line 1), null for the list as a whole. */
export type RowProblem = { line: number | null; reason: string }

/** The `errors` of a 422 that names bad rows of a word list, or null when the error is something else. */
export function rowProblems(error: unknown): RowProblem[] | null {
  if (!isApiError(error, 422)) return null
  const body = error.body
  if (!body || typeof body !== 'object' || !('errors' in body) || !Array.isArray(body.errors)) return null
  return (body.errors as unknown[]).flatMap((item) => {
    if (!item || typeof item !== 'object' || !('reason' in item)) return []
    const line = 'line' in item && typeof item.line === 'number' ? item.line : null
    return [{ line, reason: String(item.reason) }]
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
