import { LANGUAGES } from '.'
import { accentString } from './pseudo'
import { en, translations } from './resources'

type Tree = { [key: string]: string | Tree }

/** Every string of a tree by its full key: "play.join.title" → "Join a game". */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') found.set(path, value)
    else for (const [k, v] of leaves(value, path)) found.set(k, v)
  }
  return found
}

const FORM = /_(ordinal_)?(zero|one|two|few|many|other)$/

/** "play.players_one" → "play.players": the key the code asks for; i18next adds the form. */
function baseKey(key: string): string {
  return key.replace(FORM, '')
}

function byBaseKey(tree: Tree): Map<string, Map<string, string>> {
  const keys = new Map<string, Map<string, string>>()
  for (const [key, text] of leaves(tree)) {
    const base = baseKey(key)
    if (!keys.has(base)) keys.set(base, new Map())
    keys.get(base)!.set(key.slice(base.length), text)
  }
  return keys
}

/** The forms a language needs for whole numbers up to 1,000: English "one" and "other", Vietnamese "other". */
function neededForms(language: string, ordinal: boolean): string[] {
  const rules = new Intl.PluralRules(language, { type: ordinal ? 'ordinal' : 'cardinal' })
  const forms = new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)))
  return [...forms].map((form) => (ordinal ? `_ordinal_${form}` : `_${form}`))
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort()
}

const english = byBaseKey(en as unknown as Tree)

describe.each(LANGUAGES.filter((l) => l.code !== 'en').map((l) => l.code))('the %s strings', (language) => {
  const strings = byBaseKey(translations[language] as Tree)

  it('have every key English has, and no other', () => {
    expect([...english.keys()].filter((k) => !strings.has(k))).toEqual([])
    expect([...strings.keys()].filter((k) => !english.has(k))).toEqual([])
  })

  it("have each key's plural forms this language needs, with English's placeholders", () => {
    const wrong: string[] = []
    for (const [key, forms] of english) {
      const theirs = strings.get(key)
      if (!theirs) continue
      const counted = [...forms.keys()].some((f) => f !== '')
      if (counted) {
        const ordinal = [...forms.keys()].some((f) => f.startsWith('_ordinal_'))
        for (const form of neededForms(language, ordinal)) if (!theirs.has(form)) wrong.push(`${key}${form} missing`)
      } else if (!theirs.has('')) wrong.push(`${key} is counted here but not in English`)
      const want = placeholders([...forms.values()].join(' ')).filter((p, i, all) => all.indexOf(p) === i)
      for (const [form, text] of theirs) {
        if (text.trim() === '') wrong.push(`${key}${form} is empty`)
        const have = placeholders(text).filter((p) => p !== 'count' || want.includes('count'))
        for (const p of have) if (!want.includes(p)) wrong.push(`${key}${form} has {{${p}}} English lacks`)
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('the English strings', () => {
  it('have every plural form English needs', () => {
    const wrong: string[] = []
    for (const [key, forms] of english) {
      const suffixes = [...forms.keys()]
      if (suffixes.every((f) => f === '')) continue
      const ordinal = suffixes.some((f) => f.startsWith('_ordinal_'))
      for (const form of neededForms('en', ordinal)) if (!forms.has(form)) wrong.push(`${key}${form}`)
    }
    expect(wrong).toEqual([])
  })

  it('are each used by the code, as the literal key', () => {
    const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**', '!../client/**'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>
    const code = Object.values(sources).join('\n')
    const unused = [...english.keys()].filter(
      (key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`) && !code.includes(`\`${key}\``),
    )
    expect(unused).toEqual([])
  })
})

describe('the accented test language', () => {
  it('keeps placeholders and tags, and is a third longer', () => {
    const text = accentString('<0>{{count}}</0> players here')
    expect(text.startsWith('<0>{{count}}</0> þļáýéŕš ĥéŕé')).toBe(true)
    expect(accentString('Join at <b>{{address}}</b>')).toContain('<b>{{address}}</b>')
    expect(accentString('Sign in the class').length).toBeGreaterThanOrEqual(Math.round(17 * 1.3))
  })
})
