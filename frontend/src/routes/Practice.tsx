import { Badge, Box, Button, Container, Heading, HStack, Text } from '@chakra-ui/react'
import { useCallback, useState, type ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { LuRotateCcw, LuSearchX, LuSparkles } from 'react-icons/lu'
import { isApiError } from '../api/errors'
import type { PracticeQuestion } from '../api/types'
import { AnswerButtons } from '../components/AnswerButtons'
import { FeedbackPanel } from '../components/FeedbackPanel'
import { BackLink, LinkButton } from '../components/Links'
import { PlayerQuestionCard } from '../components/PlayerQuestionCard'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { SummaryCard } from '../components/SummaryCard'
import { usePractice } from '../hooks/queries/practice'
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
  const { t } = useTranslation()
  return (
    <FeedbackPanel
      palette={right ? 'green' : 'red'}
      emoji={right ? '🎉' : '💡'}
      title={right ? t('play.practice.right') : t('play.feedback.notQuite')}
      lastLabel={t('play.practice.seeHowIDid')}
      isLast={isLast}
      onNext={onNext}
      testId="practice-feedback"
    >
      <Text fontSize="md">
        <Trans
          i18nKey={right ? 'play.practice.wellRemembered' : 'play.practice.answerIs'}
          values={{ answer: correctText }}
          components={[<strong key="answer" />]}
        />
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
  const { t } = useTranslation()
  const all = right === total
  const someMissed = missedCount > 0 && missedCount < total
  return (
    <SummaryCard
      emoji={all ? '🌟' : '💪'}
      title={t('play.practice.summaryTitle', { right, total })}
      subtitle={<Text color="fg.muted">{all ? t('play.practice.allRight') : t('play.practice.keepGoing')}</Text>}
      actions={
        <>
          {someMissed && (
            <Button size="lg" onClick={onMissed}>
              <LuRotateCcw /> {t('play.practice.missedAgain', { count: missedCount })}
            </Button>
          )}
          <Button size="lg" variant={someMissed ? 'outline' : 'solid'} onClick={onAgain}>
            <LuRotateCcw /> {t('play.practice.again')}
          </Button>
        </>
      }
      testId="practice-summary"
    />
  )
}

/** Why there is nothing to practise: not this player's quiz, no such quiz, or it didn't load. */
function PracticeUnavailable({ error, code, onRetry }: { error: unknown; code: string; onRetry: () => void }) {
  const { t } = useTranslation()
  if (isApiError(error, 403))
    return (
      <EmptyView title={t('play.practice.notPlayed')} description={t('play.practice.notPlayedDescription')}>
        <LinkButton to="/history">{t('play.history.title')}</LinkButton>
      </EmptyView>
    )
  if (isApiError(error, 404))
    return (
      <EmptyView
        icon={<LuSearchX />}
        title={t('play.unknownCode.title', { code })}
        description={t('play.practice.checkLink')}
      >
        <LinkButton to="/history">{t('play.history.title')}</LinkButton>
      </EmptyView>
    )
  return <ErrorState error={error} title={t('play.practice.loadFailed')} onRetry={onRetry} />
}

/** A round of practice: its questions (all missed ones, or those missed again), where we are, and how it went. */
function usePracticeRound(missed: PracticeQuestion[]) {
  const [round, setRound] = useState<PracticeQuestion[] | null>(null)
  const [index, setIndex] = useState(0)
  const [picked, setPicked] = useState<string | null>(null)
  const [wrongIds, setWrongIds] = useState<string[]>([])
  const [done, setDone] = useState(false)

  const questions = round ?? missed
  const question = questions[index] as PracticeQuestion | undefined

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

  return { questions, question: done ? undefined : question, index, picked, wrongIds, pick, start, next }
}

function PracticeQuestionCard({
  round,
}: {
  round: ReturnType<typeof usePracticeRound> & { question: PracticeQuestion }
}) {
  const { question, picked, index, questions } = round
  const correct = question.choices.find((c) => c.correct)
  return (
    <PlayerQuestionCard
      index={index}
      total={questions.length}
      prompt={question.prompt}
      promptId="practice-prompt"
      keyTip={question.choices.length}
    >
      <AnswerButtons
        key={question.id}
        choices={question.choices}
        onAnswer={round.pick}
        disabled={picked !== null}
        chosenId={picked}
        correctId={picked ? (correct?.id ?? null) : null}
      />
      {picked && (
        <PracticeFeedback
          right={picked === correct?.id}
          correctText={correct?.text ?? ''}
          isLast={index + 1 >= questions.length}
          onNext={round.next}
        />
      )}
    </PlayerQuestionCard>
  )
}

/**
 * A private run through the questions a player missed in a session: pick, see the right answer,
 * go on. Checked here in the browser; nothing is sent and no one else sees it.
 */
export default function Practice() {
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const { t } = useTranslation()
  const data = usePractice(code)
  useDocumentTitle(
    data.data ? t('play.practice.title', { title: data.data.quiz_title }) : t('play.practice.documentTitle'),
  )
  const round = usePracticeRound(data.data?.questions ?? [])
  const { questions, question, wrongIds } = round

  let main: ReactNode
  if (data.isPending) {
    main = <LoadingState label={t('play.practice.loading')} />
  } else if (data.isError) {
    main = <PracticeUnavailable error={data.error} code={code} onRetry={() => void data.refetch()} />
  } else if (data.data.questions.length === 0) {
    main = (
      <EmptyView
        icon={<LuSparkles />}
        title={t('play.practice.nothingTitle')}
        description={t('play.practice.nothingDescription')}
      >
        <LinkButton to="/history">{t('play.history.title')}</LinkButton>
      </EmptyView>
    )
  } else if (!question) {
    const all = data.data.questions
    main = (
      <PracticeSummary
        right={questions.length - wrongIds.length}
        total={questions.length}
        missedCount={wrongIds.length}
        onAgain={() => round.start(all)}
        onMissed={() => round.start(questions.filter((q) => wrongIds.includes(q.id)))}
      />
    )
  } else {
    main = <PracticeQuestionCard round={{ ...round, question }} />
  }

  return (
    <Container maxW="3xl" py={{ base: '4', md: '8' }}>
      <BackLink to="/history" mb="3">
        {t('play.history.title')}
      </BackLink>
      <Box mb="4">
        <HStack gap="2" wrap="wrap">
          <Heading as="h1" size={{ base: 'lg', md: 'xl' }}>
            {t('play.practice.title', { title: data.data?.quiz_title ?? t('play.practice.missedQuestions') })}
          </Heading>
          <Badge colorPalette="purple" variant="subtle">
            {t('play.practice.justForYou')}
          </Badge>
        </HStack>
        <Text fontSize="sm" color="fg.muted">
          {t('play.practice.intro')}
        </Text>
      </Box>
      {main}
    </Container>
  )
}
