import { useTranslation } from 'react-i18next'
import { LuTrash2 } from 'react-icons/lu'
import type { Question } from '../../api/types'
import { useDeleteQuestion } from '../../hooks/queries/quizzes'
import { ConfirmButton } from '../ConfirmButton'
import { toaster } from '../Toaster'

export function DeleteQuestionButton({
  quizId,
  question,
  number,
  disabled,
}: {
  quizId: string
  question: Question
  number: number
  disabled: boolean
}) {
  const { t } = useTranslation()
  const remove = useDeleteQuestion(quizId, question, () =>
    toaster.create({ title: t('admin.deleteQuestion.deleted', { number }), type: 'success' }),
  )
  return (
    <ConfirmButton
      aria-label={t('admin.deleteQuestion.label', { number })}
      variant="ghost"
      size="sm"
      px="0"
      disabled={disabled}
      title={t('admin.deleteQuestion.title', { number })}
      description={t('admin.deleteQuestion.description', { prompt: question.prompt })}
      confirmLabel={t('admin.deleteQuestion.confirm')}
      onConfirm={() => remove.mutateAsync()}
      pending={remove.isPending}
      error={remove.error}
    >
      <LuTrash2 />
    </ConfirmButton>
  )
}
