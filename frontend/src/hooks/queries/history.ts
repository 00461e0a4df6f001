import { useQuery } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import { mySessions } from '../../client'

export const historyKeys = {
  /** The sessions the signed-in player took part in, with their score and place. */
  mine: ['my-sessions'] as const,
}

export function useMySessions() {
  return useQuery({ queryKey: historyKeys.mine, queryFn: () => unwrap(mySessions()) })
}
