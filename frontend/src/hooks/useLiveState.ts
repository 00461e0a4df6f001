import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef } from 'react'
import { retryNetworkOnly } from '../api/errors'
import type { LiveState } from '../api/types'
import { useSessionEvents } from './useSessionEvents'

/** A live state as received, with how far the server's clock is ahead of ours (for the countdown). */
export type LoadedLive = { state: LiveState; serverOffsetMs: number }

// The stream says when the phase changes; the poll only covers frames a flaky network lost.
const POLL_MS = 5000

export function liveQueryKey(code: string) {
  return ['live', code] as const
}

/** Stamps a state with the clock correction at the moment it arrived. */
export function received(state: LiveState): LoadedLive {
  const serverTime = Date.parse(state.server_time)
  return { state, serverOffsetMs: Number.isNaN(serverTime) ? 0 : serverTime - Date.now() }
}

/**
 * A live session's state from GET /live, kept current by the event stream: a frame with a new
 * phase refetches it, a frame about an answer only moves the counters. Also refetched when the
 * stream (re)opens, every few seconds as a fallback, and by `refresh` (e.g. when the clock runs out).
 */
export function useLiveState(code: string, options: { load: () => Promise<LiveState>; limit: number }) {
  const { load, limit } = options
  const queryClient = useQueryClient()
  const events = useSessionEvents(code, { limit })
  const query = useQuery({
    queryKey: liveQueryKey(code),
    queryFn: async () => received(await load()),
    // Nothing changes after the close, and a refusal (not live, not found) won't change by asking again.
    refetchInterval: (q) => {
      if (q.state.data?.state.status === 'closed') return false
      return q.state.status === 'error' && !retryNetworkOnly(0, q.state.error) ? false : POLL_MS
    },
    retry: retryNetworkOnly,
  })

  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: liveQueryKey(code) }),
    [queryClient, code],
  )

  const shown = query.data?.state
  const frame = events.live
  const askedFor = useRef<string | null>(null)
  useEffect(() => {
    if (!frame || !shown) return
    const moved = frame.phase_version > shown.phase_version || frame.phase !== shown.phase
    const key = `${frame.phase_version}:${frame.phase}`
    // Once per frame: a state that lags behind it is left to the poll rather than asked for in a loop.
    if (moved && askedFor.current !== key) {
      askedFor.current = key
      refresh()
    }
  }, [frame, shown, refresh])

  const closedByStream = events.session?.status === 'closed'
  useEffect(() => {
    if (closedByStream) refresh()
  }, [closedByStream, refresh])

  // Frames sent while the stream was down are lost: catch up whenever it opens.
  useEffect(() => {
    if (events.openings > 0)
      void queryClient.invalidateQueries({ queryKey: liveQueryKey(code) }, { cancelRefetch: false })
  }, [events.openings, queryClient, code])

  // Within a phase the counts only grow; take the freshest of the state, the frame and the standings.
  const sameFrame = frame && shown && frame.phase_version === shown.phase_version ? frame : null
  const answeredCount = Math.max(shown?.answered_count ?? 0, sameFrame?.answered_count ?? 0)
  const participantCount = Math.max(
    shown?.participant_count ?? 0,
    sameFrame?.participant_count ?? 0,
    events.leaderboard?.participant_count ?? 0,
  )

  return { query, events, refresh, answeredCount, participantCount }
}
