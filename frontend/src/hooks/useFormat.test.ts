import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import i18n from '../i18n'
import { useFormat } from './useFormat'

async function formatIn(language: string) {
  await act(() => i18n.changeLanguage(language))
  return renderHook(() => useFormat()).result.current
}

describe('useFormat', () => {
  it('writes places with the ordinals of English', async () => {
    const f = await formatIn('en')
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(f.place)).toEqual([
      '1st place',
      '2nd place',
      '3rd place',
      '4th place',
      '11th place',
      '12th place',
      '13th place',
      '21st place',
      '22nd place',
      '23rd place',
      '101st place',
      '111th place',
    ])
  })

  it('writes places, numbers and percentages as Vietnamese and Spanish do', async () => {
    const vi = await formatIn('vi')
    expect([vi.place(1), vi.place(2), vi.number(12500), vi.percent(0.625)]).toEqual([
      'hạng nhất',
      'hạng 2',
      '12.500',
      '63%',
    ])
    const es = await formatIn('es')
    expect([es.place(1), es.place(2), es.number(12500), es.number(1000)]).toEqual([
      '1.º puesto',
      '2.º puesto',
      '12.500',
      '1000', // Spanish groups digits from five on
    ])
  })

  it('writes a date in the reader language, and nothing for no date', async () => {
    const es = await formatIn('es')
    expect(es.dateTime('2026-03-12T14:05:00Z')).toMatch(/12 mar 2026/)
    expect(es.dateTime(null)).toBe('')
    expect(es.dateTime('not a date')).toBe('')
  })
})
