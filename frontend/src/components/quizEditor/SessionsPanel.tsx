import { Badge, Box, Button, Card, Heading, HStack, RadioCard, Stack, Text } from '@chakra-ui/react'
import { useState, type ReactNode } from 'react'
import { useNavigate } from 'react-router'
import { LuChartBar, LuPlay, LuUsers } from 'react-icons/lu'
import type { Quiz, Session, SessionMode } from '../../api/types'
import { useOpenSession, useQuizSessions } from '../../hooks/queries/quizzes'
import { formatDateTime } from '../../lib/dates'
import { LinkButton } from '../Links'
import { RadioCardOption } from '../RadioCardOption'
import { ErrorState, InlineError, LoadingState } from '../StateViews'

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

function SessionRow({ session }: { session: Session }) {
  const open = session.status === 'open'
  return (
    <HStack as="li" justify="space-between" borderWidth="1px" borderRadius="lg" px="3" py="2" gap="2">
      <Box minW="0">
        <HStack gap="2">
          <Text fontFamily="mono" fontWeight="bold" letterSpacing="wider">
            {session.code}
          </Text>
          <Badge colorPalette={open ? 'green' : 'gray'} variant="subtle">
            {open ? 'Open' : 'Closed'}
          </Badge>
          {session.mode === 'live' && (
            <Badge colorPalette="purple" variant="subtle">
              Live
            </Badge>
          )}
        </HStack>
        <Text fontSize="xs" color="fg.muted" display="flex" alignItems="center" gap="1">
          <LuUsers aria-hidden /> {session.participant_count} · {formatDateTime(session.created_at)}
        </Text>
      </Box>
      <LinkButton
        to={open ? sessionHostPath(session) : `/admin/sessions/${session.code}/results`}
        size="sm"
        variant={open ? 'solid' : 'outline'}
      >
        {open ? 'Host' : 'Results'}
      </LinkButton>
    </HStack>
  )
}

function SessionList({ quizId }: { quizId: string }) {
  const sessions = useQuizSessions(quizId)
  let list: ReactNode
  if (sessions.isPending) list = <LoadingState label="Loading sessions…" />
  else if (sessions.isError)
    list = <ErrorState error={sessions.error} title="Sessions didn't load" onRetry={() => void sessions.refetch()} />
  else if (sessions.data.length === 0)
    list = (
      <Text color="fg.muted" fontSize="sm">
        No sessions yet. Open one and share its code with your class.
      </Text>
    )
  else
    list = (
      <Stack as="ul" gap="2" listStyleType="none" m="0" p="0">
        {sessions.data.map((s) => (
          <SessionRow key={s.id} session={s} />
        ))}
      </Stack>
    )
  return (
    <>
      {list}
      {sessions.data && sessions.data.length > 0 && (
        <LinkButton to={`/admin/quizzes/${quizId}/analytics`} variant="outline">
          <LuChartBar /> Question analytics
        </LinkButton>
      )}
    </>
  )
}

/** A quiz's sessions: open a new one (self-paced or live), and go to those held so far. */
export function SessionsPanel({ quiz }: { quiz: Quiz }) {
  const navigate = useNavigate()
  const [mode, setMode] = useState<SessionMode>('self_paced')
  const open = useOpenSession(quiz.id, (session) => navigate(sessionHostPath(session)))
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
              <RadioCardOption key={option.value} {...option} />
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
        <SessionList quizId={quiz.id} />
      </Card.Body>
    </Card.Root>
  )
}
