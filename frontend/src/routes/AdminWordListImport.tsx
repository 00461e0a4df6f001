import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Code,
  Container,
  Field,
  Fieldset,
  FileUpload,
  Grid,
  Heading,
  HStack,
  Input,
  Link,
  RadioGroup,
  SegmentGroup,
  Stack,
  Switch,
  Text,
  Textarea,
  chakra,
} from '@chakra-ui/react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { Link as RouterLink, useNavigate, useParams } from 'react-router'
import { LuArrowLeft, LuEye, LuFileUp, LuFileText, LuListPlus } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { errorMessage, isApiError, rowProblemCount, rowProblems } from '../api/errors'
import type { WordListOptions, WordListPreview } from '../api/types'
import { importWordList, previewWordList } from '../client'
import { QuestionCard } from '../components/QuestionCard'
import { QuizLoadFailed } from '../components/QuizLoadFailed'
import { EmptyView, LoadingState } from '../components/StateViews'
import { toaster } from '../components/Toaster'
import { WordListProblems } from '../components/WordListProblems'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import type { ImportedState } from './AdminQuizEditor'
import {
  CHOICE_COUNTS,
  DEFAULT_IMPORT_OPTIONS,
  DIRECTIONS,
  EXAMPLE_CSV,
  WordListFileError,
  WORD_LIST_MAX_ROWS,
  importOptions,
  readWordListFile,
  sameOptions,
  validateImport,
  type Direction,
  type ImportOptionsDraft,
} from '../lib/wordList'
import { useQuiz, useQuizSessions } from '../hooks/useQuiz'

/** What a preview was made from, so that the import sends exactly that. */
type Previewed = { csv: string; options: WordListOptions; result: WordListPreview }

const PREVIEW_SHOWN = 100

/** Plain words for what can go wrong with a word list besides bad rows. */
function importFailure(error: unknown): { title: string; description: string } {
  if (isApiError(error, 409))
    return {
      title: 'A session of this quiz is open',
      description: 'Players are answering this quiz right now. Close the session, then import the word list.',
    }
  if (isApiError(error, 413))
    return {
      title: 'The word list is too large',
      description: `A list can be up to 4 MB and ${WORD_LIST_MAX_ROWS.toLocaleString()} rows. Split it into smaller lists and import them one by one.`,
    }
  if (isApiError(error, 415))
    return {
      title: "That isn't a CSV word list",
      description: 'Save the list as CSV (comma-separated values, UTF-8) and try again.',
    }
  return { title: "That didn't work", description: errorMessage(error) }
}

function ImportError({ error, imported }: { error: unknown; imported: boolean }) {
  if (!error) return null
  const problems = rowProblems(error)
  if (problems && problems.length > 0)
    return <WordListProblems problems={problems} count={rowProblemCount(error, problems.length)} imported={imported} />
  const { title, description } = importFailure(error)
  return (
    <Alert.Root status="error" borderRadius="lg">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{title}</Alert.Title>
        <Alert.Description role="alert">{description}</Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}

function CsvHelp({ onUseExample }: { onUseExample: () => void }) {
  return (
    <Box bg="bg.muted" borderRadius="lg" p="4" fontSize="sm">
      <Stack gap="2">
        <Text fontWeight="bold">The CSV format</Text>
        <Text>
          The first line names the columns: <Code>word</Code> and <Code>meaning</Code> are needed; <Code>example</Code>{' '}
          and <Code>distractor_1</Code> to <Code>distractor_3</Code> (wrong answers of your own) are optional. Separate
          fields with commas or semicolons, and put a field in double quotes when it holds one.
        </Text>
        <Box
          as="pre"
          bg="app.card"
          borderWidth="1px"
          borderRadius="md"
          p="3"
          fontFamily="mono"
          fontSize="xs"
          overflowX="auto"
          data-testid="csv-example"
        >
          {EXAMPLE_CSV}
        </Box>
        <Text color="fg.muted">
          Wrong answers are drawn from the other words of the list. When the answer is the word, its example becomes a
          fill-in-the-blank question. Up to {WORD_LIST_MAX_ROWS.toLocaleString()} rows.
        </Text>
        <Button size="xs" variant="outline" alignSelf="start" onClick={onUseExample}>
          <LuFileText /> Use this example
        </Button>
      </Stack>
    </Box>
  )
}

/** A whole-number option typed as text, with its range as help or what is wrong with it. */
function NumberField({
  label,
  value,
  onChange,
  problem,
  help,
  flex,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  problem?: string
  help: string
  flex?: string
}) {
  return (
    <Field.Root flex={flex} invalid={Boolean(problem)}>
      <Field.Label>{label}</Field.Label>
      <Input inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} maxW="32" />
      {problem ? <Field.ErrorText>{problem}</Field.ErrorText> : <Field.HelperText>{help}</Field.HelperText>}
    </Field.Root>
  )
}

function OptionsFields({
  draft,
  onChange,
  problems,
}: {
  draft: ImportOptionsDraft
  onChange: (patch: Partial<ImportOptionsDraft>) => void
  problems: { timeLimit?: string; points?: string }
}) {
  return (
    <Fieldset.Root>
      <Fieldset.Legend fontWeight="bold" fontSize="md">
        Questions
      </Fieldset.Legend>
      <Stack gap="5" mt="2">
        <RadioGroup.Root
          value={draft.direction}
          onValueChange={(e) => e.value && onChange({ direction: e.value as Direction })}
          aria-label="What the questions ask"
        >
          <Text fontWeight="medium" mb="2">
            What the questions ask
          </Text>
          <Stack gap="2">
            {DIRECTIONS.map((d) => (
              <RadioGroup.Item key={d.value} value={d.value} alignItems="start">
                <RadioGroup.ItemHiddenInput />
                <RadioGroup.ItemIndicator />
                <RadioGroup.ItemText>
                  <Text as="span" fontWeight="semibold">
                    {d.label}
                  </Text>
                  <Text as="span" color="fg.muted">
                    {' '}
                    {d.example}
                  </Text>
                </RadioGroup.ItemText>
              </RadioGroup.Item>
            ))}
          </Stack>
        </RadioGroup.Root>

        <Stack gap="2">
          <Text fontWeight="medium" id="choices-label">
            Answers per question
          </Text>
          <SegmentGroup.Root
            value={String(draft.choices)}
            onValueChange={(e) => e.value && onChange({ choices: Number(e.value) })}
            aria-labelledby="choices-label"
            alignSelf="start"
          >
            <SegmentGroup.Indicator />
            <SegmentGroup.Items items={CHOICE_COUNTS.map(String)} minW="10" justifyContent="center" />
          </SegmentGroup.Root>
        </Stack>

        <Stack direction={{ base: 'column', sm: 'row' }} gap="5" align={{ sm: 'start' }}>
          <Stack gap="2" flex="1">
            <Switch.Root checked={draft.timed} onCheckedChange={(e) => onChange({ timed: e.checked })}>
              <Switch.HiddenInput />
              <Switch.Control />
              <Switch.Label>Timed questions</Switch.Label>
            </Switch.Root>
            {draft.timed ? (
              <NumberField
                label="Seconds to answer"
                value={draft.timeLimit}
                onChange={(timeLimit) => onChange({ timeLimit })}
                problem={problems.timeLimit}
                help="5 to 300."
              />
            ) : (
              <Text fontSize="sm" color="fg.muted">
                Untimed: players take as long as they need.
              </Text>
            )}
          </Stack>
          <NumberField
            label="Points"
            value={draft.points}
            onChange={(points) => onChange({ points })}
            problem={problems.points}
            help="0 to 10000."
            flex="1"
          />
        </Stack>
      </Stack>
    </Fieldset.Root>
  )
}

/** A teacher turns a CSV of words and meanings into questions: preview them, then add exactly those. */
export default function AdminWordListImport() {
  const { quizId = '' } = useParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const quiz = useQuiz(quizId)
  const sessions = useQuizSessions(quizId)
  useDocumentTitle(quiz.data ? `Import words into ${quiz.data.title}` : 'Import a word list')

  const [csv, setCsv] = useState('')
  const [fileNote, setFileNote] = useState<string | null>(null)
  const [fileProblem, setFileProblem] = useState<string | null>(null)
  const [uploadKey, setUploadKey] = useState(0)
  const [draft, setDraft] = useState<ImportOptionsDraft>(DEFAULT_IMPORT_OPTIONS)
  const [tried, setTried] = useState(false)
  const [previewed, setPreviewed] = useState<Previewed | null>(null)
  const previewPanel = useRef<HTMLDivElement>(null)
  // On a phone the preview is below the form: bring it into view (beside the form it already is).
  const showPreview = () => {
    const panel = previewPanel.current
    if (!panel) return
    const top = panel.getBoundingClientRect().top
    if (top < 0 || top > window.innerHeight * 0.6) panel.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }

  const problems = validateImport(csv, draft)
  const shownProblems = tried ? problems : { timeLimit: problems.timeLimit, points: problems.points }
  const options = importOptions(draft)
  const stale = previewed !== null && (previewed.csv !== csv || !sameOptions(previewed.options, options))

  const preview = useMutation({
    mutationFn: (vars: { csv: string; options: WordListOptions }) =>
      unwrap(previewWordList({ path: { quiz_id: quizId }, query: vars.options, body: vars.csv })),
    onMutate: () => setPreviewed(null),
    onSuccess: (result, vars) => {
      setPreviewed({ csv: vars.csv, options: vars.options, result })
      showPreview()
    },
    onError: showPreview,
  })
  const add = useMutation({
    mutationFn: (from: Previewed) =>
      unwrap(
        importWordList({
          path: { quiz_id: quizId },
          query: { ...from.options, seed: from.result.seed },
          body: from.csv,
        }),
      ),
    onSuccess: (updated, from) => {
      const count = from.result.questions.length
      queryClient.setQueryData(['quiz', quizId], updated)
      void queryClient.invalidateQueries({ queryKey: ['quiz', quizId] })
      void queryClient.invalidateQueries({ queryKey: ['quizzes'] })
      toaster.create({ title: `${count} ${count === 1 ? 'question' : 'questions'} added`, type: 'success' })
      const state: ImportedState = { imported: { first: updated.questions.length - count, count } }
      navigate(`/admin/quizzes/${quizId}`, { state })
    },
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    add.reset()
    if (problems.csv || problems.timeLimit || problems.points) return
    preview.mutate({ csv, options })
  }

  const pickFile = async (file: File | undefined) => {
    setUploadKey((k) => k + 1) // the same file can be picked again after a fix
    if (!file) return
    try {
      const text = await readWordListFile(file)
      setCsv(text)
      setFileProblem(null)
      setFileNote(`From “${file.name}”. You can still change it here.`)
    } catch (error) {
      setFileProblem(error instanceof WordListFileError ? error.message : "That file couldn't be read.")
    }
  }

  if (quiz.isPending) return <LoadingState label="Loading the quiz…" />
  if (quiz.isError) return <QuizLoadFailed error={quiz.error} onRetry={() => void quiz.refetch()} />

  const locked = (sessions.data ?? []).some((s) => s.status === 'open')
  const existing = quiz.data.questions.length
  const lineCount = csv.trim() === '' ? 0 : csv.trim().split(/\r?\n/).length

  return (
    <Container maxW="6xl" py={{ base: '6', md: '8' }}>
      <Link asChild mb="4" fontSize="sm" color="fg.muted">
        <RouterLink to={`/admin/quizzes/${quizId}`}>
          <LuArrowLeft aria-hidden /> {quiz.data.title}
        </RouterLink>
      </Link>
      <Box mb="6">
        <Heading as="h1" size="2xl">
          Import a word list
        </Heading>
        <Text color="fg.muted">
          Turn words and their meanings into questions for “{quiz.data.title}”. You see every question before anything
          is added.
        </Text>
      </Box>
      {locked && (
        <Alert.Root status="warning" borderRadius="lg" mb="6">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>A session of this quiz is open</Alert.Title>
            <Alert.Description>
              You can preview a list, but close the session before adding questions to the quiz.
            </Alert.Description>
          </Alert.Content>
        </Alert.Root>
      )}
      <Grid templateColumns={{ base: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }} gap="6" alignItems="start">
        <Card.Root bg="app.card" borderRadius="xl">
          <Card.Body>
            <chakra.form display="flex" flexDirection="column" gap="6" onSubmit={submit} noValidate>
              <Field.Root invalid={Boolean(shownProblems.csv || fileProblem)} required>
                <Field.Label>Word list (CSV)</Field.Label>
                <Textarea
                  value={csv}
                  onChange={(e) => {
                    setCsv(e.target.value)
                    setFileProblem(null)
                  }}
                  rows={9}
                  fontFamily="mono"
                  fontSize="sm"
                  spellCheck={false}
                  autoFocus
                  placeholder={'word,meaning,example\nexhausted,very tired,She felt exhausted after the long walk.'}
                />
                {fileProblem || shownProblems.csv ? (
                  <Field.ErrorText>{fileProblem ?? shownProblems.csv}</Field.ErrorText>
                ) : (
                  <Field.HelperText>
                    {fileNote ? `${fileNote} ` : 'Paste it from a spreadsheet or a text file, or choose a file. '}
                    {lineCount > 0 && `${lineCount} ${lineCount === 1 ? 'line' : 'lines'}.`}
                  </Field.HelperText>
                )}
              </Field.Root>
              <FileUpload.Root
                key={uploadKey}
                maxFiles={1}
                accept=".csv,.txt,text/csv,text/plain"
                onFileAccept={(details) => void pickFile(details.files[0])}
                onFileReject={() => {
                  setUploadKey((k) => k + 1)
                  setFileProblem('Choose a .csv file (a spreadsheet saved as CSV).')
                }}
                mt="-3"
              >
                <FileUpload.HiddenInput aria-label="Choose a .csv file" />
                <FileUpload.Trigger asChild>
                  <Button variant="outline" size="sm">
                    <LuFileUp /> Choose a .csv file
                  </Button>
                </FileUpload.Trigger>
              </FileUpload.Root>
              <CsvHelp
                onUseExample={() => {
                  setCsv(EXAMPLE_CSV)
                  setFileNote(null)
                  setFileProblem(null)
                }}
              />
              <OptionsFields
                draft={draft}
                onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
                problems={shownProblems}
              />
              <Button type="submit" size="lg" loading={preview.isPending} loadingText="Making the questions…">
                <LuEye /> Preview
              </Button>
            </chakra.form>
          </Card.Body>
        </Card.Root>

        <Box ref={previewPanel} as="section" aria-labelledby="preview-heading" scrollMarginTop="20">
          <Heading as="h2" id="preview-heading" size="lg" mb="3">
            Preview
          </Heading>
          {preview.isPending ? (
            <LoadingState label="Making the questions…" />
          ) : preview.isError ? (
            <ImportError error={preview.error} imported={false} />
          ) : !previewed ? (
            <EmptyView
              icon={<LuEye />}
              title="Nothing to preview yet"
              description="Paste a word list and press Preview. Nothing is added to the quiz until you import."
            />
          ) : (
            <Stack gap="4">
              <Card.Root bg="app.card" borderRadius="xl" borderWidth="2px" borderColor="colorPalette.solid">
                <Card.Body gap="3">
                  <HStack gap="2" wrap="wrap">
                    <Badge colorPalette="purple" variant="subtle" size="lg" data-testid="word-count">
                      {previewed.result.word_count} {previewed.result.word_count === 1 ? 'word' : 'words'}
                    </Badge>
                    <Text aria-hidden>→</Text>
                    <Badge colorPalette="green" variant="subtle" size="lg">
                      {previewed.result.questions.length}{' '}
                      {previewed.result.questions.length === 1 ? 'question' : 'questions'}
                    </Badge>
                  </HStack>
                  <Text fontSize="sm" color="fg.muted">
                    {existing === 0
                      ? 'They will be the questions of this quiz.'
                      : `They will be added after your ${existing} ${existing === 1 ? 'question' : 'questions'}.`}
                  </Text>
                  {stale && (
                    <Alert.Root status="info" borderRadius="lg">
                      <Alert.Indicator />
                      <Alert.Content>
                        <Alert.Description>
                          You changed the list or the options since this preview. Preview again to import.
                        </Alert.Description>
                      </Alert.Content>
                    </Alert.Root>
                  )}
                  <ImportError error={add.error} imported />
                  <Button
                    size="lg"
                    colorPalette="green"
                    onClick={() => add.mutate(previewed)}
                    loading={add.isPending}
                    loadingText="Adding…"
                    disabled={stale || locked || previewed.result.questions.length === 0}
                  >
                    <LuListPlus /> Import {previewed.result.questions.length}{' '}
                    {previewed.result.questions.length === 1 ? 'question' : 'questions'}
                  </Button>
                </Card.Body>
              </Card.Root>
              <Stack as="ol" gap="3" listStyleType="none" m="0" p="0" aria-label="Previewed questions">
                {previewed.result.questions.slice(0, PREVIEW_SHOWN).map((question, index) => (
                  <Box as="li" key={index}>
                    <QuestionCard
                      number={existing + index + 1}
                      question={{
                        ...question,
                        id: `preview-${index}`,
                        choices: question.choices.map((c, i) => ({ ...c, id: `preview-${index}-${i}` })),
                      }}
                    />
                  </Box>
                ))}
              </Stack>
              {previewed.result.questions.length > PREVIEW_SHOWN && (
                <Text color="fg.muted" textAlign="center">
                  …and {previewed.result.questions.length - PREVIEW_SHOWN} more questions like these.
                </Text>
              )}
            </Stack>
          )}
        </Box>
      </Grid>
    </Container>
  )
}
