// Fails when src/client is not what openapi-ts generates from openapi.json today,
// so a changed API cannot ship with a stale typed client.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const committed = join(root, 'src', 'client')
const scratch = mkdtempSync(join(tmpdir(), 'vocabquiz-client-'))

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

try {
  const run = spawnSync('npx', ['openapi-ts', '--silent', '--no-log-file'], {
    cwd: root,
    env: { ...process.env, OPENAPI_TS_OUTPUT: scratch },
    stdio: 'inherit',
  })
  if (run.status !== 0) {
    console.error('check-client: openapi-ts failed')
    process.exit(1)
  }
  const expected = new Map(listFiles(scratch).map((f) => [relative(scratch, f), readFileSync(f, 'utf8')]))
  const actual = new Map(listFiles(committed).map((f) => [relative(committed, f), readFileSync(f, 'utf8')]))
  const problems = []
  for (const [name, text] of expected) {
    if (!actual.has(name)) problems.push(`missing: src/client/${name}`)
    else if (actual.get(name) !== text) problems.push(`out of date: src/client/${name}`)
  }
  for (const name of actual.keys()) {
    if (!expected.has(name)) problems.push(`not generated any more: src/client/${name}`)
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'))
    console.error('check-client: the generated client is out of date; run `npm run generate`.')
    process.exit(1)
  }
  console.log(`check-client: src/client matches openapi.json (${expected.size} files)`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
