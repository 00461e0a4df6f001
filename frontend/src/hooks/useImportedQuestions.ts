import { useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import type { Question } from '../api/types'

/** Where the new questions of a word-list import start in the quiz, and how many there are. */
export type Imported = { first: number; count: number }

/** What the import screen hands back to the quiz's screen, in the history entry's state. */
export type ImportedState = { imported?: Imported }

/**
 * The questions just imported, for the quiz's screen to mark, and the first of them brought into
 * view. Shown once: the history entry forgets them, so a reload later doesn't announce the import again.
 */
export function useImportedQuestions(questions: Question[] | undefined): Imported | undefined {
  const location = useLocation()
  const navigate = useNavigate()
  const [imported] = useState(() => (location.state as ImportedState | null)?.imported)
  useEffect(() => {
    if ((location.state as ImportedState | null)?.imported) navigate(location.pathname, { replace: true, state: null })
  }, [location.state, location.pathname, navigate])
  const firstImportedId = imported ? questions?.[imported.first]?.id : undefined
  useEffect(() => {
    if (firstImportedId) document.getElementById(`question-${firstImportedId}`)?.scrollIntoView({ block: 'center' })
  }, [firstImportedId])
  return imported
}
