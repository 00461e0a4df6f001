import { describe, expect, it } from 'vitest'
import { initialOf } from './initial'

describe('initialOf', () => {
  it('takes the first character a reader sees', () => {
    expect(initialOf('leo')).toBe('L')
    expect(initialOf('  émile')).toBe('É')
    expect(initialOf('🦄 Lily 🌈')).toBe('🦄')
    expect(initialOf('👩🏽‍🚀 Ada')).toBe('👩🏽‍🚀')
    expect(initialOf('')).toBe('?')
  })
})
