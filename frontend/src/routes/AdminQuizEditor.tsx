import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Container,
  Grid,
  Heading,
  HStack,
  IconButton,
  Link,
  RadioCard,
  Stack,
  Text,
} from '@chakra-ui/react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router'
import { LuArrowLeft, LuChartBar, LuFileUp, LuPencil, LuPlay, LuPlus, LuTrash2, LuUsers } from 'react-icons/lu'
import { unwrap } from '../api/client'
import type { Question, QuestionInput, Quiz, Session, SessionMode } from '../api/types'
import { addQuestion, deleteQuestion, deleteQuiz, openSession, replaceQuestion, updateQuiz } from '../client'
import { ConfirmButton } from '../components/ConfirmButton'
import { QuestionCard } from '../components/QuestionCard'
import { QuestionEditor } from '../components/QuestionEditor'
import { QuizDetailsForm, type QuizDetails } from '../components/QuizDetailsForm'
import { ScoringBadges } from '../components/ScoringRule'
import { QuizLoadFailed } from '../components/QuizLoadFailed'
import { EmptyView, ErrorState, InlineError, LoadingState } from '../components/StateViews'
import { toaster } from '../components/Toaster'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { formatDateTime } from '../lib/dates'
import { useQuiz, useQuizSessions } from '../hooks/useQuiz'

/** What the import screen hands back: where the new questions start in the list, and how many. */
export type ImportedState = { imported?: { first: number; count: number } }

const SESSION_MODES: { value: SessionMode; label: string; description: string }[] = [
  { value: 'self_paced', label: 'Self-paced', description: 'Each player answers the questions at their own pace.' },
  {
    value: 'live',
    label: 'Live (you lead it)',
    description: 'Everyone answers the same question at once; you move the class on.',
  },
]

/** Where the teacher runs an open session: a live one from its host screen. */
function sessionHostPath(session: Session): string {
  return session.mode === 'live' ? `/admin/sessions/${session.code}/live` : `/admin/sessions/${session.code}`
}

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'question'; id: string } | { kind: 'details' }

function DeleteQuestionButton({
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
  const queryClient = useQueryClient()
  const remove = useMutation({
    mutationFn: () => unwrap(deleteQuestion({ path: { quiz_id: quizId, question_id: question.id } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['quiz', quizId] })
      void queryClient.invalidateQueries({ queryKey: ['quizzes'] })
      toaster.create({ title: `Question ${number} deleted`, type: 'success' })
    },
  })
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

function ImportButton({ quizId, disabled }: { quizId: string; disabled: boolean }) {
  if (disabled)
    return (
      <Button variant="outline" disabled>
        <LuFileUp /> Import word list
      </Button>
    )
  return (
    <Button asChild variant="outline">
      <RouterLink to={`/admin/quizzes/${quizId}/import`}>
        <LuFileUp /> Import word list
      </RouterLink>
    </Button>
  )
}

function SessionsPanel({ quiz }: { quiz: Quiz }) {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const sessions = useQuizSessions(quiz.id)
  const [mode, setMode] = useState<SessionMode>('self_paced')
  const open = useMutation({
    mutationFn: (chosen: SessionMode) => unwrap(openSession({ path: { quiz_id: quiz.id }, body: { mode: chosen } })),
    onSuccess: (session) => {
      void queryClient.invalidateQueries({ queryKey: ['quiz-sessions', quiz.id] })
      void queryClient.invalidateQueries({ queryKey: ['quizzes'] })
      navigate(sessionHostPath(session))
    },
  })
  const noQuestions = quiz.questions.length === 0
  return (
    <Card.Root bg="app.card" borderRadius="xl" as="section" aria-labelledby="sessions-heading">
      <Card.Body gap="4">
        <Heading as="h2" id="sessions-heading" size="lg">
          Sessions
        </Heading>
        <RadioCard.Root
          value={mode}
          onValueChange={(e) => e.value && setMode(e.value as SessionMode)}
          size="sm"
          disabled={noQuestions}
        >
          <RadioCard.Label>How the class plays</RadioCard.Label>
          <Stack gap="2">
            {SESSION_MODES.map((option) => (
              <RadioCard.Item key={option.value} value={option.value}>
                <RadioCard.ItemHiddenInput />
                <RadioCard.ItemControl>
                  <RadioCard.ItemContent>
                    <RadioCard.ItemText>{option.label}</RadioCard.ItemText>
                    <RadioCard.ItemDescription>{option.description}</RadioCard.ItemDescription>
                  </RadioCard.ItemContent>
                  <RadioCard.ItemIndicator />
                </RadioCard.ItemControl>
              </RadioCard.Item>
            ))}
          </Stack>
        </RadioCard.Root>
        <Button size="lg" onClick={() => open.mutate(mode)} loading={open.isPending} disabled={noQuestions}>
          <LuPlay /> {mode === 'live' ? 'Open a live session' : 'Open a session'}
        </Button>
        {noQuestions && (
          <Text fontSize="sm" color="fg.muted">
            Add at least one question first.
          </Text>
        )}
        <InlineError error={open.error} title="The session didn't open" />
        {sessions.isPending ? (
          <LoadingState label="Loading sessions…" />
        ) : sessions.isError ? (
          <ErrorState error={sessions.error} title="Sessions didn't load" onRetry={() => void sessions.refetch()} />
        ) : sessions.data.length === 0 ? (
          <Text color="fg.muted" fontSize="sm">
            No sessions yet. Open one and share its code with your class.
          </Text>
        ) : (
          <Stack as="ul" gap="2" listStyleType="none" m="0" p="0">
            {sessions.data.map((s) => (
              <HStack
                as="li"
                key={s.id}
                justify="space-between"
                borderWidth="1px"
                borderRadius="lg"
                px="3"
                py="2"
                gap="2"
              >
                <Box minW="0">
                  <HStack gap="2">
                    <Text fontFamily="mono" fontWeight="bold" letterSpacing="wider">
                      {s.code}
                    </Text>
                    <Badge colorPalette={s.status === 'open' ? 'green' : 'gray'} variant="subtle">
                      {s.status === 'open' ? 'Open' : 'Closed'}
                    </Badge>
                    {s.mode === 'live' && (
                      <Badge colorPalette="purple" variant="subtle">
                        Live
                      </Badge>
                    )}
                  </HStack>
                  <Text fontSize="xs" color="fg.muted" display="flex" alignItems="center" gap="1">
                    <LuUsers aria-hidden /> {s.participant_count} · {formatDateTime(s.created_at)}
                  </Text>
                </Box>
                <Button asChild size="sm" variant={s.status === 'open' ? 'solid' : 'outline'}>
                  <RouterLink to={s.status === 'open' ? sessionHostPath(s) : `/admin/sessions/${s.code}/results`}>
                    {s.status === 'open' ? 'Host' : 'Results'}
                  </RouterLink>
                </Button>
              </HStack>
            ))}
          </Stack>
        )}
        {sessions.data && sessions.data.length > 0 && (
          <Button asChild variant="outline">
            <RouterLink to={`/admin/quizzes/${quiz.id}/analytics`}>
              <LuChartBar /> Question analytics
            </RouterLink>
          </Button>
        )}
      </Card.Body>
    </Card.Root>
  )
}

export default function AdminQuizEditor() {
  const { quizId = '' } = useParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const quiz = useQuiz(quizId)
  const sessions = useQuizSessions(quizId)
  useDocumentTitle(quiz.data ? `Edit ${quiz.data.title}` : 'Edit quiz')
  const [editing, setEditing] = useState<Editing>({ kind: 'none' })

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['quiz', quizId] })
    void queryClient.invalidateQueries({ queryKey: ['quizzes'] })
  }
  const save = useMutation({
    mutationFn: ({ id, input }: { id?: string; input: QuestionInput }) =>
      unwrap(
        id
          ? replaceQuestion({ path: { quiz_id: quizId, question_id: id }, body: input })
          : addQuestion({ path: { quiz_id: quizId }, body: input }),
      ),
    onSuccess: (_question, vars) => {
      refresh()
      setEditing({ kind: 'none' })
      toaster.create({ title: vars.id ? 'Question saved' : 'Question added', type: 'success' })
    },
  })
  const rename = useMutation({
    mutationFn: (details: QuizDetails) =>
      unwrap(
        updateQuiz({
          path: { quiz_id: quizId },
          body: {
            title: details.title,
            description: details.description,
            scoring: details.scoring,
            streak_bonus: details.streakBonus,
          },
        }),
      ),
    onSuccess: () => {
      refresh()
      setEditing({ kind: 'none' })
    },
  })
  const location = useLocation()
  // Shown once: the history entry forgets it, so a reload later doesn't announce the import again.
  const [imported] = useState(() => (location.state as ImportedState | null)?.imported)
  useEffect(() => {
    if ((location.state as ImportedState | null)?.imported) navigate(location.pathname, { replace: true, state: null })
  }, [location.state, location.pathname, navigate])
  const firstImportedId = imported ? quiz.data?.questions[imported.first]?.id : undefined
  useEffect(() => {
    // Back from the import: bring the first new question into view.
    if (firstImportedId) document.getElementById(`question-${firstImportedId}`)?.scrollIntoView({ block: 'center' })
  }, [firstImportedId])
  const remove = useMutation({
    mutationFn: () => unwrap(deleteQuiz({ path: { quiz_id: quizId } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['quizzes'] })
      toaster.create({ title: 'Quiz deleted', type: 'success' })
      navigate('/admin')
    },
  })

  const startEditing = (next: Editing) => {
    save.reset()
    rename.reset()
    setEditing(next)
  }

  if (quiz.isPending) return <LoadingState label="Loading the quiz…" />
  if (quiz.isError) return <QuizLoadFailed error={quiz.error} onRetry={() => void quiz.refetch()} />

  const data = quiz.data
  const locked = (sessions.data ?? []).some((s) => s.status === 'open')
  const hasSessions = (sessions.data ?? []).length > 0

  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <Link asChild mb="4" fontSize="sm" color="fg.muted">
        <RouterLink to="/admin">
          <LuArrowLeft aria-hidden /> All quizzes
        </RouterLink>
      </Link>
      <Grid templateColumns={{ base: '1fr', lg: 'minmax(0, 2fr) minmax(0, 1fr)' }} gap="6" alignItems="start">
        <Stack gap="5">
          {editing.kind === 'details' ? (
            <Card.Root bg="app.card" borderRadius="xl">
              <Card.Body>
                <QuizDetailsForm
                  initial={{
                    title: data.title,
                    description: data.description ?? '',
                    scoring: data.scoring,
                    streakBonus: data.streak_bonus,
                  }}
                  hasSessions={hasSessions}
                  submitLabel="Save"
                  onSubmit={(d) => rename.mutate(d)}
                  pending={rename.isPending}
                  error={rename.error}
                  onCancel={() => startEditing({ kind: 'none' })}
                />
              </Card.Body>
            </Card.Root>
          ) : (
            <HStack justify="space-between" align="start" gap="3" wrap="wrap">
              <Box minW="0">
                <Heading as="h1" size="2xl">
                  {data.title}
                </Heading>
                {data.description && <Text color="fg.muted">{data.description}</Text>}
                <Box mt="2">
                  <ScoringBadges scoring={data.scoring} streakBonus={data.streak_bonus} />
                </Box>
              </Box>
              <HStack>
                <Button variant="outline" size="sm" onClick={() => startEditing({ kind: 'details' })}>
                  <LuPencil /> Edit details
                </Button>
                <ConfirmButton
                  variant="outline"
                  size="sm"
                  colorPalette="red"
                  title="Delete this quiz?"
                  description={
                    hasSessions
                      ? 'This quiz has sessions, and their scores are kept as history, so it cannot be deleted.'
                      : `"${data.title}" and all its questions will be deleted. This can't be undone.`
                  }
                  confirmLabel="Delete quiz"
                  onConfirm={() => remove.mutateAsync()}
                  pending={remove.isPending}
                  error={remove.error}
                >
                  <LuTrash2 /> Delete
                </ConfirmButton>
              </HStack>
            </HStack>
          )}

          {locked && (
            <Alert.Root status="warning" borderRadius="lg">
              <Alert.Indicator />
              <Alert.Content>
                <Alert.Title>A session of this quiz is open</Alert.Title>
                <Alert.Description>
                  Players are answering these questions now. Close the session to change them.
                </Alert.Description>
              </Alert.Content>
            </Alert.Root>
          )}

          <HStack justify="space-between" gap="3" wrap="wrap">
            <Heading as="h2" size="lg">
              Questions ({data.questions.length})
            </Heading>
            {data.questions.length > 0 && <ImportButton quizId={quizId} disabled={locked} />}
          </HStack>
          {imported && (
            <Alert.Root status="success" borderRadius="lg">
              <Alert.Indicator />
              <Alert.Content>
                <Alert.Title>
                  {imported.count} {imported.count === 1 ? 'question' : 'questions'} added from your word list
                </Alert.Title>
                <Alert.Description>They are marked “New” below. Edit or delete any of them as usual.</Alert.Description>
              </Alert.Content>
            </Alert.Root>
          )}
          {data.questions.length === 0 && editing.kind !== 'new' && (
            <EmptyView
              title="No questions yet"
              description="Add a question with 2 to 6 answers, one of them correct, or make questions from a word list."
            >
              <Stack direction={{ base: 'column', sm: 'row' }} gap="3">
                <Button onClick={() => startEditing({ kind: 'new' })} disabled={locked}>
                  <LuPlus /> Add the first question
                </Button>
                <ImportButton quizId={quizId} disabled={locked} />
              </Stack>
            </EmptyView>
          )}
          <Stack as="ol" gap="3" listStyleType="none" m="0" p="0">
            {data.questions.map((question, index) => (
              <Box as="li" key={question.id}>
                {editing.kind === 'question' && editing.id === question.id ? (
                  <QuestionEditor
                    question={question}
                    number={index + 1}
                    scoring={data.scoring}
                    onSave={(input) => save.mutate({ id: question.id, input })}
                    onCancel={() => startEditing({ kind: 'none' })}
                    saving={save.isPending}
                    error={save.error}
                  />
                ) : (
                  <QuestionCard
                    question={question}
                    number={index + 1}
                    isNew={imported !== undefined && index >= imported.first && index < imported.first + imported.count}
                    actions={
                      <>
                        <IconButton
                          aria-label={`Edit question ${index + 1}`}
                          variant="ghost"
                          size="sm"
                          disabled={locked}
                          onClick={() => startEditing({ kind: 'question', id: question.id })}
                        >
                          <LuPencil />
                        </IconButton>
                        <DeleteQuestionButton
                          quizId={quizId}
                          question={question}
                          number={index + 1}
                          disabled={locked}
                        />
                      </>
                    }
                  />
                )}
              </Box>
            ))}
          </Stack>
          {editing.kind === 'new' ? (
            <QuestionEditor
              number={data.questions.length + 1}
              scoring={data.scoring}
              onSave={(input) => save.mutate({ input })}
              onCancel={() => startEditing({ kind: 'none' })}
              saving={save.isPending}
              error={save.error}
            />
          ) : (
            data.questions.length > 0 && (
              <Button
                variant="outline"
                size="lg"
                borderStyle="dashed"
                onClick={() => startEditing({ kind: 'new' })}
                disabled={locked}
              >
                <LuPlus /> Add a question
              </Button>
            )
          )}
        </Stack>
        <Box position={{ lg: 'sticky' }} top={{ lg: '20' }}>
          <SessionsPanel quiz={data} />
        </Box>
      </Grid>
    </Container>
  )
}
