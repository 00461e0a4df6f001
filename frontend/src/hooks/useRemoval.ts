import { useState } from 'react'
import { isRemoval } from '../api/errors'
import type { RemovedFrame } from '../api/sessionEvents'
import { REMOVED_TEXT } from '../components/RemovedView'

/**
 * What to tell a player the teacher removed: the stream's word for it, or a refused read. Kept once
 * known: the read that follows would otherwise flash the game back while it asks again.
 */
export function useRemoval(removed: RemovedFrame | null, error: unknown): string | null {
  const [kept, setKept] = useState<string | null>(null)
  const removal = removed?.message ?? (isRemoval(error) ? REMOVED_TEXT : null)
  if (removal !== null && kept === null) setKept(removal)
  return kept ?? removal
}
