import { Box, Button, Card, Heading, HStack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { LuPencil, LuTrash2 } from 'react-icons/lu'
import type { Quiz } from '../../api/types'
import { useDeleteQuiz, type useUpdateQuiz } from '../../hooks/queries/quizzes'
import { QuizDetailsForm, quizDetails } from '../QuizDetailsForm'
import { ConfirmButton } from '../ConfirmButton'
import { ScoringBadges } from '../ScoringRule'
import { toaster } from '../Toaster'

function DeleteQuizButton({ quiz, hasSessions }: { quiz: Quiz; hasSessions: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const remove = useDeleteQuiz(quiz.id, () => {
    toaster.create({ title: t('admin.quizHeader.deleted'), type: 'success' })
    navigate('/admin')
  })
  return (
    <ConfirmButton
      variant="outline"
      size="sm"
      colorPalette="red"
      title={t('admin.quizHeader.deleteTitle')}
      description={
        hasSessions
          ? t('admin.quizHeader.deleteHasSessions')
          : t('admin.quizHeader.deleteDescription', { title: quiz.title })
      }
      confirmLabel={t('admin.quizHeader.deleteConfirm')}
      onConfirm={() => remove.mutateAsync()}
      pending={remove.isPending}
      error={remove.error}
    >
      <LuTrash2 /> {t('admin.quizHeader.delete')}
    </ConfirmButton>
  )
}

/** The quiz's title, description and scoring rule. */
export function QuizTitle({ quiz }: { quiz: Quiz }) {
  return (
    <Box minW="0">
      <Heading as="h1" size="2xl" overflowWrap="anywhere">
        {quiz.title}
      </Heading>
      {quiz.description && <Text color="fg.muted">{quiz.description}</Text>}
      <Box mt="2">
        <ScoringBadges scoring={quiz.scoring} streakBonus={quiz.streak_bonus} />
      </Box>
    </Box>
  )
}

/** The quiz's title, description and scoring, with the buttons to change them or delete the quiz. */
export function QuizHeader({ quiz, hasSessions, onEdit }: { quiz: Quiz; hasSessions: boolean; onEdit: () => void }) {
  const { t } = useTranslation()
  return (
    <HStack justify="space-between" align="start" gap="3" wrap="wrap">
      <QuizTitle quiz={quiz} />
      <HStack>
        <Button variant="outline" size="sm" onClick={onEdit}>
          <LuPencil /> {t('admin.quizHeader.editDetails')}
        </Button>
        <DeleteQuizButton quiz={quiz} hasSessions={hasSessions} />
      </HStack>
    </HStack>
  )
}

/** The quiz's details being changed, in place of its header. */
export function QuizDetailsCard({
  quiz,
  hasSessions,
  rename,
  onCancel,
}: {
  quiz: Quiz
  hasSessions: boolean
  rename: ReturnType<typeof useUpdateQuiz>
  onCancel: () => void
}) {
  const { t } = useTranslation()
  return (
    <Card.Root bg="app.card" borderRadius="xl">
      <Card.Body>
        <QuizDetailsForm
          initial={quizDetails(quiz)}
          hasSessions={hasSessions}
          submitLabel={t('common.actions.save')}
          onSubmit={(d) => rename.mutate(d)}
          pending={rename.isPending}
          error={rename.error}
          onCancel={onCancel}
        />
      </Card.Body>
    </Card.Root>
  )
}
