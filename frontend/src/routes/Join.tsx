import {
  Badge,
  Box,
  Button,
  Card,
  Container,
  Heading,
  HStack,
  LinkBox,
  LinkOverlay,
  Stack,
  Text,
  VStack,
} from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link as RouterLink, useNavigate, useParams } from 'react-router'
import { LuPlay } from 'react-icons/lu'
import { ApiError } from '../api/errors'
import type { HistoryEntry } from '../api/types'
import { useAuth } from '../auth/AuthProvider'
import { JoinCodeInput } from '../components/JoinCodeInput'
import { InlineError } from '../components/StateViews'
import { useMySessions } from '../hooks/queries/history'
import { useJoinSession } from '../hooks/queries/sessions'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { describeJoinCodeProblem, joinCodeProblem, normalizeJoinCode } from '../lib/joinCode'
import { ForwardArrow } from '../components/Arrows'

function joinFailure(error: unknown, code: string, t: TFunction): unknown {
  if (error instanceof ApiError && error.status === 404) return new ApiError(404, t('play.join.unknownCode', { code }))
  if (error instanceof ApiError && error.status === 409) return new ApiError(409, t('play.join.ended', { code }))
  return error
}

/** A few of the player's sessions that are still open, to go back to. */
function JumpBackIn({ sessions }: { sessions: HistoryEntry[] }) {
  const { t } = useTranslation()
  return (
    <Box as="section" aria-labelledby="ongoing-heading">
      <Heading as="h2" id="ongoing-heading" size="md" mb="3">
        {t('play.join.jumpBackIn')}
      </Heading>
      <Stack gap="2">
        {sessions.map((s) => (
          <LinkBox
            key={s.session_code}
            as={Card.Root}
            bg="app.card"
            borderRadius="xl"
            _hover={{ borderColor: 'colorPalette.solid' }}
          >
            <Card.Body py="3" px="4">
              <HStack justify="space-between">
                <Box minW="0">
                  <LinkOverlay asChild>
                    <RouterLink to={`/play/${s.session_code}`}>
                      <Text fontWeight="semibold" truncate>
                        {s.quiz_title}
                      </Text>
                    </RouterLink>
                  </LinkOverlay>
                  <Text fontSize="sm" color="fg.muted">
                    {t('play.join.progress', { answered: s.answered_count, count: s.score })}
                  </Text>
                </Box>
                <Badge colorPalette="green" variant="subtle" gap="1">
                  <LuPlay aria-hidden /> {t('play.join.continue')}
                </Badge>
              </HStack>
            </Card.Body>
          </LinkBox>
        ))}
      </Stack>
    </Box>
  )
}

/** The code field and its button; a deep link (/join/K7P2QX, e.g. from the QR code) joins at once. */
function JoinForm({ linked }: { linked: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [code, setCode] = useState(linked)
  const [touched, setTouched] = useState(false)
  const problem = joinCodeProblem(code)

  const join = useJoinSession((participant) => navigate(`/play/${participant.session_code || code}`))

  const autoJoined = useRef(false)
  useEffect(() => {
    if (!autoJoined.current && linked && joinCodeProblem(linked) === null) {
      autoJoined.current = true
      join.mutate(linked)
    }
  }, [linked, join])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (problem === null) join.mutate(code)
  }

  const showProblem = touched && problem !== null
  return (
    <Card.Root bg="app.card" borderRadius="2xl" boxShadow="lg">
      <Card.Body asChild gap="5" p={{ base: '5', md: '8' }}>
        <form onSubmit={submit} noValidate>
          <JoinCodeInput
            value={code}
            onChange={(next) => {
              setCode(next)
              join.reset()
              // Only complain about bad characters while typing; length is judged on submit.
              setTouched(joinCodeProblem(next) === 'bad-characters')
            }}
            error={showProblem && problem ? describeJoinCodeProblem(problem, code, t) : null}
            autoFocus={!linked}
          />
          <InlineError error={join.error ? joinFailure(join.error, code, t) : null} title={t('play.join.failed')} />
          <Button type="submit" size="2xl" loading={join.isPending} loadingText={t('play.join.pending')}>
            {t('play.join.submit')} <ForwardArrow />
          </Button>
        </form>
      </Card.Body>
    </Card.Root>
  )
}

export default function Join() {
  const { t } = useTranslation()
  useDocumentTitle(t('play.join.documentTitle'))
  const auth = useAuth()
  const params = useParams()
  const linked = params.code ? normalizeJoinCode(params.code) : ''
  const recent = useMySessions()
  const ongoing = (recent.data ?? []).filter((s) => s.status === 'open').slice(0, 3)
  const firstName = auth.status === 'signed-in' ? auth.user.display_name : ''

  return (
    <Container maxW="md" py={{ base: '6', md: '12' }}>
      <VStack gap="8" align="stretch">
        <VStack gap="2" textAlign="center">
          <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
            {t('play.join.title', { name: firstName })}
          </Heading>
          <Text color="fg.muted" fontSize="lg">
            {t('play.join.subtitle')}
          </Text>
        </VStack>
        <JoinForm linked={linked} />
        {ongoing.length > 0 && <JumpBackIn sessions={ongoing} />}
      </VStack>
    </Container>
  )
}
