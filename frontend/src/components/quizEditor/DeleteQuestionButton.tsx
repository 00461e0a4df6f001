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
  const remove = useDeleteQuestion(quizId, question, () =>
    toaster.create({ title: `Question ${number} deleted`, type: 'success' }),
  )
  return (
    <ConfirmButton
      aria-label={`Delete question ${number}`}
      variant="ghost"
      size="sm"
      px="0"
      disabled={disabled}
      title={`Delete question ${number}?`}
      description={`"${question.prompt}" and its answers will be removed from the quiz.`}
      confirmLabel="Delete question"
      onConfirm={() => remove.mutateAsync()}
      pending={remove.isPending}
      error={remove.error}
    >
      <LuTrash2 />
    </ConfirmButton>
  )
}
