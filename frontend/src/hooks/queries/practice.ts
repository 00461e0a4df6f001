import { useQuery } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import { practice } from '../../client'

export const practiceKeys = {
  /** The questions a player missed in a session, with their answers. */
  missed: (code: string) => ['practice', code] as const,
}

/** The missed questions with their right answers: a practice round is checked here in the browser. */
export function usePractice(code: string) {
  return useQuery({
    queryKey: practiceKeys.missed(code),
    queryFn: () => unwrap(practice({ path: { code } })),
    staleTime: Infinity,
  })
}
