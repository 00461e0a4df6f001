import { useCallback, useEffect } from 'react'
import { isApiError } from '../api/errors'
import type { LiveAction, LiveState } from '../api/types'
import { useLiveAction } from './queries/live'

/** The step Space or Enter takes in each phase. */
function mainAction(state: LiveState): LiveAction | null {
  if (state.status !== 'open') return null
  if (state.phase === 'lobby') return 'start'
  if (state.phase === 'question') return 'end'
  if (state.phase === 'reveal') return 'next'
  return null
}

/** Keys typed into a control belong to it: Space on a focused button presses that button. */
function isControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.closest('button, a, input, textarea, select, [role="button"]') !== null
}

/**
 * The host's steps through a live game, each sent with the phase on screen (a step from an older
 * phase is refused). Space or Enter takes the phase's main step. `error` is that of a step of this
 * phase; a refusal because the game moved on is no error: the screen just catches up.
 */
export function useLiveHost(code: string, state: LiveState | undefined) {
  const act = useLiveAction(code)

  const run = useCallback(
    (action: LiveAction) => {
      if (!state || act.isPending) return
      act.mutate({ action, version: state.phase_version })
    },
    [state, act],
  )
  const finish = () =>
    state
      ? act.mutateAsync({ action: 'finish', version: state.phase_version }).catch((error: unknown) => {
          if (!isApiError(error, 409)) throw error
        })
      : Promise.resolve()

  const primary = state ? mainAction(state) : null
  useEffect(() => {
    if (!primary) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== ' ' && event.key !== 'Enter') return
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isControl(event.target)) return
      event.preventDefault()
      run(primary)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [primary, run])

  const error =
    act.isError && !isApiError(act.error, 409) && act.variables?.version === state?.phase_version ? act.error : null
  return { run, finish, pending: act.isPending, error }
}

export type LiveHost = ReturnType<typeof useLiveHost>
