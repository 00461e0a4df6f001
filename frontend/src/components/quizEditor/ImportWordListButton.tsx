import { Button } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuFileUp } from 'react-icons/lu'
import { LinkButton } from '../Links'

/** To the word-list import; while a session is open the questions are locked, and so is the button. */
export function ImportWordListButton({ quizId, disabled }: { quizId: string; disabled: boolean }) {
  const { t } = useTranslation()
  if (disabled)
    return (
      <Button variant="outline" disabled>
        <LuFileUp /> {t('admin.questions.importWordList')}
      </Button>
    )
  return (
    <LinkButton to={`/admin/quizzes/${quizId}/import`} variant="outline">
      <LuFileUp /> {t('admin.questions.importWordList')}
    </LinkButton>
  )
}
