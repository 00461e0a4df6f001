const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** What an avatar shows for a name: its first character as a reader sees it (a whole emoji, an
 * accented letter), never half of one. */
export function initialOf(name: string): string {
  const first = graphemes.segment(name.trim())[Symbol.iterator]().next()
  return first.done ? '?' : first.value.segment.toLocaleUpperCase()
}
