// Global setup of the end-to-end run: a real vocabquiz server on a free port, with its own SQLite
// database in a temporary folder, serving the built web app. The returned function stops it.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const FRONTEND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const OUTPUT_DIR = path.join(FRONTEND, 'e2e', 'output')
const SERVER_LOG = path.join(OUTPUT_DIR, 'server.log')
const READY_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function logTail(lines = 40): string {
  try {
    return readFileSync(SERVER_LOG, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no server log)'
  }
}

async function waitForHealth(baseURL: string, server: ChildProcess): Promise<void> {
  let spawnError: Error | undefined
  server.once('error', (error) => (spawnError = error))
  const until = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < until) {
    if (spawnError) throw new Error(`vocabquiz serve did not start: ${spawnError.message}`)
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `vocabquiz serve exited (${server.exitCode ?? server.signalCode}) before it was ready:\n${logTail()}`,
      )
    }
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(1_000) })
      if (response.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`vocabquiz serve was not healthy after ${READY_TIMEOUT_MS / 1000} s:\n${logTail()}`)
}

function stop(server: ChildProcess): Promise<void> {
  const gone = server.pid === undefined || server.exitCode !== null || server.signalCode !== null
  if (gone) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS)
    server.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    server.kill('SIGTERM')
  })
}

export default async function startServer(): Promise<() => Promise<void>> {
  const webDir = path.join(FRONTEND, 'dist')
  if (!existsSync(path.join(webDir, 'index.html'))) {
    throw new Error('frontend/dist is missing: run `npm run build` (or `make web`) before the end-to-end test')
  }
  const executable = process.env.VOCABQUIZ_E2E_SERVER ?? path.resolve(FRONTEND, '..', '.venv', 'bin', 'vocabquiz')
  if (!existsSync(executable)) throw new Error(`${executable} is missing: run \`make install\` first`)

  mkdirSync(OUTPUT_DIR, { recursive: true })
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vocabquiz-e2e-'))
  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  const admin = { username: 'teacher', password: randomBytes(12).toString('base64url') }

  // Only the settings below: a VOCABQUIZ_* variable of the caller (e.g. a Redis URL) must not leak in.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VOCABQUIZ_')),
  )
  Object.assign(env, {
    VOCABQUIZ_DATABASE_URL: `sqlite+aiosqlite:///${path.join(dataDir, 'e2e.db')}`,
    VOCABQUIZ_SECRET_KEY: randomBytes(36).toString('base64url'),
    VOCABQUIZ_ADMIN_USERNAME: admin.username,
    VOCABQUIZ_ADMIN_PASSWORD: admin.password,
    VOCABQUIZ_WEB_DIR: webDir,
    VOCABQUIZ_ENVIRONMENT: 'e2e',
    VOCABQUIZ_LOG_FORMAT: 'json',
  })
  const log = openSync(SERVER_LOG, 'w')
  const server = spawn(executable, ['serve', '--host', '127.0.0.1', '--port', String(port)], {
    env,
    stdio: ['ignore', log, log],
  })
  // Should the runner itself die, the server goes with it.
  const killOnExit = () => server.kill('SIGKILL')
  process.once('exit', killOnExit)

  const teardown = async () => {
    await stop(server)
    process.removeListener('exit', killOnExit)
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await waitForHealth(baseURL, server)
  } catch (error) {
    await teardown()
    throw error
  }

  // The tests read these; workers inherit the runner's environment.
  process.env.E2E_BASE_URL = baseURL
  process.env.E2E_ADMIN_USERNAME = admin.username
  process.env.E2E_ADMIN_PASSWORD = admin.password
  return teardown
}
