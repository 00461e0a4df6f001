import { Input, Text } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { Navigate } from 'react-router'
import { useSignInFlow } from '../auth/useSignInFlow'
import { AuthCard, AuthForm } from '../components/AuthCard'
import { FormField } from '../components/FormField'
import { TextLink } from '../components/Links'
import { PasswordInput } from '../components/PasswordInput'
import { UsernameInput } from '../components/UsernameInput'
import { useRegister } from '../hooks/queries/auth'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { displayNameProblem, passwordProblem, usernameProblem } from '../lib/accountRules'

export default function Register() {
  useDocumentTitle('Create an account')
  const flow = useSignInFlow()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [touched, setTouched] = useState(false)
  const create = useRegister((token) => flow.enter(token, '/join'))

  if (flow.signedIn) return <Navigate to={flow.next()} replace />

  const problems = {
    username: usernameProblem(username.trim()),
    password: passwordProblem(password),
    displayName: displayNameProblem(displayName),
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!problems.username && !problems.password && !problems.displayName)
      create.mutate({ username: username.trim(), password, display_name: displayName.trim() || undefined })
  }

  return (
    <AuthCard title="Create your account" subtitle="Your scores and history stay with you on any device.">
      <AuthForm
        onSubmit={submit}
        error={create.error}
        pending={create.isPending}
        submitLabel="Create account"
        pendingLabel="Creating…"
        size="xl"
      >
        <FormField
          label="Username"
          error={touched ? problems.username : null}
          help="Letters, digits, dots, dashes or underscores."
          required
        >
          <UsernameInput value={username} onChange={setUsername} />
        </FormField>
        <FormField
          label="Name on the leaderboard (optional)"
          error={touched ? problems.displayName : null}
          help="Leave it empty to use your username."
        >
          <Input
            size="lg"
            value={displayName}
            autoComplete="nickname"
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </FormField>
        <FormField label="Password" error={touched ? problems.password : null} help="At least 8 characters." required>
          <PasswordInput value={password} autoComplete="new-password" onChange={setPassword} />
        </FormField>
      </AuthForm>
      <Text fontSize="sm" textAlign="center">
        Already have one? <TextLink to={`/signin${flow.nextQuery}`}>Sign in</TextLink>
      </Text>
    </AuthCard>
  )
}
