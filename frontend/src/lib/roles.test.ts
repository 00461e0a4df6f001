import { describe, expect, it } from 'vitest'

import { isStaff } from './roles'

describe('isStaff', () => {
  it('lets teachers and admins into the quizzes area, not players', () => {
    expect(isStaff({ role: 'teacher' })).toBe(true)
    expect(isStaff({ role: 'admin' })).toBe(true)
    expect(isStaff({ role: 'player' })).toBe(false)
  })
})
