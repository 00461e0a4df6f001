import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef } from 'react'
import { unwrap } from '../../api/client'
import { isApiError, retryNetworkOnly } from '../../api/errors'
import { readAsPlayer } from '../../api/readAsPlayer'
import type { LiveAction, LiveState } from '../../api/types'
import { liveAction, liveAnswer, liveState } from '../../client'
import { useSessionEvents } from '../useSessionEvents'

export const liveKeys = {
  /** Where a live session stands, as GET /live answers this user (player or host). */
  state: (code: string) => ['live', code] as const,
}

/** A live state as received, with how far the server's clock is ahead of ours (for the countdown). */
export type LoadedLive = { state: LiveState; serverOffsetMs: number }

// The stream says when the phase changes; the poll only covers frames a flaky network lost.
const POLL_MS = 5000

/** Stamps a state with the clock correction at the moment it arrived. */
export function received(state: LiveState): LoadedLive {
  const serverTime = Date.parse(state.server_time)
  return { state, serverOffsetMs: Number.isNaN(serverTime) ? 0 : serverTime - Date.now() }
}

/** The live state; a player who arrives without having joined (e.g. a shared link) joins first. */
function loadLive(code: string, asPlayer: boolean): Promise<LiveState> {
  const read = () => unwrap(liveState({ path: { code } }))
  return asPlayer ? readAsPlayer(code, read) : read()
}

/** Reads the live state again now (a frame moved the game on, the clock ran out, a refusal). */
function useRefreshLive(code: string) {
  const queryClient = useQueryClient()
  return useCallback(() => void queryClient.invalidateQueries({ queryKey: liveKeys.state(code) }), [queryClient, code])
}

/**
 * A live session's state from GET /live, kept current by the event stream: a frame with a new
 * phase refetches it, a frame about an answer only moves the counters. Also refetched when the
 * stream (re)opens, every few seconds as a fallback, and by `refresh` (e.g. when the clock runs out).
 */
export function useLiveState(code: string, options: { asPlayer: boolean; limit: number }) {
  const { asPlayer, limit } = options
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: liveKeys.state(code),
    queryFn: async () => received(await loadLive(code, asPlayer)),
    // Nothing changes after the close, and a refusal (not live, not found) won't change by asking again.
    refetchInterval: (q) => {
      if (q.state.data?.state.status === 'closed') return false
      return q.state.status === 'error' && !retryNetworkOnly(0, q.state.error) ? false : POLL_MS
    },
    retry: retryNetworkOnly,
  })
  // A player's stream waits for the first state: reading it joins one who came by a link, and a
  // stream asked for before the join is refused for good.
  const events = useSessionEvents(code, { limit, enabled: !asPlayer || query.data !== undefined })
  const refresh = useRefreshLive(code)

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
      void queryClient.invalidateQueries({ queryKey: liveKeys.state(code) }, { cancelRefetch: false })
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

/**
 * A player's answer to the live question, locked in until the reveal: the state shown takes it at
 * once. `version` is the phase it was given in, so that a later question does not show its outcome.
 */
export function useLiveAnswer(code: string) {
  const queryClient = useQueryClient()
  const refresh = useRefreshLive(code)
  return useMutation({
    mutationFn: (vars: { questionId: string; choiceId: string; version: number }) =>
      unwrap(liveAnswer({ path: { code }, body: { question_id: vars.questionId, choice_id: vars.choiceId } })),
    onSuccess: (result) => {
      queryClient.setQueryData<LoadedLive>(liveKeys.state(code), (old) =>
        old && old.state.question?.id === result.question_id
          ? { ...old, state: { ...old.state, my_choice_id: result.choice_id } }
          : old,
      )
    },
    // The question ended (or another tab answered): the state says what now.
    onError: (error) => {
      if (isApiError(error, 409)) refresh()
    },
  })
}

/** The host's step (start, end, skip, next, finish) from the phase `version` on screen. */
export function useLiveAction(code: string) {
  const queryClient = useQueryClient()
  const refresh = useRefreshLive(code)
  return useMutation({
    mutationFn: (vars: { action: LiveAction; version: number }) =>
      unwrap(liveAction({ path: { code, action: vars.action }, body: { phase_version: vars.version } })),
    onSuccess: (next) => {
      queryClient.setQueryData<LoadedLive>(liveKeys.state(code), (old) =>
        old && old.state.phase_version > next.phase_version ? old : received(next),
      )
    },
    // The game moved on since this screen last looked (a second click, another tab, the clock): catch up.
    onError: (error) => {
      if (isApiError(error, 409)) refresh()
    },
  })
}
