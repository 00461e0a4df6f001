import { useEffect, useState } from 'react'
import { connectSessionEvents, type LiveFrame, type RemovedFrame, type StreamStatus } from '../api/sessionEvents'
import type { Leaderboard, Session } from '../api/types'
import { getToken } from '../auth/tokenStore'

export type SessionEvents = {
  leaderboard: Leaderboard | null
  /** The latest session sent by the stream (it changes when the session closes). */
  session: Session | null
  /** The latest phase of a live session sent by the stream. */
  live: LiveFrame | null
  /** Set when the teacher removed this player: the stream has stopped for good. */
  removed: RemovedFrame | null
  status: StreamStatus
  httpStatus: number | undefined
  /** How many times the stream has opened: frames sent while it was down are missed, so readers catch up. */
  openings: number
}

const CONNECTING: SessionEvents = {
  leaderboard: null,
  session: null,
  live: null,
  removed: null,
  status: 'connecting',
  httpStatus: undefined,
  openings: 0,
}

/** Live standings of a session from its event stream, reconnecting on its own. */
export function useSessionEvents(
  code: string | undefined,
  options: { limit?: number; enabled?: boolean; fetchImpl?: typeof fetch; initialDelayMs?: number } = {},
): SessionEvents {
  const { limit = 10, enabled = true, fetchImpl, initialDelayMs } = options
  const [state, setState] = useState<SessionEvents>(CONNECTING)

  useEffect(() => {
    if (!code || !enabled) return
    setState(CONNECTING)
    return connectSessionEvents({
      code,
      limit,
      getToken,
      fetchImpl,
      initialDelayMs,
      onLeaderboard: (leaderboard) => setState((s) => ({ ...s, leaderboard })),
      onSession: (session) => setState((s) => ({ ...s, session })),
      onLive: (live) => setState((s) => ({ ...s, live })),
      onRemoved: (removed) => setState((s) => ({ ...s, removed })),
      onStatus: (status, httpStatus) =>
        setState((s) => ({ ...s, status, httpStatus, openings: s.openings + (status === 'live' ? 1 : 0) })),
    })
  }, [code, limit, enabled, fetchImpl, initialDelayMs])

  return state
}
