import { Button, Field, Input, Link, Text, chakra } from '@chakra-ui/react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Navigate, Link as RouterLink, useNavigate, useSearchParams } from 'react-router'
import { unwrap } from '../api/client'
import { login } from '../client'
import { useAuth } from '../auth/AuthProvider'
import { AuthCard } from '../components/AuthCard'
import { PasswordInput } from '../components/PasswordInput'
import { InlineError } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { safeNextPath } from '../lib/nextPath'

export default function SignIn() {
  useDocumentTitle('Sign in')
  const auth = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const nextParam = params.get('next')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [touched, setTouched] = useState(false)

  const signIn = useMutation({
    mutationFn: () => unwrap(login({ body: { username: username.trim(), password } })),
    onSuccess: (token) => {
      auth.signIn(token)
      // Teachers land on their quizzes, learners on the join screen, unless a link brought them here.
      navigate(safeNextPath(nextParam, token.user.role === 'admin' ? '/admin' : '/join'), { replace: true })
    },
  })

  if (auth.status === 'signed-in') return <Navigate to={safeNextPath(nextParam)} replace />

  const usernameMissing = username.trim() === ''
  const passwordMissing = password === ''
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!usernameMissing && !passwordMissing) signIn.mutate()
  }
  const suffix = nextParam ? `?next=${encodeURIComponent(nextParam)}` : ''

  return (
    <AuthCard title="Welcome back" subtitle="Sign in to keep your scores, or to run your quizzes.">
      <chakra.form display="flex" flexDirection="column" gap="4" onSubmit={submit} noValidate>
        <Field.Root invalid={touched && usernameMissing} required>
          <Field.Label>Username</Field.Label>
          <Input
            size="lg"
            value={username}
            autoFocus
            autoComplete="username"
            onChange={(e) => setUsername(e.target.value)}
          />
          <Field.ErrorText>Type your username.</Field.ErrorText>
        </Field.Root>
        <Field.Root invalid={touched && passwordMissing} required>
          <Field.Label>Password</Field.Label>
          <PasswordInput value={password} autoComplete="current-password" onChange={setPassword} />
          <Field.ErrorText>Type your password.</Field.ErrorText>
        </Field.Root>
        <InlineError error={signIn.error} />
        <Button type="submit" size="xl" loading={signIn.isPending} loadingText="Signing in…">
          Sign in
        </Button>
      </chakra.form>
      <Text fontSize="sm" textAlign="center">
        New here?{' '}
        <Link asChild fontWeight="semibold" colorPalette="purple">
          <RouterLink to={`/register${suffix}`}>Create an account</RouterLink>
        </Link>{' '}
        or{' '}
        <Link asChild fontWeight="semibold" colorPalette="purple">
          <RouterLink to={`/welcome${suffix}`}>play as a guest</RouterLink>
        </Link>
      </Text>
    </AuthCard>
  )
}
