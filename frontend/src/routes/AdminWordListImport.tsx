import { Box, Button, Card, Container, Grid, Heading, Text, chakra } from '@chakra-ui/react'
import { useRef, useState, type ComponentProps, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate, useParams } from 'react-router'
import { LuEye } from 'react-icons/lu'
import { useUser } from '../auth/AuthProvider'
import { BackLink } from '../components/Links'
import { QuizLoadFailed } from '../components/QuizLoadFailed'
import { SessionOpenAlert } from '../components/SessionOpenAlert'
import { EmptyView, LoadingState } from '../components/StateViews'
import { toaster } from '../components/Toaster'
import { ImportError } from '../components/wordListImport/ImportError'
import { ImportOptionsFields } from '../components/wordListImport/ImportOptionsFields'
import { WordListInput } from '../components/wordListImport/WordListInput'
import { WordListPreview } from '../components/wordListImport/WordListPreview'
import { hasOpenSession, useQuiz, useQuizSessions } from '../hooks/queries/quizzes'
import { useImportWordList, usePreviewWordList, type Previewed } from '../hooks/queries/wordLists'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import type { ImportedState } from '../hooks/useImportedQuestions'
import {
  DEFAULT_IMPORT_OPTIONS,
  importOptions,
  sameOptions,
  validateImport,
  type ImportOptionsDraft,
} from '../lib/wordList'
import { canChangeQuiz } from '../lib/roles'

/** The list and its options, and the preview of what they make. */
function useWordListDraft() {
  const { t } = useTranslation()
  const [csv, setCsv] = useState('')
  const [draft, setDraft] = useState<ImportOptionsDraft>(DEFAULT_IMPORT_OPTIONS)
  const [tried, setTried] = useState(false)
  const [previewed, setPreviewed] = useState<Previewed | null>(null)
  const problems = validateImport(csv, draft, t)
  const options = importOptions(draft)
  return {
    csv,
    setCsv,
    draft,
    change: (patch: Partial<ImportOptionsDraft>) => setDraft((d) => ({ ...d, ...patch })),
    problems,
    // The list's own problem waits for the first try; a bad number shows as soon as it is typed.
    shownProblems: tried ? problems : { timeLimit: problems.timeLimit, points: problems.points },
    tried: () => setTried(true),
    options,
    previewed,
    setPreviewed,
    stale: previewed !== null && (previewed.csv !== csv || !sameOptions(previewed.options, options)),
  }
}

/**
 * Preview, then import: the preview shows what the list and options make (and comes into view), the
 * import adds exactly that and goes back to the quiz, which marks the new questions.
 */
function useImportFlow(quizId: string, list: ReturnType<typeof useWordListDraft>) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const previewPanel = useRef<HTMLDivElement>(null)
  // On a phone the preview is below the form: bring it into view (beside the form it already is).
  const showPreview = () => {
    const panel = previewPanel.current
    if (!panel) return
    const top = panel.getBoundingClientRect().top
    if (top < 0 || top > window.innerHeight * 0.6) panel.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }
  const preview = usePreviewWordList(quizId, {
    onMutate: () => list.setPreviewed(null),
    onSuccess: (result, vars) => {
      list.setPreviewed({ csv: vars.csv, options: vars.options, result })
      showPreview()
    },
    onError: showPreview,
  })
  const add = useImportWordList(quizId, (imported) => {
    toaster.create({ title: t('admin.wordListImport.added', { count: imported.count }), type: 'success' })
    const state: ImportedState = { imported }
    navigate(`/admin/quizzes/${quizId}`, { state })
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    list.tried()
    add.reset()
    const { problems } = list
    if (problems.csv || problems.timeLimit || problems.points) return
    preview.mutate({ csv: list.csv, options: list.options })
  }
  return { previewPanel, preview, add, submit }
}

/** The preview column: making the questions, why that failed, nothing yet, or the questions made. */
function PreviewResult({
  preview,
  previewed,
  ...rest
}: { preview: ReturnType<typeof usePreviewWordList>; previewed: Previewed | null } & Omit<
  ComponentProps<typeof WordListPreview>,
  'previewed'
>) {
  const { t } = useTranslation()
  if (preview.isPending) return <LoadingState label={t('admin.wordListImport.making')} />
  if (preview.isError) return <ImportError error={preview.error} imported={false} />
  if (!previewed)
    return (
      <EmptyView
        icon={<LuEye />}
        title={t('admin.wordListImport.nothingTitle')}
        description={t('admin.wordListImport.nothingDescription')}
      />
    )
  return <WordListPreview previewed={previewed} {...rest} />
}

/** A teacher turns a CSV of words and meanings into questions: preview them, then add exactly those. */
export default function AdminWordListImport() {
  const { t } = useTranslation()
  const { quizId = '' } = useParams()
  const user = useUser()
  const quiz = useQuiz(quizId)
  const editable = quiz.data !== undefined && canChangeQuiz(user, quiz.data)
  const sessions = useQuizSessions(quizId, editable)
  useDocumentTitle(
    quiz.data ? t('admin.wordListImport.documentTitle', { title: quiz.data.title }) : t('admin.wordListImport.title'),
  )
  const list = useWordListDraft()
  const { previewPanel, preview, add, submit } = useImportFlow(quizId, list)

  if (quiz.isPending) return <LoadingState label={t('admin.quizEditor.loading')} />
  if (quiz.isError) return <QuizLoadFailed error={quiz.error} onRetry={() => void quiz.refetch()} />
  // Only the owner imports into a quiz: anyone else gets its read-only screen, which offers a copy.
  if (!editable) return <Navigate to={`/admin/quizzes/${quizId}`} replace />

  const locked = hasOpenSession(sessions.data)
  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <BackLink to={`/admin/quizzes/${quizId}`}>{quiz.data.title}</BackLink>
      <Box mb="6">
        <Heading as="h1" size="2xl">
          {t('admin.wordListImport.title')}
        </Heading>
        <Text color="fg.muted">{t('admin.wordListImport.intro', { title: quiz.data.title })}</Text>
      </Box>
      {locked && <SessionOpenAlert mb="6">{t('admin.wordListImport.locked')}</SessionOpenAlert>}
      <Grid templateColumns={{ base: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }} gap="6" alignItems="start">
        <Card.Root bg="app.card" borderRadius="xl">
          <Card.Body>
            <chakra.form display="flex" flexDirection="column" gap="6" onSubmit={submit} noValidate>
              <WordListInput csv={list.csv} onChange={list.setCsv} problem={list.shownProblems.csv} />
              <ImportOptionsFields draft={list.draft} onChange={list.change} problems={list.shownProblems} />
              <Button
                type="submit"
                size="lg"
                loading={preview.isPending}
                loadingText={t('admin.wordListImport.making')}
              >
                <LuEye /> {t('admin.wordListImport.preview')}
              </Button>
            </chakra.form>
          </Card.Body>
        </Card.Root>
        <Box ref={previewPanel} as="section" aria-labelledby="preview-heading" scrollMarginTop="20">
          <Heading as="h2" id="preview-heading" size="lg" mb="3">
            {t('admin.wordListImport.previewHeading')}
          </Heading>
          <PreviewResult
            preview={preview}
            previewed={list.previewed}
            existing={quiz.data.questions.length}
            stale={list.stale}
            locked={locked}
            add={add}
          />
        </Box>
      </Grid>
    </Container>
  )
}
