import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import type { Quiz, WordListOptions, WordListPreview } from '../../api/types'
import { importWordList, previewWordList } from '../../client'
import { invalidateQuiz, quizKeys } from './quizzes'

type PreviewVars = { csv: string; options: WordListOptions }

/** What a preview was made from, so that the import sends exactly that. */
export type Previewed = PreviewVars & { result: WordListPreview }

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

/** Adds the questions of a preview, the same ones (its seed draws the same wrong answers). */
export function useImportWordList(quizId: string, onImported: (updated: Quiz, from: Previewed) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (from: Previewed) =>
      unwrap(
        importWordList({
          path: { quiz_id: quizId },
          query: { ...from.options, seed: from.result.seed },
          body: from.csv,
        }),
      ),
    onSuccess: (updated, from) => {
      queryClient.setQueryData(quizKeys.detail(quizId), updated)
      invalidateQuiz(queryClient, quizId)
      onImported(updated, from)
    },
  })
}
