import { describe, expect, it } from 'vitest'
import i18n from '../i18n'
import { describeJoinCodeProblem, isCompleteJoinCode, joinCodeProblem, normalizeJoinCode } from './joinCode'

describe('normalizeJoinCode', () => {
  it('upper-cases and drops spaces anywhere', () => {
    expect(normalizeJoinCode('  k7p 2qx ')).toBe('K7P2QX')
  })

  it('ignores dashes a player might type between groups', () => {
    expect(normalizeJoinCode('k7p-2qx')).toBe('K7P2QX')
  })

  it('takes the code out of a pasted join link', () => {
    expect(normalizeJoinCode('https://quiz.example.org/join/k7p2qx?x=1')).toBe('K7P2QX')
  })
})

describe('joinCodeProblem', () => {
  it('accepts six characters of the code alphabet', () => {
    expect(joinCodeProblem('K7P2QX')).toBeNull()
    expect(isCompleteJoinCode('K7P2QX')).toBe(true)
  })

  it('tells an empty, short and long code apart', () => {
    expect(joinCodeProblem('')).toBe('empty')
    expect(joinCodeProblem('K7P')).toBe('too-short')
    expect(joinCodeProblem('K7P2QXA')).toBe('too-long')
  })

  it('rejects characters that never appear in codes, such as O and 0', () => {
    expect(joinCodeProblem('K7P2Q0')).toBe('bad-characters')
    expect(describeJoinCodeProblem('bad-characters', 'KOP2Q0', i18n.t)).toMatch(/O, 0/)
  })
})
