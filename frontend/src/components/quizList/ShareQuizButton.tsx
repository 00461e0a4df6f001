import { Button } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuLock, LuShare2 } from 'react-icons/lu'
import { errorMessage } from '../../api/errors'
import type { QuizSummary } from '../../api/types'
import { useShareQuiz } from '../../hooks/queries/quizzes'
import { toaster } from '../Toaster'

/** Shares a quiz with every teacher of the school, or stops sharing it. */
export function ShareQuizButton({ quiz }: { quiz: QuizSummary }) {
  const { t } = useTranslation()
  const share = useShareQuiz(quiz.id, (changed) =>
    toaster.create({
      title: changed.shared ? t('admin.shareQuiz.sharedTitle') : t('admin.shareQuiz.unsharedTitle'),
      description: changed.shared ? t('admin.shareQuiz.sharedDescription') : t('admin.shareQuiz.unsharedDescription'),
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
            toaster.create({ title: t('admin.shareQuiz.failed'), description: errorMessage(error), type: 'error' }),
        })
      }
    >
      {quiz.shared ? (
        <>
          <LuLock /> {t('admin.shareQuiz.stop')}
        </>
      ) : (
        <>
          <LuShare2 /> {t('admin.shareQuiz.share')}
        </>
      )}
    </Button>
  )
}
