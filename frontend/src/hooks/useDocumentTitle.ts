import { useEffect } from 'react'

/** Names the browser tab after the screen, which also tells screen-reader users where they are. */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · vocabquiz` : 'vocabquiz'
  }, [title])
}
