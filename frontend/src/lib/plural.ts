/** A count and its noun: "1 question", "3 questions"; `many` for nouns that take more than an s ("quizzes"). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`
}
