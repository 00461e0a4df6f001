import { vi } from 'vitest'

export type FakeRequest = { method: string; path: string; url: URL; body: unknown; headers: Headers }
type Handler = (request: FakeRequest) => Response | Promise<Response>

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/** JSON bodies parsed; anything else (e.g. a CSV word list) as the text sent. */
function parseBody(text: string, contentType: string): unknown {
  if (contentType !== '' && !contentType.includes('json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** An event stream the test writes to; it stays open until closed or errored. */
export function openStream() {
  const encoder = new TextEncoder()
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
  })
  return {
    response: new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    send(event: string, data: unknown, id?: number) {
      const idLine = id === undefined ? '' : `id: ${id}\n`
      controller.enqueue(encoder.encode(`event: ${event}\n${idLine}data: ${JSON.stringify(data)}\n\n`))
    },
    close() {
      controller.close()
    },
  }
}

/**
 * Replaces fetch with a router of "METHOD /path" handlers and records every request.
 * Unknown routes answer 404 so a missing handler fails loudly in the test.
 */
export function installFakeApi(routes: Record<string, Handler>) {
  const requests: FakeRequest[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), window.location.origin), init)
    const url = new URL(request.url)
    const text = request.method === 'GET' ? '' : await request.text()
    const fake: FakeRequest = {
      method: request.method,
      path: url.pathname,
      url,
      body: text ? parseBody(text, request.headers.get('Content-Type') ?? '') : undefined,
      headers: request.headers,
    }
    requests.push(fake)
    const handler = routes[`${fake.method} ${fake.path}`]
    if (!handler) return json({ detail: `No fake for ${fake.method} ${fake.path}` }, 404)
    return handler(fake)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { requests, fetchMock }
}
