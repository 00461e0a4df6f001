import { Box, Container, Grid, Stack } from '@chakra-ui/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { useUser } from '../auth/AuthProvider'
import { BackLink } from '../components/Links'
import { QuizDetailsCard, QuizHeader } from '../components/quizEditor/QuizHeader'
import { QuizQuestions, type Editing } from '../components/quizEditor/QuizQuestions'
import { SharedQuiz } from '../components/quizEditor/SharedQuiz'
import { SessionsPanel } from '../components/quizEditor/SessionsPanel'
import { QuizLoadFailed } from '../components/QuizLoadFailed'
import { SessionOpenAlert } from '../components/SessionOpenAlert'
import { LoadingState } from '../components/StateViews'
import { toaster } from '../components/Toaster'
import { hasOpenSession, useQuiz, useQuizSessions, useSaveQuestion, useUpdateQuiz } from '../hooks/queries/quizzes'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useImportedQuestions } from '../hooks/useImportedQuestions'
import { canChangeQuiz } from '../lib/roles'

/**
 * A quiz's own screen: its details, its questions to write and change, and its sessions. Another
 * teacher's quiz shared with the school is shown read-only, to duplicate.
 */
export default function AdminQuizEditor() {
  const { t } = useTranslation()
  const { quizId = '' } = useParams()
  const user = useUser()
  const quiz = useQuiz(quizId)
  const editable = quiz.data !== undefined && canChangeQuiz(user, quiz.data)
  // Only the owner (or an admin) may read a quiz's sessions; for anyone else they are refused.
  const sessions = useQuizSessions(quizId, editable)
  useDocumentTitle(
    quiz.data
      ? editable
        ? t('admin.quizEditor.documentTitle', { title: quiz.data.title })
        : quiz.data.title
      : t('admin.quizEditor.documentTitleLoading'),
  )
  const [editing, setEditing] = useState<Editing>({ kind: 'none' })
  const save = useSaveQuestion(quizId, (vars) => {
    setEditing({ kind: 'none' })
    toaster.create({
      title: vars.id ? t('admin.quizEditor.questionSaved') : t('admin.quizEditor.questionAdded'),
      type: 'success',
    })
  })
  const rename = useUpdateQuiz(quizId, () => setEditing({ kind: 'none' }))
  const imported = useImportedQuestions(quiz.data?.questions)

  const startEditing = (next: Editing) => {
    save.reset()
    rename.reset()
    setEditing(next)
  }

  if (quiz.isPending) return <LoadingState label={t('admin.quizEditor.loading')} />
  if (quiz.isError) return <QuizLoadFailed error={quiz.error} onRetry={() => void quiz.refetch()} />

  if (!editable) return <SharedQuiz quiz={quiz.data} />

  const data = quiz.data
  const locked = hasOpenSession(sessions.data)
  const hasSessions = (sessions.data ?? []).length > 0

  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <BackLink to="/admin">{t('admin.quizEditor.back')}</BackLink>
      <Grid templateColumns={{ base: '1fr', lg: 'minmax(0, 2fr) minmax(0, 1fr)' }} gap="6" alignItems="start">
        <Stack gap="5">
          {editing.kind === 'details' ? (
            <QuizDetailsCard
              quiz={data}
              hasSessions={hasSessions}
              rename={rename}
              onCancel={() => startEditing({ kind: 'none' })}
            />
          ) : (
            <QuizHeader quiz={data} hasSessions={hasSessions} onEdit={() => startEditing({ kind: 'details' })} />
          )}
          {locked && <SessionOpenAlert>{t('admin.quizEditor.locked')}</SessionOpenAlert>}
          <QuizQuestions
            quizId={quizId}
            quiz={data}
            editing={editing}
            onEdit={startEditing}
            save={save}
            locked={locked}
            imported={imported}
          />
        </Stack>
        <Box position={{ lg: 'sticky' }} top={{ lg: '20' }}>
          <SessionsPanel quiz={data} />
        </Box>
      </Grid>
    </Container>
  )
}
