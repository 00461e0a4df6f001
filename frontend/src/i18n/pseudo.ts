/** The test languages, made from the English strings. Placeholders ({{count}}) and tags (<1>) are kept. */

const ACCENTS: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
}

// What must pass through untouched: {{placeholders}}, $t(nested) and <0>tags</0> or <b>named</b> ones.
const KEEP = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\w+>)/

/** "Sign in" → "Šîĝñ îñ ·····": every letter accented, and a third longer, as German or Vietnamese often are. */
export function accentString(text: string): string {
  const body = text
    .split(KEEP)
    .map((part) => (KEEP.test(part) ? part : part.replace(/[a-zA-Z]/g, (c) => ACCENTS[c] ?? c)))
    .join('')
  const letters = text.replace(new RegExp(KEEP, 'g'), '').length
  return `${body} ${'·'.repeat(Math.max(1, Math.round(letters * 0.3)))}`
}

function mapTree<T>(tree: T, change: (text: string) => string): T {
  if (typeof tree === 'string') return change(tree) as T
  if (Array.isArray(tree)) return tree.map((item) => mapTree(item, change)) as T
  if (tree && typeof tree === 'object')
    return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, mapTree(v, change)])) as T
  return tree
}

export function accented<T>(tree: T): T {
  return mapTree(tree, accentString)
}

/** English words in a right-to-left page: what is laid out by physical sides stays unmirrored and shows. */
export function rightToLeft<T>(tree: T): T {
  return mapTree(tree, (text) => `\u200f${text}`)
}
