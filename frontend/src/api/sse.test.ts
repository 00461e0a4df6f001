import { describe, expect, it, vi } from 'vitest'
import { createSseParser, readEventStream, StreamHttpError, type SseEvent } from './sse'

function parseAll(chunks: string[]) {
  const events: SseEvent[] = []
  const comments: string[] = []
  const parser = createSseParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c) })
  chunks.forEach((c) => parser.push(c))
  return { events, comments }
}

describe('createSseParser', () => {
  it('reads event name, id and data of a leaderboard event', () => {
    const { events } = parseAll(['event: leaderboard\nid: 7\ndata: {"version":7}\n\n'])
    expect(events).toEqual([{ event: 'leaderboard', id: '7', data: '{"version":7}' }])
  })

  it('joins multi-line data with newlines and defaults the name to "message"', () => {
    const { events } = parseAll(['data: one\ndata: two\n\n'])
    expect(events).toEqual([{ event: 'message', id: null, data: 'one\ntwo' }])
  })

  it('handles lines split across chunks, including a CRLF split between chunks', () => {
    const { events } = parseAll(['event: sess', 'ion\r', '\ndata: {"status":', '"closed"}\r\n\r', '\n'])
    expect(events).toEqual([{ event: 'session', id: null, data: '{"status":"closed"}' }])
  })

  it('reports comment lines such as pings without dispatching an event', () => {
    const { events, comments } = parseAll([': ping\n\n'])
    expect(events).toEqual([])
    expect(comments).toEqual(['ping'])
  })

  it('does not dispatch an event until its blank line arrives', () => {
    const { events } = parseAll(['event: leaderboard\ndata: {}\n'])
    expect(events).toHaveLength(0)
  })

  it('keeps the last id for later events and resets the event name after each dispatch', () => {
    const { events } = parseAll(['event: leaderboard\nid: 3\ndata: a\n\ndata: b\n\n'])
    expect(events[1]).toEqual({ event: 'message', id: '3', data: 'b' })
  })

  it('keeps a value without the optional space after the colon', () => {
    const { events } = parseAll(['data:x\n\n'])
    expect(events[0].data).toBe('x')
  })
})

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      chunks.forEach((c) => controller.enqueue(encoder.encode(c)))
      controller.close()
    },
  })
}

describe('readEventStream', () => {
  it('sends the auth header and delivers the events of the body', async () => {
    const fetchImpl = vi.fn(async () => new Response(streamOf(['event: leaderboard\nid: 1\ndata: {}\n\n'])))
    const events: SseEvent[] = []
    const onOpen = vi.fn()
    await readEventStream({
      url: '/api/sessions/ABCDEF/events',
      headers: { Authorization: 'Bearer t' },
      signal: new AbortController().signal,
      onOpen,
      onEvent: (e) => events.push(e),
      fetchImpl,
    })
    const init = fetchImpl.mock.calls[0] as unknown as [string, RequestInit]
    expect(init[1].headers).toMatchObject({ Authorization: 'Bearer t', Accept: 'text/event-stream' })
    expect(onOpen).toHaveBeenCalledOnce()
    expect(events).toEqual([{ event: 'leaderboard', id: '1', data: '{}' }])
  })

  it('rejects with the HTTP status when the server refuses the stream', async () => {
    const fetchImpl = vi.fn(async () => new Response('{"detail":"nope"}', { status: 404 }))
    await expect(
      readEventStream({ url: '/x', signal: new AbortController().signal, onEvent: () => {}, fetchImpl }),
    ).rejects.toEqual(new StreamHttpError(404))
  })
})
