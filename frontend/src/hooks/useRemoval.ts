import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isRemoval } from '../api/errors'
import type { RemovedFrame } from '../api/sessionEvents'

/**
 * What to tell a player the teacher removed (the stream's word for it, or a refused read), in the
 * reader's language; the stream's own message is the server's English. Kept once known: the read
 * that follows would otherwise flash the game back while it asks again.
 */
export function useRemoval(removed: RemovedFrame | null, error: unknown): string | null {
  const { t } = useTranslation()
  const [kept, setKept] = useState(false)
  const removal = removed !== null || isRemoval(error)
  if (removal && !kept) setKept(true)
  return kept || removal ? t('play.removed.title') : null
}
