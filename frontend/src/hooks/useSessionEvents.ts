import { useEffect, useState } from 'react'
import { connectSessionEvents, type StreamStatus } from '../api/sessionEvents'
import type { Leaderboard, Session } from '../api/types'
import { getToken } from '../auth/tokenStore'

export type SessionEvents = {
  leaderboard: Leaderboard | null
  /** The latest session sent by the stream (it changes when the session closes). */
  session: Session | null
  status: StreamStatus
  httpStatus: number | undefined
}

/** Live standings of a session from its event stream, reconnecting on its own. */
export function useSessionEvents(
  code: string | undefined,
  options: { limit?: number; enabled?: boolean; fetchImpl?: typeof fetch; initialDelayMs?: number } = {},
): SessionEvents {
  const { limit = 10, enabled = true, fetchImpl, initialDelayMs } = options
  const [state, setState] = useState<SessionEvents>({
    leaderboard: null,
    session: null,
    status: 'connecting',
    httpStatus: undefined,
  })

  useEffect(() => {
    if (!code || !enabled) return
    setState({ leaderboard: null, session: null, status: 'connecting', httpStatus: undefined })
    return connectSessionEvents({
      code,
      limit,
      getToken,
      fetchImpl,
      initialDelayMs,
      onLeaderboard: (leaderboard) => setState((s) => ({ ...s, leaderboard })),
      onSession: (session) => setState((s) => ({ ...s, session })),
      onStatus: (status, httpStatus) => setState((s) => ({ ...s, status, httpStatus })),
    })
  }, [code, limit, enabled, fetchImpl, initialDelayMs])

  return state
}
