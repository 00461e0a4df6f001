import { describe, expect, it } from 'vitest'
import { rowsThatFit } from './useRowsThatFit'

const fit = { gap: 12, reserve: 88, min: 3 }

describe('rowsThatFit', () => {
  it('counts the rows between the top of the list and the bottom of the window', () => {
    // 1080 - 140 - 88 = 852 px, rows 116 px apart with the last gap not needed: 7 rows.
    expect(rowsThatFit(140, 1080, 116, fit)).toBe(7)
    expect(rowsThatFit(140, 2160, 116, fit)).toBe(16)
  })

  it('shows the podium at least, however small the window', () => {
    expect(rowsThatFit(140, 300, 116, fit)).toBe(3)
  })

  it('gives a list far down the page a whole window, once scrolled to', () => {
    expect(rowsThatFit(900, 1080, 116, fit)).toBe(rowsThatFit(0, 1080, 116, fit))
  })
})
