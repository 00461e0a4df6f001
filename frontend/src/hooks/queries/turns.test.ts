import { act } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { installFakeApi, json } from '../../test/fakeApi'
import { results } from '../../test/play'
import { renderDataHook } from '../../test/render'
import { historyKeys } from './history'
import { sessionKeys } from './sessions'
import { useSubmitAnswer } from './turns'

function renderAnswer() {
  const callbacks = { onAnswered: vi.fn(), onError: vi.fn() }
  const rendered = renderDataHook(() => useSubmitAnswer('K7P2QX', callbacks))
  const invalidate = vi.spyOn(rendered.queryClient, 'invalidateQueries')
  const invalidated = () => invalidate.mock.calls.map(([filters]) => filters?.queryKey)
  return { ...rendered, callbacks, invalidated }
}

describe('useSubmitAnswer', () => {
  it("gives the result, and reads the player's history again", async () => {
    installFakeApi({ 'POST /api/sessions/K7P2QX/answers': () => json(results.q1) })
    const { result, callbacks, invalidated } = renderAnswer()
    await act(() => result.current.mutateAsync({ questionId: 'q1', choiceId: 'b' }))
    expect(callbacks.onAnswered).toHaveBeenCalledWith(results.q1)
    expect(invalidated()).toEqual([historyKeys.mine])
  })

  it('reads the session again when the server has moved on without this answer', async () => {
    installFakeApi({ 'POST /api/sessions/K7P2QX/answers': () => json({ detail: 'The session is closed' }, 409) })
    const { result, callbacks, invalidated } = renderAnswer()
    await act(() => result.current.mutateAsync({ questionId: 'q1', choiceId: 'b' }).catch(() => undefined))
    expect(invalidated()).toEqual([sessionKeys.detail('K7P2QX')])
    expect(callbacks.onError).toHaveBeenCalledOnce()
  })
})
