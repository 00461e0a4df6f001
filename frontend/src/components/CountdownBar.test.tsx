import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderWithTheme } from '../test/wrap'
import { CountdownBar } from './CountdownBar'

describe('CountdownBar', () => {
  it('never shows more than the limit, even when the clocks disagree', () => {
    // As the server sends them: the deadline exactly the limit after the serve.
    const served = Date.now()
    const servedAt = new Date(served).toISOString()
    const deadline = new Date(served + 20_000).toISOString()
    // A correction that puts the server 10 s behind this device: uncapped, it would show 30 s.
    renderWithTheme(<CountdownBar servedAt={servedAt} deadline={deadline} serverOffsetMs={-10_000} />)
    const bar = screen.getByRole('progressbar', { name: 'Time left' })
    const shown = Number(bar.getAttribute('aria-valuenow'))
    // At most the limit; a little less on a busy machine, where time passes before the render.
    expect(shown).toBeLessThanOrEqual(20)
    expect(shown).toBeGreaterThanOrEqual(15)
  })
})
