import { readEventStream, StreamHttpError } from './sse'
import { followStandings, type LeaderboardFrame } from './standings'
import type { Leaderboard, LiveState, Session } from './types'

/** What the live indicator shows. "stopped" means retrying cannot help (unknown session, signed out). */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped'

/** A `live` event: where a live session stands, sent when its phase changes or someone answers. */
export type LiveFrame = Pick<
  LiveState,
  | 'session_code'
  | 'phase'
  | 'phase_version'
  | 'question_index'
  | 'question_count'
  | 'deadline'
  | 'participant_count'
  | 'answered_count'
>

/** A `removed` event: the teacher removed this player; the stream ends after it. */
export type RemovedFrame = { session_code: string; message: string }

export type SessionEventsOptions = {
  code: string
  limit?: number
  getToken: () => string | null
  onLeaderboard: (leaderboard: Leaderboard) => void
  onSession?: (session: Session) => void
  onLive?: (frame: LiveFrame) => void
  /** This player was removed: the stream then stops for good (reconnecting would be refused). */
  onRemoved?: (frame: RemovedFrame) => void
  onStatus: (status: StreamStatus, httpStatus?: number) => void
  /** First retry delay; doubles per failed attempt up to maxDelayMs, with jitter. */
  initialDelayMs?: number
  maxDelayMs?: number
  /** The server pings at least every 15 s; a silent stream for longer than this is treated as dead. */
  idleTimeoutMs?: number
  fetchImpl?: typeof fetch
}

const FINAL_HTTP_STATUSES = new Set([401, 403, 404])

/**
 * The standings to show after a leaderboard frame, or null to keep those shown: the frame is older
 * than them, or cannot follow them (the server then sends full standings). A fresh connection
 * starts over, since the server may have restarted.
 */
function nextStandings(shown: Leaderboard | null, frame: LeaderboardFrame, fresh: boolean): Leaderboard | null {
  if (!fresh && shown !== null && frame.version < shown.version) return null
  return followStandings(fresh ? null : shown, frame)
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return undefined
  }
}

/** A pause between attempts that `wake` ends at once. */
function wakeableSleep() {
  let wakeUp: (() => void) | null = null
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms)
        function done() {
          clearTimeout(timer)
          wakeUp = null
          resolve()
        }
        wakeUp = done
      }),
    wake: () => wakeUp?.(),
  }
}

/** Keeps a session's event stream open, reconnecting with backoff. Returns a function that stops it. */
export function connectSessionEvents(options: SessionEventsOptions): () => void {
  const { initialDelayMs = 1000, maxDelayMs = 15_000, idleTimeoutMs = 45_000 } = options
  let stopped = false
  let current: AbortController | null = null
  let shown: Leaderboard | null = null
  const pause = wakeableSleep()

  // Coming back online is the best moment to retry; don't wait out the backoff.
  const onOnline = () => pause.wake()
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline)

  const run = async () => {
    let attempt = 0
    while (!stopped) {
      const controller = new AbortController()
      current = controller
      let idleTimer: ReturnType<typeof setTimeout> | undefined
      const stillAlive = () => {
        clearTimeout(idleTimer)
        idleTimer = setTimeout(() => controller.abort(), idleTimeoutMs)
      }
      let firstOfConnection = true
      try {
        const token = options.getToken()
        const query = options.limit ? `?limit=${options.limit}` : ''
        stillAlive()
        await readEventStream({
          url: `/api/sessions/${encodeURIComponent(options.code)}/events${query}`,
          headers: token ? { Authorization: `Bearer ${token}` } : {},
          signal: controller.signal,
          fetchImpl: options.fetchImpl,
          onOpen: () => {
            attempt = 0
            options.onStatus('live')
          },
          onComment: stillAlive,
          onEvent: (event) => {
            stillAlive()
            const payload = parseData(event.data)
            if (payload === undefined) return
            if (event.event === 'leaderboard') {
              const board = nextStandings(shown, payload as LeaderboardFrame, firstOfConnection)
              if (board === null) return
              shown = board
              firstOfConnection = false
              options.onLeaderboard(board)
            } else if (event.event === 'session') {
              options.onSession?.(payload as Session)
            } else if (event.event === 'live') {
              options.onLive?.(payload as LiveFrame)
            } else if (event.event === 'removed') {
              if (stopped) return
              stopped = true
              controller.abort()
              options.onRemoved?.(payload as RemovedFrame)
              options.onStatus('stopped', 403)
            }
          },
        })
      } catch (error) {
        if (error instanceof StreamHttpError && FINAL_HTTP_STATUSES.has(error.status)) {
          if (!stopped) options.onStatus('stopped', error.status)
          stopped = true
        }
      } finally {
        clearTimeout(idleTimer)
      }
      if (stopped) break
      options.onStatus('reconnecting')
      const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt)
      attempt += 1
      await pause.sleep(delay * (0.75 + Math.random() * 0.5))
    }
  }

  options.onStatus('connecting')
  void run()

  return () => {
    stopped = true
    current?.abort()
    pause.wake()
    if (typeof window !== 'undefined') window.removeEventListener('online', onOnline)
  }
}
