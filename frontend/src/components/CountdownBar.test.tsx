import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderWithTheme } from '../test/wrap'
import { CountdownBar } from './CountdownBar'

describe('CountdownBar', () => {
  it('never shows more than the limit, even when the clocks disagree', () => {
    const servedAt = new Date(Date.now()).toISOString()
    const deadline = new Date(Date.now() + 20_000).toISOString()
    // A correction that puts the server 2.5 s behind this device: uncapped, it would show 23 s.
    renderWithTheme(<CountdownBar servedAt={servedAt} deadline={deadline} serverOffsetMs={-2_500} />)
    const bar = screen.getByRole('progressbar', { name: 'Time left' })
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(20)
    expect(bar.getAttribute('aria-valuetext')).toBe('20 seconds left')
  })
})
