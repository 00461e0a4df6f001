import { describe, expect, it, vi } from 'vitest'
import { connectSessionEvents, type LiveFrame, type RemovedFrame, type StreamStatus } from './sessionEvents'
import type { Leaderboard } from './types'

function board(version: number, status: 'open' | 'closed' = 'open'): Leaderboard {
  return { session_code: 'K7P2QX', status, participant_count: 1, version, entries: [], me: null }
}

function streamResponse(chunks: string[], { end = true } = {}) {
  const encoder = new TextEncoder()
  return new Response(
    new ReadableStream({
      start(controller) {
        chunks.forEach((c) => controller.enqueue(encoder.encode(c)))
        if (end) controller.close()
      },
    }),
  )
}

const frame = (b: Leaderboard) => `event: leaderboard\nid: ${b.version}\ndata: ${JSON.stringify(b)}\n\n`

function until(check: () => boolean) {
  return vi.waitFor(() => {
    if (!check()) throw new Error('not yet')
  })
}

describe('connectSessionEvents', () => {
  it('asks for the stream with the bearer token and the limit', async () => {
    const fetchImpl = vi.fn(async () => streamResponse([frame(board(1))], { end: false }))
    const stop = connectSessionEvents({
      code: 'K7P2QX',
      limit: 10,
      getToken: () => 'secret',
      onLeaderboard: () => {},
      onStatus: () => {},
      fetchImpl,
    })
    await until(() => fetchImpl.mock.calls.length === 1)
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/sessions/K7P2QX/events?limit=10')
    expect(init.headers).toMatchObject({ Authorization: 'Bearer secret' })
    stop()
  })

  it('reconnects after the stream drops and carries on with the new standings', async () => {
    const statuses: StreamStatus[] = []
    const versions: number[] = []
    let calls = 0
    const fetchImpl = vi.fn(async () => {
      calls += 1
      if (calls === 1) return streamResponse([frame(board(3))]) // then the server goes away
      if (calls === 2) throw new TypeError('Failed to fetch')
      return streamResponse([frame(board(5))], { end: false })
    })
    const stop = connectSessionEvents({
      code: 'K7P2QX',
      getToken: () => 't',
      onLeaderboard: (b) => versions.push(b.version),
      onStatus: (s) => statuses.push(s),
      initialDelayMs: 5,
      fetchImpl,
    })
    await until(() => versions.length === 2)
    stop()
    expect(versions).toEqual([3, 5])
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'reconnecting', 'live'])
  })

  it('ignores standings older than those already shown on the same connection', async () => {
    const versions: number[] = []
    const fetchImpl = vi.fn(async () =>
      streamResponse([frame(board(4)), frame(board(2)), frame(board(6))], { end: false }),
    )
    const stop = connectSessionEvents({
      code: 'K7P2QX',
      getToken: () => 't',
      onLeaderboard: (b) => versions.push(b.version),
      onStatus: () => {},
      fetchImpl,
    })
    await until(() => versions.length === 2)
    stop()
    expect(versions).toEqual([4, 6])
  })

  it('gives up on an unknown session instead of retrying forever', async () => {
    const statuses: [StreamStatus, number | undefined][] = []
    const fetchImpl = vi.fn(async () => new Response('{"detail":"Session not found"}', { status: 404 }))
    connectSessionEvents({
      code: 'ZZZZZZ',
      getToken: () => 't',
      onLeaderboard: () => {},
      onStatus: (s, http) => statuses.push([s, http]),
      initialDelayMs: 1,
      fetchImpl,
    })
    await until(() => statuses.some(([s]) => s === 'stopped'))
    await new Promise((r) => setTimeout(r, 20))
    expect(fetchImpl).toHaveBeenCalledTimes(1)
    expect(statuses.at(-1)).toEqual(['stopped', 404])
  })

  it('passes session events on, such as the session closing', async () => {
    const onSession = vi.fn()
    const closed = { code: 'K7P2QX', status: 'closed' }
    const fetchImpl = vi.fn(async () =>
      streamResponse([`event: session\ndata: ${JSON.stringify(closed)}\n\n`], { end: false }),
    )
    const stop = connectSessionEvents({
      code: 'K7P2QX',
      getToken: () => 't',
      onLeaderboard: () => {},
      onSession,
      onStatus: () => {},
      fetchImpl,
    })
    await until(() => onSession.mock.calls.length === 1)
    stop()
    expect(onSession).toHaveBeenCalledWith(closed)
  })

  it('passes live frames on, beside the standings', async () => {
    const onLive = vi.fn()
    const versions: number[] = []
    const live: LiveFrame = {
      session_code: 'K7P2QX',
      phase: 'question',
      phase_version: 2,
      question_index: 0,
      question_count: 5,
      deadline: '2030-01-01T10:00:20Z',
      participant_count: 3,
      answered_count: 1,
    }
    const fetchImpl = vi.fn(async () =>
      streamResponse([frame(board(1)), `event: live\ndata: ${JSON.stringify(live)}\n\n`], { end: false }),
    )
    const stop = connectSessionEvents({
      code: 'K7P2QX',
      getToken: () => 't',
      onLeaderboard: (b) => versions.push(b.version),
      onLive,
      onStatus: () => {},
      fetchImpl,
    })
    await until(() => onLive.mock.calls.length === 1)
    stop()
    expect(onLive).toHaveBeenCalledWith(live)
    expect(versions).toEqual([1])
  })

  it('passes a removal on and stops for good, without reconnecting', async () => {
    const onRemoved = vi.fn()
    const statuses: [StreamStatus, number | undefined][] = []
    const removed: RemovedFrame = { session_code: 'K7P2QX', message: 'The teacher removed you from this session' }
    // The server ends the stream after the removal; a reconnect would be refused.
    const fetchImpl = vi.fn(async () =>
      streamResponse([frame(board(1)), `event: removed\ndata: ${JSON.stringify(removed)}\n\n`]),
    )
    connectSessionEvents({
      code: 'K7P2QX',
      getToken: () => 't',
      onLeaderboard: () => {},
      onRemoved,
      onStatus: (s, http) => statuses.push([s, http]),
      initialDelayMs: 1,
      fetchImpl,
    })
    await until(() => onRemoved.mock.calls.length === 1)
    await new Promise((r) => setTimeout(r, 20))
    expect(onRemoved).toHaveBeenCalledWith(removed)
    expect(fetchImpl).toHaveBeenCalledTimes(1)
    expect(statuses).toEqual([
      ['connecting', undefined],
      ['live', undefined],
      ['stopped', 403],
    ])
  })
})
