import { Button } from '@chakra-ui/react'
import { LuFileUp } from 'react-icons/lu'
import { LinkButton } from '../Links'

/** To the word-list import; while a session is open the questions are locked, and so is the button. */
export function ImportWordListButton({ quizId, disabled }: { quizId: string; disabled: boolean }) {
  if (disabled)
    return (
      <Button variant="outline" disabled>
        <LuFileUp /> Import word list
      </Button>
    )
  return (
    <LinkButton to={`/admin/quizzes/${quizId}/import`} variant="outline">
      <LuFileUp /> Import word list
    </LinkButton>
  )
}
