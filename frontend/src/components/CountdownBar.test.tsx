import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderWithTheme } from '../test/wrap'
import { CountdownBar } from './CountdownBar'

describe('CountdownBar', () => {
  it('never shows more than the limit, even when the clocks disagree', () => {
    const servedAt = new Date(Date.now()).toISOString()
    const deadline = new Date(Date.now() + 20_000).toISOString()
    // A correction that puts the server 10 s behind this device: uncapped, it would show 30 s.
    renderWithTheme(<CountdownBar servedAt={servedAt} deadline={deadline} serverOffsetMs={-10_000} />)
    const bar = screen.getByRole('progressbar', { name: 'Time left' })
    const shown = Number(bar.getAttribute('aria-valuenow'))
    // At most the limit; a little less on a busy machine, where time passes before the render.
    expect(shown).toBeLessThanOrEqual(20)
    expect(shown).toBeGreaterThanOrEqual(15)
  })
})
