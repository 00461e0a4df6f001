import { Badge, HStack, Input, Separator, Stack, Text } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { Navigate } from 'react-router'
import { LuArrowRight } from 'react-icons/lu'
import { useSignInFlow } from '../auth/useSignInFlow'
import { AuthCard, AuthForm } from '../components/AuthCard'
import { FormField } from '../components/FormField'
import { TextLink } from '../components/Links'
import { useGuest } from '../hooks/queries/auth'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { DISPLAY_NAME_MAX } from '../lib/displayName'
import { joinCodeInPath } from '../lib/nextPath'

/** The other ways in, with an account, going on to the same place (`next`) afterwards. */
function AccountLinks({ next }: { next: string }) {
  const withNext = (path: string) => `${path}?next=${encodeURIComponent(next)}`
  return (
    <>
      <HStack>
        <Separator flex="1" />
        <Text fontSize="sm" color="fg.muted" flexShrink="0">
          or
        </Text>
        <Separator flex="1" />
      </HStack>
      {/* One under the other: side by side they wrap mid-phrase in the narrow card. */}
      <Stack gap="3" align="center" textAlign="center">
        <TextLink to={withNext('/signin')}>Sign in to your account</TextLink>
        <TextLink to={withNext('/register')}>Create an account</TextLink>
      </Stack>
      <Text fontSize="sm" color="fg.muted">
        With an account your scores are saved and you can sign in on any device.
      </Text>
    </>
  )
}

/** Play as a guest with just a name: the quickest way in for a learner. */
export default function Welcome() {
  useDocumentTitle('Welcome')
  const flow = useSignInFlow()
  const next = flow.next('/join')
  const code = joinCodeInPath(next)
  const [name, setName] = useState('')
  const [touched, setTouched] = useState(false)
  const start = useGuest((token) => flow.enter(token, '/join'))

  if (flow.signedIn) return <Navigate to={next} replace />

  const trimmed = name.trim()
  const problem =
    trimmed === ''
      ? 'Tell us your name so your friends can find you on the leaderboard.'
      : trimmed.length > DISPLAY_NAME_MAX
        ? `Keep it under ${DISPLAY_NAME_MAX} characters.`
        : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!problem) start.mutate(trimmed)
  }

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
      <AuthForm
        onSubmit={submit}
        error={start.error}
        pending={start.isPending}
        submitLabel={
          <>
            Let's play <LuArrowRight />
          </>
        }
        pendingLabel="Getting ready…"
        size="2xl"
      >
        <FormField label="Your name" error={touched ? problem : null} required>
          <Input
            size="2xl"
            fontSize="xl"
            value={name}
            autoFocus
            autoComplete="nickname"
            maxLength={DISPLAY_NAME_MAX + 10}
            placeholder="e.g. Sam"
            onChange={(e) => setName(e.target.value)}
          />
        </FormField>
      </AuthForm>
      <AccountLinks next={next} />
    </AuthCard>
  )
}
