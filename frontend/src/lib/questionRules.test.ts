import { describe, expect, it } from 'vitest'
import i18n from '../i18n'
import { emptyQuestionDraft, hasProblems, questionInput, validateQuestion, type QuestionDraft } from './questionRules'

/** The problems in English, as the tests run. */
const check = (d: QuestionDraft) => validateQuestion(d, i18n.t)

function draft(overrides: Partial<QuestionDraft> = {}): QuestionDraft {
  const base = emptyQuestionDraft()
  return {
    ...base,
    prompt: 'What is "happy" in French?',
    choices: [
      { key: 'a', text: 'heureux', correct: true },
      { key: 'b', text: 'triste', correct: false },
    ],
    ...overrides,
  }
}

describe('validateQuestion', () => {
  it('finds nothing wrong with a complete question', () => {
    expect(hasProblems(check(draft()))).toBe(false)
  })

  it('treats answers that differ only in case or spaces as the same', () => {
    const problems = check(
      draft({
        choices: [
          { key: 'a', text: 'Chat', correct: true },
          { key: 'b', text: ' chat ', correct: false },
        ],
      }),
    )
    expect(problems.choiceTexts).toEqual([undefined, 'Same as answer 1. Each answer must be different.'])
  })

  it('asks for exactly one correct answer', () => {
    const none = draft({
      choices: [
        { key: 'a', text: 'x', correct: false },
        { key: 'b', text: 'y', correct: false },
      ],
    })
    const two = draft({
      choices: [
        { key: 'a', text: 'x', correct: true },
        { key: 'b', text: 'y', correct: true },
      ],
    })
    expect(check(none).choices).toBe('Mark the correct answer.')
    expect(check(two).choices).toBe('Mark only one answer as correct.')
  })

  it('allows between two and six answers', () => {
    const one = draft({ choices: [{ key: 'a', text: 'x', correct: true }] })
    const seven = draft({
      choices: Array.from({ length: 7 }, (_, i) => ({ key: String(i), text: `w${i}`, correct: i === 0 })),
    })
    expect(check(one).choices).toMatch(/at least 2/)
    expect(check(seven).choices).toMatch(/at most 6/)
  })

  it('checks the time limit only when the question is timed', () => {
    expect(check(draft({ timeLimit: '4' })).timeLimit).toMatch(/between 5 and 300/)
    expect(check(draft({ timeLimit: '301' })).timeLimit).toBeDefined()
    expect(check(draft({ timeLimit: '300' })).timeLimit).toBeUndefined()
    expect(check(draft({ timed: false, timeLimit: '' })).timeLimit).toBeUndefined()
  })

  it('keeps points between 0 and 10000 whole numbers', () => {
    expect(check(draft({ points: '0' })).points).toBeUndefined()
    expect(check(draft({ points: '10001' })).points).toBeDefined()
    expect(check(draft({ points: '2.5' })).points).toBeDefined()
  })

  it('limits the length of the prompt and of each answer', () => {
    expect(check(draft({ prompt: 'x'.repeat(501) })).prompt).toMatch(/500/)
    const long = draft({
      choices: [
        { key: 'a', text: 'y'.repeat(201), correct: true },
        { key: 'b', text: 'z', correct: false },
      ],
    })
    expect(check(long).choiceTexts[0]).toMatch(/200/)
  })
})

describe('validateQuestion, in Vietnamese', () => {
  it("says what is wrong in the teacher's language", async () => {
    await i18n.changeLanguage('vi')
    const problems = validateQuestion(draft({ prompt: ' ', points: '10001' }), i18n.t)
    expect(problems.prompt).toBe('Hãy viết câu hỏi.')
    expect(problems.points).toBe('Hãy nhập một số nguyên từ 0 đến 10000.')
  })
})

describe('questionInput', () => {
  it('sends null for an untimed question and numbers for the rest', () => {
    expect(questionInput(draft({ timed: false, points: '500' }))).toMatchObject({ time_limit_s: null, points: 500 })
    expect(questionInput(draft({ timeLimit: '30' }))).toMatchObject({ time_limit_s: 30 })
  })
})
