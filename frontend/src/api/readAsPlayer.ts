import { joinSession } from '../client'
import { unwrap } from './client'
import { isApiError } from './errors'

/**
 * Reads what only a session's players may read. Someone who arrives without having joined (e.g.
 * by a shared link) is refused with a 403: they join, and it is read again.
 */
export async function readAsPlayer<T>(code: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (!isApiError(error, 403)) throw error
    await unwrap(joinSession({ path: { code } }))
    return read()
  }
}
