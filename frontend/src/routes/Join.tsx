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
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Link as RouterLink, useNavigate, useParams } from 'react-router'
import { LuArrowRight, LuPlay } from 'react-icons/lu'
import { ApiError } from '../api/errors'
import type { HistoryEntry } from '../api/types'
import { useAuth } from '../auth/AuthProvider'
import { JoinCodeInput } from '../components/JoinCodeInput'
import { InlineError } from '../components/StateViews'
import { useMySessions } from '../hooks/queries/history'
import { useJoinSession } from '../hooks/queries/sessions'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { describeJoinCodeProblem, joinCodeProblem, normalizeJoinCode } from '../lib/joinCode'

function joinFailure(error: unknown, code: string): unknown {
  if (error instanceof ApiError && error.status === 404)
    return new ApiError(
      404,
      `There's no quiz with the code ${code}. Check the code on your teacher's screen and try again.`,
    )
  if (error instanceof ApiError && error.status === 409)
    return new ApiError(409, `The quiz ${code} has already ended. Ask your teacher for a new code.`)
  return error
}

/** A few of the player's sessions that are still open, to go back to. */
function JumpBackIn({ sessions }: { sessions: HistoryEntry[] }) {
  return (
    <Box as="section" aria-labelledby="ongoing-heading">
      <Heading as="h2" id="ongoing-heading" size="md" mb="3">
        Jump back in
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
                    {s.answered_count} answered · {s.score} points
                  </Text>
                </Box>
                <Badge colorPalette="green" variant="subtle" gap="1">
                  <LuPlay aria-hidden /> Continue
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
            error={showProblem && problem ? describeJoinCodeProblem(problem, code) : null}
            autoFocus={!linked}
          />
          <InlineError error={join.error ? joinFailure(join.error, code) : null} title="Couldn't join" />
          <Button type="submit" size="2xl" loading={join.isPending} loadingText="Joining…">
            Join <LuArrowRight />
          </Button>
        </form>
      </Card.Body>
    </Card.Root>
  )
}

export default function Join() {
  useDocumentTitle('Join a quiz')
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
            Ready, {firstName}?
          </Heading>
          <Text color="fg.muted" fontSize="lg">
            Enter the code to join the quiz.
          </Text>
        </VStack>
        <JoinForm linked={linked} />
        {ongoing.length > 0 && <JumpBackIn sessions={ongoing} />}
      </VStack>
    </Container>
  )
}
