import { Button, Field, Input, Link, Text, chakra } from '@chakra-ui/react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Navigate, Link as RouterLink, useNavigate, useSearchParams } from 'react-router'
import { unwrap } from '../api/client'
import { register } from '../client'
import { useAuth } from '../auth/AuthProvider'
import { AuthCard } from '../components/AuthCard'
import { PasswordInput } from '../components/PasswordInput'
import { InlineError } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { safeNextPath } from '../lib/nextPath'

// The account rules of API.md, checked before asking the server.
function usernameProblem(username: string): string | null {
  if (username.length < 3 || username.length > 32) return 'Use 3 to 32 characters.'
  if (!/^[A-Za-z0-9_.-]+$/.test(username)) return 'Use only letters, digits, dots, dashes and underscores (no spaces).'
  return null
}

function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Use at least 8 characters.'
  if (password.length > 128) return 'Use at most 128 characters.'
  return null
}

function displayNameProblem(name: string): string | null {
  return name.trim().length > 40 ? 'Keep it under 40 characters.' : null
}

export default function Register() {
  useDocumentTitle('Create an account')
  const auth = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const nextParam = params.get('next')
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [touched, setTouched] = useState(false)

  const create = useMutation({
    mutationFn: () =>
      unwrap(
        register({
          body: { username: username.trim(), password, display_name: displayName.trim() || undefined },
        }),
      ),
    onSuccess: (token) => {
      auth.signIn(token)
      navigate(safeNextPath(nextParam, '/join'), { replace: true })
    },
  })

  if (auth.status === 'signed-in') return <Navigate to={safeNextPath(nextParam)} replace />

  const problems = {
    username: usernameProblem(username.trim()),
    password: passwordProblem(password),
    displayName: displayNameProblem(displayName),
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!problems.username && !problems.password && !problems.displayName) create.mutate()
  }
  const suffix = nextParam ? `?next=${encodeURIComponent(nextParam)}` : ''

  return (
    <AuthCard title="Create your account" subtitle="Your scores and history stay with you on any device.">
      <chakra.form display="flex" flexDirection="column" gap="4" onSubmit={submit} noValidate>
        <Field.Root invalid={touched && problems.username !== null} required>
          <Field.Label>Username</Field.Label>
          <Input
            size="lg"
            value={username}
            autoFocus
            autoComplete="username"
            onChange={(e) => setUsername(e.target.value)}
          />
          {touched && problems.username ? (
            <Field.ErrorText>{problems.username}</Field.ErrorText>
          ) : (
            <Field.HelperText>Letters, digits, dots, dashes or underscores.</Field.HelperText>
          )}
        </Field.Root>
        <Field.Root invalid={touched && problems.displayName !== null}>
          <Field.Label>Name on the leaderboard (optional)</Field.Label>
          <Input
            size="lg"
            value={displayName}
            autoComplete="nickname"
            onChange={(e) => setDisplayName(e.target.value)}
          />
          {touched && problems.displayName ? (
            <Field.ErrorText>{problems.displayName}</Field.ErrorText>
          ) : (
            <Field.HelperText>Leave it empty to use your username.</Field.HelperText>
          )}
        </Field.Root>
        <Field.Root invalid={touched && problems.password !== null} required>
          <Field.Label>Password</Field.Label>
          <PasswordInput value={password} autoComplete="new-password" onChange={setPassword} />
          {touched && problems.password ? (
            <Field.ErrorText>{problems.password}</Field.ErrorText>
          ) : (
            <Field.HelperText>At least 8 characters.</Field.HelperText>
          )}
        </Field.Root>
        <InlineError error={create.error} />
        <Button type="submit" size="xl" loading={create.isPending} loadingText="Creating…">
          Create account
        </Button>
      </chakra.form>
      <Text fontSize="sm" textAlign="center">
        Already have one?{' '}
        <Link asChild fontWeight="semibold" colorPalette="purple">
          <RouterLink to={`/signin${suffix}`}>Sign in</RouterLink>
        </Link>
      </Text>
    </AuthCard>
  )
}
