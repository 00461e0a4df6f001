import { act } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { installFakeApi, json } from '../../test/fakeApi'
import { lobbyState, questionState } from '../../test/live'
import { renderDataHook } from '../../test/render'
import { liveKeys, received, useLiveAction, type LoadedLive } from './live'

describe('live data', () => {
  it("stamps a state with how far the server's clock is ahead", () => {
    const ahead = new Date(Date.now() + 60_000).toISOString()
    expect(received(lobbyState({ server_time: ahead })).serverOffsetMs).toBeGreaterThan(59_000)
    expect(received(lobbyState({ server_time: 'not a date' })).serverOffsetMs).toBe(0)
  })

  it("shows the state a host's step answers with, unless a newer one is shown already", async () => {
    const started = questionState({ phase_version: 2 })
    installFakeApi({ 'POST /api/sessions/K7P2QX/live/start': () => json(started) })
    const { result, queryClient } = renderDataHook(() => useLiveAction('K7P2QX'))
    const shown = () => queryClient.getQueryData<LoadedLive>(liveKeys.state('K7P2QX'))?.state.phase_version

    queryClient.setQueryData(liveKeys.state('K7P2QX'), received(lobbyState({ phase_version: 1 })))
    await act(() => result.current.mutateAsync({ action: 'start', version: 1 }))
    expect(shown()).toBe(2)

    queryClient.setQueryData(liveKeys.state('K7P2QX'), received(questionState({ phase_version: 3 })))
    await act(() => result.current.mutateAsync({ action: 'start', version: 1 }))
    expect(shown()).toBe(3)
  })
})
