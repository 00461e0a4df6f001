import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { unwrap } from '../../api/client'
import { JobFailedError, retryNetworkOnly } from '../../api/errors'
import type { Job, Quiz, WordListOptions, WordListPreview } from '../../api/types'
import { importWordList, previewWordList } from '../../client'
import type { Imported } from '../useImportedQuestions'
import { isJobRunning, useJob } from './jobs'
import { invalidateQuiz, quizKeys } from './quizzes'

type PreviewVars = { csv: string; options: WordListOptions }

/** What a preview was made from, so that the import sends exactly that. */
export type Previewed = PreviewVars & { result: WordListPreview }

/** The quiz with the new questions (201), or the job that adds them to a long list (202). */
type ImportAnswer = { quiz: Quiz } | { job: Job }

/** The questions a word list makes, shown before anything is added (nothing is kept on the server). */
export function usePreviewWordList(
  quizId: string,
  options: Omit<UseMutationOptions<WordListPreview, Error, PreviewVars>, 'mutationFn'>,
) {
  return useMutation({
    mutationFn: (vars: PreviewVars) =>
      unwrap(previewWordList({ path: { quiz_id: quizId }, query: vars.options, body: vars.csv })),
    ...options,
  })
}

/** Where a done job's questions start and how many there are, from its `result`. */
function importedByJob(job: Job, from: Previewed): Imported {
  const result = job.result ?? {}
  const count = typeof result.added === 'number' ? result.added : from.result.questions.length
  const total = typeof result.question_count === 'number' ? result.question_count : count
  return { first: Math.max(0, total - count), count }
}

/**
 * Adds the questions of a preview, the same ones (its seed draws the same wrong answers). A long
 * list is added by a job on the server: `importing` says how far it got until it is done or failed.
 */
export function useImportWordList(quizId: string, onImported: (imported: Imported, from: Previewed) => void) {
  const queryClient = useQueryClient()
  const [started, setStarted] = useState<{ job: Job; from: Previewed } | null>(null)
  const mutation = useMutation({
    mutationFn: async (from: Previewed): Promise<ImportAnswer> => {
      const answer = await importWordList({
        path: { quiz_id: quizId },
        query: { ...from.options, seed: from.result.seed },
        body: from.csv,
      })
      const data = await unwrap(Promise.resolve(answer))
      return answer.response?.status === 202 ? { job: data as Job } : { quiz: data as Quiz }
    },
    onMutate: () => setStarted(null),
    onSuccess: (answer, from) => {
      if ('job' in answer) {
        setStarted({ job: answer.job, from })
        return
      }
      const updated = answer.quiz
      queryClient.setQueryData(quizKeys.detail(quizId), updated)
      invalidateQuiz(queryClient, quizId)
      const count = from.result.questions.length
      onImported({ first: updated.questions.length - count, count }, from)
    },
  })

  const job = useJob(started?.job)
  const current = started ? job.data : undefined
  // A refusal (the job is gone) ends the wait; a network blip does not.
  const refused = job.isError && !retryNetworkOnly(0, job.error)
  const running = isJobRunning(current) && !refused

  const finished = useRef<string | null>(null)
  useEffect(() => {
    if (!started || current?.status !== 'done' || finished.current === current.id) return
    finished.current = current.id
    invalidateQuiz(queryClient, quizId)
    onImported(importedByJob(current, started.from), started.from)
  }, [started, current, queryClient, quizId, onImported])

  const jobError: Error | null =
    current?.status === 'failed'
      ? new JobFailedError(current.error, current.error_code ?? null)
      : started
        ? job.error
        : null
  return {
    mutate: mutation.mutate,
    /** Forgets a refusal or a failed job; a running job goes on adding its questions. */
    reset: () => {
      mutation.reset()
      if (!running) setStarted(null)
    },
    isPending: mutation.isPending || running,
    error: mutation.error ?? jobError,
    importing: running && started && current ? { from: started.from, progress: current.progress } : null,
  }
}
