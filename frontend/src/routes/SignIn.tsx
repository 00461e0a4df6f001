import { Alert, Text } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { useAuth } from '../auth/AuthProvider'
import { useSignInFlow } from '../auth/useSignInFlow'
import { AuthCard, AuthForm } from '../components/AuthCard'
import { FormField } from '../components/FormField'
import { TextLink } from '../components/Links'
import { PasswordInput } from '../components/PasswordInput'
import { UsernameInput } from '../components/UsernameInput'
import { useLogin } from '../hooks/queries/auth'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { homePath } from '../lib/roles'

export default function SignIn() {
  const { t } = useTranslation()
  useDocumentTitle(t('auth.signIn.documentTitle'))
  const flow = useSignInFlow()
  const auth = useAuth()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [touched, setTouched] = useState(false)
  // Teachers land on their quizzes, learners on the join screen, unless a link brought them here.
  const signIn = useLogin((token) => flow.enter(token, homePath(token.user)))

  if (flow.signedIn) return <Navigate to={flow.next()} replace />

  // Why the last sign-in stopped working, until the next try answers for itself.
  const refusal = auth.status === 'signed-out' && !signIn.error ? auth.refusal : null
  const usernameMissing = username.trim() === ''
  const passwordMissing = password === ''
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!usernameMissing && !passwordMissing) signIn.mutate({ username: username.trim(), password })
  }

  return (
    <AuthCard title={t('auth.signIn.title')} subtitle={t('auth.signIn.subtitle')}>
      {refusal && (
        <Alert.Root status="warning" borderRadius="lg">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>{t('auth.signIn.signedOut')}</Alert.Title>
            <Alert.Description>{refusal}</Alert.Description>
          </Alert.Content>
        </Alert.Root>
      )}
      <AuthForm
        onSubmit={submit}
        error={signIn.error}
        pending={signIn.isPending}
        submitLabel={t('auth.signIn.submit')}
        pendingLabel={t('auth.signIn.pending')}
        size="xl"
      >
        <FormField
          label={t('auth.fields.username')}
          error={touched && usernameMissing ? t('auth.signIn.usernameMissing') : null}
          required
        >
          <UsernameInput value={username} onChange={setUsername} />
        </FormField>
        <FormField
          label={t('auth.fields.password')}
          error={touched && passwordMissing ? t('auth.signIn.passwordMissing') : null}
          required
        >
          <PasswordInput value={password} autoComplete="current-password" onChange={setPassword} />
        </FormField>
      </AuthForm>
      <Text fontSize="sm" textAlign="center">
        <Trans
          i18nKey="auth.signIn.newHere"
          components={[
            <TextLink key="register" to={`/register${flow.nextQuery}`} />,
            <TextLink key="guest" to={`/welcome${flow.nextQuery}`} />,
          ]}
        />
      </Text>
    </AuthCard>
  )
}
