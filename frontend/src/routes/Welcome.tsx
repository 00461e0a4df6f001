import { Badge, Button, Field, HStack, Input, Link, Separator, Stack, Text, chakra } from '@chakra-ui/react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Navigate, Link as RouterLink, useNavigate, useSearchParams } from 'react-router'
import { LuArrowRight } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { guest } from '../client'
import { useAuth } from '../auth/AuthProvider'
import { AuthCard } from '../components/AuthCard'
import { InlineError } from '../components/StateViews'
import { joinCodeInPath, safeNextPath } from '../lib/nextPath'
import { useDocumentTitle } from '../hooks/useDocumentTitle'

const NAME_MAX = 40

/** Play as a guest with just a name: the quickest way in for a learner. */
export default function Welcome() {
  useDocumentTitle('Welcome')
  const auth = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNextPath(params.get('next'), '/join')
  const code = joinCodeInPath(next)
  const [name, setName] = useState('')
  const [touched, setTouched] = useState(false)

  const start = useMutation({
    mutationFn: (displayName: string) => unwrap(guest({ body: { display_name: displayName } })),
    onSuccess: (token) => {
      auth.signIn(token)
      navigate(next, { replace: true })
    },
  })

  if (auth.status === 'signed-in') return <Navigate to={next} replace />

  const trimmed = name.trim()
  const problem =
    trimmed === ''
      ? 'Tell us your name so your friends can find you on the leaderboard.'
      : trimmed.length > NAME_MAX
        ? `Keep it under ${NAME_MAX} characters.`
        : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!problem) start.mutate(trimmed)
  }

  const withNext = (path: string) => `${path}?next=${encodeURIComponent(next)}`

  return (
    <AuthCard
      title="Hi! What's your name?"
      subtitle={
        code ? (
          <>
            You're joining quiz{' '}
            <Badge fontSize="md" fontFamily="mono" letterSpacing="widest">
              {code}
            </Badge>
          </>
        ) : (
          'Type a name and play right away. No account needed.'
        )
      }
    >
      <chakra.form display="flex" flexDirection="column" gap="4" onSubmit={submit} noValidate>
        <Field.Root invalid={touched && problem !== null} required>
          <Field.Label>Your name</Field.Label>
          <Input
            size="2xl"
            fontSize="xl"
            value={name}
            autoFocus
            autoComplete="nickname"
            maxLength={NAME_MAX + 10}
            placeholder="e.g. Sam"
            onChange={(e) => setName(e.target.value)}
          />
          <Field.ErrorText>{problem}</Field.ErrorText>
        </Field.Root>
        <InlineError error={start.error} />
        <Button type="submit" size="2xl" loading={start.isPending} loadingText="Getting ready…">
          Let's play <LuArrowRight />
        </Button>
      </chakra.form>
      <HStack>
        <Separator flex="1" />
        <Text fontSize="sm" color="fg.muted" flexShrink="0">
          or
        </Text>
        <Separator flex="1" />
      </HStack>
      {/* One under the other: side by side they wrap mid-phrase in the narrow card. */}
      <Stack gap="3" align="center" textAlign="center">
        <Link asChild colorPalette="purple" fontWeight="semibold">
          <RouterLink to={withNext('/signin')}>Sign in to your account</RouterLink>
        </Link>
        <Link asChild colorPalette="purple" fontWeight="semibold">
          <RouterLink to={withNext('/register')}>Create an account</RouterLink>
        </Link>
      </Stack>
      <Text fontSize="sm" color="fg.muted">
        With an account your scores are saved and you can sign in on any device.
      </Text>
    </AuthCard>
  )
}
