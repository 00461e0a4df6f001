import { act, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { Question, Session } from '../../api/types'
import { installFakeApi, json } from '../../test/fakeApi'
import { renderDataHook } from '../../test/render'
import { hasOpenSession, quizKeys, useDeleteQuestion, useOpenSession } from './quizzes'

const question = { id: 'q1', prompt: 'the dog' } as Question

describe('quiz data', () => {
  it('locks the questions while a session is open', () => {
    expect(hasOpenSession(undefined)).toBe(false)
    expect(hasOpenSession([{ status: 'closed' } as Session])).toBe(false)
    expect(hasOpenSession([{ status: 'closed' } as Session, { status: 'open' } as Session])).toBe(true)
  })

  it('reads the quiz and the list again once a question is deleted', async () => {
    installFakeApi({ 'DELETE /api/quizzes/z1/questions/q1': () => new Response(null, { status: 204 }) })
    const deleted = vi.fn()
    const { result, queryClient } = renderDataHook(() => useDeleteQuestion('z1', question, deleted))
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    await act(() => result.current.mutateAsync())
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([quizKeys.detail('z1'), quizKeys.all])
    expect(deleted).toHaveBeenCalledOnce()
  })

  it("reads the quiz's sessions and the list again once a session opens, then says which", async () => {
    const opened = { code: 'K7P2QX', quiz_id: 'z1', mode: 'live' } as Session
    installFakeApi({ 'POST /api/quizzes/z1/sessions': () => json(opened, 201) })
    const onOpened = vi.fn()
    const { result, queryClient } = renderDataHook(() => useOpenSession('z1', onOpened))
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    act(() => result.current.mutate('live'))
    await waitFor(() => expect(onOpened).toHaveBeenCalledWith(opened))
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([quizKeys.sessions('z1'), quizKeys.all])
  })
})
