import { Badge, Box, Button, Card, Container, Heading, HStack, Link, Stack, Text, VStack } from '@chakra-ui/react'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { Link as RouterLink, useParams } from 'react-router'
import { LuArrowLeft, LuRotateCcw, LuSearchX, LuSparkles } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { isApiError } from '../api/errors'
import type { PracticeQuestion } from '../api/types'
import { practice } from '../client'
import { AnswerButtons } from '../components/AnswerButtons'
import { QuizProgress } from '../components/QuizProgress'
import { FeedbackPanel } from '../components/FeedbackPanel'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { normalizeJoinCode } from '../lib/joinCode'

function PracticeFeedback({
  right,
  correctText,
  isLast,
  onNext,
}: {
  right: boolean
  correctText: string
  isLast: boolean
  onNext: () => void
}) {
  return (
    <FeedbackPanel
      palette={right ? 'green' : 'red'}
      emoji={right ? '🎉' : '💡'}
      title={right ? 'Right!' : 'Not quite'}
      lastLabel="See how I did"
      isLast={isLast}
      onNext={onNext}
      testId="practice-feedback"
    >
      <Text fontSize="md">
        {right ? 'Well remembered: ' : 'The answer is '}
        <strong>{correctText}</strong>.
      </Text>
    </FeedbackPanel>
  )
}

function PracticeSummary({
  right,
  total,
  missedCount,
  onAgain,
  onMissed,
}: {
  right: number
  total: number
  missedCount: number
  onAgain: () => void
  onMissed: () => void
}) {
  const all = right === total
  return (
    <Card.Root bg="app.card" borderRadius="2xl" boxShadow="lg" textAlign="center" data-testid="practice-summary">
      <Card.Body gap="5" py="10">
        <Text fontSize="6xl" lineHeight="1" aria-hidden>
          {all ? '🌟' : '💪'}
        </Text>
        <VStack gap="1">
          <Heading as="h2" size="3xl">
            You got {right} of {total} right
          </Heading>
          <Text color="fg.muted">
            {all ? 'Every one of them. These words are yours now.' : 'Practise again until they stick.'}
          </Text>
        </VStack>
        <Stack direction={{ base: 'column', sm: 'row' }} justify="center" gap="3">
          {missedCount > 0 && missedCount < total && (
            <Button size="lg" onClick={onMissed}>
              <LuRotateCcw /> Practise the {missedCount} I missed
            </Button>
          )}
          <Button size="lg" variant={missedCount > 0 && missedCount < total ? 'outline' : 'solid'} onClick={onAgain}>
            <LuRotateCcw /> Practise again
          </Button>
          <Button asChild size="lg" variant="outline">
            <RouterLink to="/history">My history</RouterLink>
          </Button>
        </Stack>
      </Card.Body>
    </Card.Root>
  )
}

/**
 * A private run through the questions a player missed in a session: pick, see the right answer,
 * go on. Checked here in the browser; nothing is sent and no one else sees it.
 */
export default function Practice() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const data = useQuery({
    queryKey: ['practice', code],
    queryFn: () => unwrap(practice({ path: { code } })),
    staleTime: Infinity,
  })
  useDocumentTitle(data.data ? `Practise: ${data.data.quiz_title}` : 'Practise')

  // The questions of this round (all missed ones, or those missed again), where we are, and how it went.
  const [round, setRound] = useState<PracticeQuestion[] | null>(null)
  const [index, setIndex] = useState(0)
  const [picked, setPicked] = useState<string | null>(null)
  const [wrongIds, setWrongIds] = useState<string[]>([])
  const [done, setDone] = useState(false)

  const questions = round ?? data.data?.questions ?? []
  const question = questions[index] as PracticeQuestion | undefined
  const correct = question?.choices.find((c) => c.correct)

  const pick = useCallback(
    (choiceId: string) => {
      if (!question || picked) return
      setPicked(choiceId)
      if (!question.choices.find((c) => c.id === choiceId)?.correct) setWrongIds((w) => [...w, question.id])
    },
    [question, picked],
  )

  const start = (next: PracticeQuestion[]) => {
    setRound(next)
    setIndex(0)
    setPicked(null)
    setWrongIds([])
    setDone(false)
  }

  const next = () => {
    setPicked(null)
    if (index + 1 >= questions.length) setDone(true)
    else setIndex(index + 1)
  }

  let main: React.ReactNode
  if (data.isPending) {
    main = <LoadingState label="Getting your questions…" />
  } else if (data.isError) {
    main = isApiError(data.error, 403) ? (
      <EmptyView title="You didn't play this quiz" description="You can practise the quizzes you took part in.">
        <Button asChild>
          <RouterLink to="/history">My history</RouterLink>
        </Button>
      </EmptyView>
    ) : isApiError(data.error, 404) ? (
      <EmptyView icon={<LuSearchX />} title={`No quiz with the code ${code}`} description="Check the link.">
        <Button asChild>
          <RouterLink to="/history">My history</RouterLink>
        </Button>
      </EmptyView>
    ) : (
      <ErrorState error={data.error} title="Your questions didn't load" onRetry={() => void data.refetch()} />
    )
  } else if (data.data.questions.length === 0) {
    main = (
      <EmptyView
        icon={<LuSparkles />}
        title="Nothing to practise"
        description="You didn't miss a single question in this quiz. Well done!"
      >
        <Button asChild>
          <RouterLink to="/history">My history</RouterLink>
        </Button>
      </EmptyView>
    )
  } else if (done || !question) {
    const all = data.data.questions
    main = (
      <PracticeSummary
        right={questions.length - wrongIds.length}
        total={questions.length}
        missedCount={wrongIds.length}
        onAgain={() => start(all)}
        onMissed={() => start(questions.filter((q) => wrongIds.includes(q.id)))}
      />
    )
  } else {
    const right = picked !== null && picked === correct?.id
    main = (
      <Card.Root bg="app.card" borderRadius="2xl" boxShadow="md" as="section" aria-labelledby="practice-prompt">
        <Card.Body gap="5" p={{ base: '4', md: '6' }}>
          <QuizProgress index={index} total={questions.length} />
          <Heading as="h2" id="practice-prompt" size={{ base: '2xl', md: '3xl' }} lineHeight="short" py="2">
            {question.prompt}
          </Heading>
          <AnswerButtons
            key={question.id}
            choices={question.choices}
            onAnswer={pick}
            disabled={picked !== null}
            chosenId={picked}
            correctId={picked ? (correct?.id ?? null) : null}
          />
          {picked && (
            <PracticeFeedback
              right={right}
              correctText={correct?.text ?? ''}
              isLast={index + 1 >= questions.length}
              onNext={next}
            />
          )}
          <Text fontSize="xs" color="fg.muted" hideBelow="md">
            Tip: press 1–{question.choices.length} on your keyboard to answer.
          </Text>
        </Card.Body>
      </Card.Root>
    )
  }

  return (
    <Container maxW="3xl" py={{ base: '4', md: '8' }}>
      <Link asChild mb="3" fontSize="sm" color="fg.muted">
        <RouterLink to="/history">
          <LuArrowLeft aria-hidden /> My history
        </RouterLink>
      </Link>
      <Box mb="4">
        <HStack gap="2" wrap="wrap">
          <Heading as="h1" size={{ base: 'lg', md: 'xl' }}>
            Practise: {data.data?.quiz_title ?? 'missed questions'}
          </Heading>
          <Badge colorPalette="purple" variant="subtle">
            Just for you
          </Badge>
        </HStack>
        <Text fontSize="sm" color="fg.muted">
          The questions you missed. Nothing is scored and nobody else sees it.
        </Text>
      </Box>
      {main}
    </Container>
  )
}
