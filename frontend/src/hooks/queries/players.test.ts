import { act } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { installFakeApi, json } from '../../test/fakeApi'
import { renderDataHook } from '../../test/render'
import { analyticsKeys } from './analytics'
import { liveKeys } from './live'
import { playerKeys, usePlayerModeration } from './players'
import { sessionKeys } from './sessions'

describe('usePlayerModeration', () => {
  it('reads again everything that names the player once the teacher renames them', async () => {
    installFakeApi({ 'PATCH /api/sessions/K7P2QX/participants/p1': () => json({ id: 'p1', display_name: 'Zoe B' }) })
    const { result, queryClient } = renderDataHook(() => usePlayerModeration('K7P2QX'))
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    await act(() => result.current.rename.mutateAsync({ participantId: 'p1', name: 'Zoe B' }))
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      sessionKeys.detail('K7P2QX'),
      playerKeys.removed('K7P2QX'),
      liveKeys.state('K7P2QX'),
      sessionKeys.results('K7P2QX'),
      analyticsKeys.session('K7P2QX'),
    ])
  })
})
