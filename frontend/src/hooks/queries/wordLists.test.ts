import { act, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { JobFailedError } from '../../api/errors'
import type { Job, Quiz } from '../../api/types'
import { installFakeApi, json } from '../../test/fakeApi'
import { renderDataHook } from '../../test/render'
import { jobKeys } from './jobs'
import { quizKeys } from './quizzes'
import { useImportWordList, type Previewed } from './wordLists'

const from: Previewed = {
  csv: 'word,meaning\nexhausted,very tired\ncheerful,happy\n',
  options: { direction: 'word_to_meaning', choices: 2, time_limit_s: 20, points: 1000 },
  result: { seed: 7, word_count: 2, questions: [] },
}

const job: Job = { id: 'j1', kind: 'import_word_list', status: 'queued', progress: 0, result: null, error: null }

describe('word-list import data', () => {
  it('on a 201 keeps the quiz it answers and reads the quiz and the list again', async () => {
    const quiz = { id: 'z1', questions: [{ id: 'q1' }, { id: 'q2' }] } as Quiz
    installFakeApi({ 'POST /api/quizzes/z1/import': () => json(quiz, 201) })
    const onImported = vi.fn()
    const withTwo = { ...from, result: { ...from.result, questions: [{}, {}] as Previewed['result']['questions'] } }
    const { result, queryClient } = renderDataHook(() => useImportWordList('z1', onImported))
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    act(() => result.current.mutate(withTwo))
    await waitFor(() => expect(onImported).toHaveBeenCalledWith({ first: 0, count: 2 }, withTwo))
    expect(queryClient.getQueryData(quizKeys.detail('z1'))).toEqual(quiz)
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([quizKeys.detail('z1'), quizKeys.all])
  })

  it('on a 202 polls the job, and only once it is done reads the quiz and the list again', async () => {
    const polls: Job[] = [
      { ...job, status: 'running', progress: 0.5 },
      { ...job, status: 'done', progress: 1, result: { quiz_id: 'z1', added: 600, question_count: 610 } },
    ]
    let polled = 0
    const api = installFakeApi({
      'POST /api/quizzes/z1/import': () => json(job, 202),
      'GET /api/jobs/j1': () => json(polls[Math.min(polled++, polls.length - 1)]),
    })
    const onImported = vi.fn()
    const { result, queryClient } = renderDataHook(() => useImportWordList('z1', onImported))
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    act(() => result.current.mutate(from))

    await waitFor(() => expect(result.current.importing).toEqual({ from, progress: 0.5 }))
    expect(result.current.isPending).toBe(true)
    expect(invalidate).not.toHaveBeenCalled()
    expect(queryClient.getQueryData(quizKeys.detail('z1'))).toBeUndefined()

    await waitFor(() => expect(onImported).toHaveBeenCalledWith({ first: 10, count: 600 }, from), { timeout: 3000 })
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([quizKeys.detail('z1'), quizKeys.all])
    expect(result.current.importing).toBeNull()
    expect(result.current.isPending).toBe(false)
    expect(queryClient.getQueryData(jobKeys.detail('j1'))).toEqual(polls[1])
    // Polling stops with the job: no request after the one that said it was done.
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(api.requests.filter((r) => r.path === '/api/jobs/j1')).toHaveLength(2)
    expect(onImported).toHaveBeenCalledOnce()
  })

  it("stops at a failed job with the server's reason as the error, and imports nothing", async () => {
    const reason = 'This quiz has an open session; close it before changing questions'
    installFakeApi({
      'POST /api/quizzes/z1/import': () => json(job, 202),
      'GET /api/jobs/j1': () => json({ ...job, status: 'failed', progress: 0.2, error: reason }),
    })
    const onImported = vi.fn()
    const { result, queryClient } = renderDataHook(() => useImportWordList('z1', onImported))
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries')
    act(() => result.current.mutate(from))

    await waitFor(() => expect(result.current.error).toBeInstanceOf(JobFailedError), { timeout: 3000 })
    expect(result.current.error?.message).toBe(reason)
    expect(result.current.isPending).toBe(false)
    expect(result.current.importing).toBeNull()
    expect(onImported).not.toHaveBeenCalled()
    expect(invalidate).not.toHaveBeenCalled()

    act(() => result.current.reset())
    expect(result.current.error).toBeNull()
  })
})
