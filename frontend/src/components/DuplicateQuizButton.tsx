import { Button, type ButtonProps } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { LuCopy } from 'react-icons/lu'
import { errorMessage } from '../api/errors'
import { useDuplicateQuiz } from '../hooks/queries/quizzes'
import { toaster } from './Toaster'

/** Copies a quiz into the teacher's own library and opens the copy's editor. */
export function DuplicateQuizButton({
  quizId,
  children,
  ...buttonProps
}: { quizId: string; children: ReactNode } & Omit<ButtonProps, 'onClick'>) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const duplicate = useDuplicateQuiz((copy) => {
    toaster.create({ title: t('admin.duplicateQuiz.copied'), type: 'success' })
    navigate(`/admin/quizzes/${copy.id}`)
  })
  return (
    <Button
      {...buttonProps}
      loading={duplicate.isPending}
      onClick={() =>
        duplicate.mutate(quizId, {
          onError: (error) =>
            toaster.create({ title: t('admin.duplicateQuiz.failed'), description: errorMessage(error), type: 'error' }),
        })
      }
    >
      <LuCopy /> {children}
    </Button>
  )
}
