/** A count and its noun: "1 question", "3 questions" (for nouns that take an s). */
export function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`
}
