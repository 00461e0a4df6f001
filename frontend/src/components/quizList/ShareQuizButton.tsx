import { Button } from '@chakra-ui/react'
import { LuLock, LuShare2 } from 'react-icons/lu'
import { errorMessage } from '../../api/errors'
import type { QuizSummary } from '../../api/types'
import { useShareQuiz } from '../../hooks/queries/quizzes'
import { toaster } from '../Toaster'

/** Shares a quiz with every teacher of the school, or stops sharing it. */
export function ShareQuizButton({ quiz }: { quiz: QuizSummary }) {
  const share = useShareQuiz(quiz.id, (changed) =>
    toaster.create({
      title: changed.shared ? 'Shared with the school' : 'No longer shared',
      description: changed.shared
        ? 'Every teacher can now find it in the School library and duplicate it.'
        : 'Copies other teachers made stay theirs.',
      type: 'success',
    }),
  )
  return (
    <Button
      size="sm"
      variant="outline"
      loading={share.isPending}
      onClick={() =>
        share.mutate(!quiz.shared, {
          onError: (error) =>
            toaster.create({ title: 'Sharing not changed', description: errorMessage(error), type: 'error' }),
        })
      }
    >
      {quiz.shared ? (
        <>
          <LuLock /> Stop sharing
        </>
      ) : (
        <>
          <LuShare2 /> Share with the school
        </>
      )}
    </Button>
  )
}
