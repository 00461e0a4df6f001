/** A failed API call, with the server's `detail` when it sent one. */
export class ApiError extends Error {
  readonly status: number
  readonly detail: unknown
  constructor(status: number, detail: unknown) {
    super(describe(status, detail))
    this.name = 'ApiError'
    this.status = status
    this.detail = detail
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

/** A sentence a person can act on, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof TypeError) return describe(0, null)
  return 'Something unexpected happened. Please try again.'
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status)
}
