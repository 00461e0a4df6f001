import { Badge, Box, Button, Card, Heading, HStack, RadioCard, Stack, Text } from '@chakra-ui/react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { LuChartBar, LuPlay, LuUsers } from 'react-icons/lu'
import type { Quiz, Session, SessionMode } from '../../api/types'
import { useOpenSession, useQuizSessions } from '../../hooks/queries/quizzes'
import { useFormat } from '../../hooks/useFormat'
import { LinkButton } from '../Links'
import { RadioCardOption } from '../RadioCardOption'
import { ErrorState, InlineError, LoadingState } from '../StateViews'

const SESSION_MODES = [
  {
    value: 'self_paced',
    label: 'admin.sessions.modes.selfPaced.label',
    description: 'admin.sessions.modes.selfPaced.description',
  },
  { value: 'live', label: 'admin.sessions.modes.live.label', description: 'admin.sessions.modes.live.description' },
] as const satisfies readonly { value: SessionMode; label: string; description: string }[]

/** Where the teacher runs an open session: a live one from its host screen. */
function sessionHostPath(session: Session): string {
  return session.mode === 'live' ? `/admin/sessions/${session.code}/live` : `/admin/sessions/${session.code}`
}

function SessionRow({ session }: { session: Session }) {
  const { t } = useTranslation()
  const f = useFormat()
  const open = session.status === 'open'
  return (
    <HStack as="li" justify="space-between" borderWidth="1px" borderRadius="lg" px="3" py="2" gap="2">
      <Box minW="0">
        <HStack gap="2">
          <Text fontFamily="mono" fontWeight="bold" letterSpacing="wider">
            {session.code}
          </Text>
          <Badge colorPalette={open ? 'green' : 'gray'} variant="subtle">
            {open ? t('admin.sessions.open') : t('admin.sessions.closed')}
          </Badge>
          {session.mode === 'live' && (
            <Badge colorPalette="purple" variant="subtle">
              {t('admin.sessions.live')}
            </Badge>
          )}
        </HStack>
        <Text fontSize="xs" color="fg.muted" display="flex" alignItems="center" gap="1">
          <LuUsers aria-hidden />
          <span title={t('admin.sessions.players', { count: session.participant_count })}>
            {f.number(session.participant_count)}
          </span>{' '}
          · {f.dateTime(session.created_at)}
        </Text>
      </Box>
      <LinkButton
        to={open ? sessionHostPath(session) : `/admin/sessions/${session.code}/results`}
        size="sm"
        variant={open ? 'solid' : 'outline'}
      >
        {open ? t('admin.sessions.host') : t('admin.sessions.results')}
      </LinkButton>
    </HStack>
  )
}

function SessionList({ quizId }: { quizId: string }) {
  const { t } = useTranslation()
  const sessions = useQuizSessions(quizId)
  let list: ReactNode
  if (sessions.isPending) list = <LoadingState label={t('admin.sessions.loading')} />
  else if (sessions.isError)
    list = (
      <ErrorState
        error={sessions.error}
        title={t('admin.sessions.loadFailed')}
        onRetry={() => void sessions.refetch()}
      />
    )
  else if (sessions.data.length === 0)
    list = (
      <Text color="fg.muted" fontSize="sm">
        {t('admin.sessions.none')}
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
          <LuChartBar /> {t('admin.sessions.analytics')}
        </LinkButton>
      )}
    </>
  )
}

/** A quiz's sessions: open a new one (self-paced or live), and go to those held so far. */
export function SessionsPanel({ quiz }: { quiz: Quiz }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [mode, setMode] = useState<SessionMode>('self_paced')
  const open = useOpenSession(quiz.id, (session) => navigate(sessionHostPath(session)))
  const noQuestions = quiz.questions.length === 0
  return (
    <Card.Root bg="app.card" borderRadius="xl" as="section" aria-labelledby="sessions-heading">
      <Card.Body gap="4">
        <Heading as="h2" id="sessions-heading" size="lg">
          {t('admin.sessions.heading')}
        </Heading>
        <RadioCard.Root
          value={mode}
          onValueChange={(e) => e.value && setMode(e.value as SessionMode)}
          size="sm"
          disabled={noQuestions}
        >
          <RadioCard.Label>{t('admin.sessions.howPlays')}</RadioCard.Label>
          <Stack gap="2">
            {SESSION_MODES.map((option) => (
              <RadioCardOption
                key={option.value}
                value={option.value}
                label={t(option.label)}
                description={t(option.description)}
              />
            ))}
          </Stack>
        </RadioCard.Root>
        <Button size="lg" onClick={() => open.mutate(mode)} loading={open.isPending} disabled={noQuestions}>
          <LuPlay /> {mode === 'live' ? t('admin.sessions.openLive') : t('admin.sessions.openSession')}
        </Button>
        {noQuestions && (
          <Text fontSize="sm" color="fg.muted">
            {t('admin.sessions.needQuestion')}
          </Text>
        )}
        <InlineError error={open.error} title={t('admin.sessions.openFailed')} />
        <SessionList quizId={quiz.id} />
      </Card.Body>
    </Card.Root>
  )
}
