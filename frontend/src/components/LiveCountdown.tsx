import type { ReactNode } from 'react'
import type { LiveState } from '../api/types'
import { CountdownBar } from './CountdownBar'

/**
 * The clock of a live question, started afresh in each phase (a question asked again gets a new
 * clock); `untimed` stands in its place when the question has no time limit.
 */
export function LiveCountdown({
  state,
  serverOffsetMs,
  onExpire,
  size,
  untimed,
}: {
  state: Pick<LiveState, 'phase_version' | 'started_at' | 'deadline'>
  serverOffsetMs?: number
  onExpire: () => void
  size?: 'md' | 'lg'
  untimed: ReactNode
}) {
  if (!state.deadline || !state.started_at) return untimed
  return (
    <CountdownBar
      key={state.phase_version}
      servedAt={state.started_at}
      deadline={state.deadline}
      serverOffsetMs={serverOffsetMs}
      onExpire={onExpire}
      size={size}
    />
  )
}
