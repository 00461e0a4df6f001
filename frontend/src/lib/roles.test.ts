import { describe, expect, it } from 'vitest'
import type { User } from '../api/types'
import { canChangeQuiz, homePath, isAdmin, isStaff } from './roles'

const person = (role: User['role'], id = 'u-1'): User => ({
  id,
  username: 'someone',
  display_name: 'Someone',
  role,
  is_guest: false,
})

describe('roles', () => {
  it('lets teachers and admins into the quizzes area, not players', () => {
    expect(isStaff(person('teacher'))).toBe(true)
    expect(isStaff(person('admin'))).toBe(true)
    expect(isStaff(person('player'))).toBe(false)
    expect(isStaff(null)).toBe(false)
    expect(homePath(person('teacher'))).toBe('/admin')
    expect(homePath(person('player'))).toBe('/join')
  })

  it('keeps the teachers screen for admins', () => {
    expect(isAdmin(person('admin'))).toBe(true)
    expect(isAdmin(person('teacher'))).toBe(false)
  })

  it("lets a quiz's owner and any admin change it, and nobody else", () => {
    expect(canChangeQuiz(person('teacher', 'lan'), { owner_id: 'lan' })).toBe(true)
    expect(canChangeQuiz(person('teacher', 'diego'), { owner_id: 'lan' })).toBe(false)
    expect(canChangeQuiz(person('admin', 'boss'), { owner_id: 'lan' })).toBe(true)
    expect(canChangeQuiz(person('admin', 'boss'), { owner_id: null })).toBe(true)
    expect(canChangeQuiz(person('teacher', 'lan'), { owner_id: null })).toBe(false)
  })
})
