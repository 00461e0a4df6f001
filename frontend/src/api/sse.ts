/**
 * A small Server-Sent Events reader. The event stream needs an Authorization header, which the
 * browser's EventSource cannot send, so the stream is read with fetch and parsed here.
 */

export type SseEvent = { event: string; data: string; id: string | null }

export type SseParser = {
  /** Feeds the next piece of text; pieces may split lines anywhere, even between \r and \n. */
  push(chunk: string): void
}

/** Parses the text/event-stream format (field lines, comments, blank-line dispatch). */
export function createSseParser(handlers: {
  onEvent: (event: SseEvent) => void
  onComment?: (text: string) => void
}): SseParser {
  let buffer = ''
  let skipLeadingNewline = false
  let eventType = ''
  let dataLines: string[] = []
  let lastId: string | null = null

  const dispatch = () => {
    if (dataLines.length > 0) {
      handlers.onEvent({ event: eventType || 'message', data: dataLines.join('\n'), id: lastId })
    }
    eventType = ''
    dataLines = []
  }

  const processLine = (line: string) => {
    if (line === '') return dispatch()
    if (line.startsWith(':')) return handlers.onComment?.(line.slice(1).trim())
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') eventType = value
    else if (field === 'data') dataLines.push(value)
    else if (field === 'id' && !value.includes('\0')) lastId = value
    // "retry" and unknown fields are ignored: reconnection timing is ours to choose.
  }

  return {
    push(chunk) {
      buffer += chunk
      if (skipLeadingNewline && buffer.startsWith('\n')) buffer = buffer.slice(1)
      skipLeadingNewline = false
      let start = 0
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i]
        if (ch !== '\n' && ch !== '\r') continue
        processLine(buffer.slice(start, i))
        if (ch === '\r') {
          if (i + 1 === buffer.length) skipLeadingNewline = true
          else if (buffer[i + 1] === '\n') i++
        }
        start = i + 1
      }
      buffer = buffer.slice(start)
    },
  }
}

export class StreamHttpError extends Error {
  readonly status: number
  constructor(status: number) {
    super(`The event stream answered ${status}`)
    this.status = status
  }
}

/**
 * Opens an event stream with fetch and feeds it to the parser until it ends or `signal` aborts.
 * Resolves when the server closes the stream; rejects on network or HTTP errors.
 */
export async function readEventStream(options: {
  url: string
  headers?: Record<string, string>
  signal: AbortSignal
  onOpen?: () => void
  onEvent: (event: SseEvent) => void
  onComment?: (text: string) => void
  fetchImpl?: typeof fetch
}): Promise<void> {
  const doFetch = options.fetchImpl ?? fetch
  const response = await doFetch(options.url, {
    headers: { Accept: 'text/event-stream', ...options.headers },
    signal: options.signal,
    cache: 'no-store',
  })
  if (!response.ok || !response.body) throw new StreamHttpError(response.status)
  options.onOpen?.()
  const parser = createSseParser({ onEvent: options.onEvent, onComment: options.onComment })
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      parser.push(value)
    }
  } finally {
    reader.releaseLock()
  }
}
