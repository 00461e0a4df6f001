import { describe, expect, it } from 'vitest'
import { plural } from './plural'

describe('plural', () => {
  it('takes the s for any count but one', () => {
    expect(plural(1, 'player')).toBe('1 player')
    expect(plural(0, 'player')).toBe('0 players')
    expect(plural(12, 'question')).toBe('12 questions')
  })

  it('takes the plural it is given for the nouns that need more', () => {
    expect(plural(1, 'quiz', 'quizzes')).toBe('1 quiz')
    expect(plural(3, 'quiz', 'quizzes')).toBe('3 quizzes')
  })
})
