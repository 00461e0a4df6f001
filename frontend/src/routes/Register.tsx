import { Input, Text } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { useSignInFlow } from '../auth/useSignInFlow'
import { AuthCard, AuthForm } from '../components/AuthCard'
import { FormField } from '../components/FormField'
import { TextLink } from '../components/Links'
import { PasswordInput } from '../components/PasswordInput'
import { UsernameInput } from '../components/UsernameInput'
import { useRegister } from '../hooks/queries/auth'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { displayNameProblem, PASSWORD_MIN, passwordProblem, usernameProblem } from '../lib/accountRules'

export default function Register() {
  const { t } = useTranslation()
  useDocumentTitle(t('auth.register.documentTitle'))
  const flow = useSignInFlow()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [touched, setTouched] = useState(false)
  const create = useRegister((token) => flow.enter(token, '/join'))

  if (flow.signedIn) return <Navigate to={flow.next()} replace />

  const problems = {
    username: usernameProblem(username.trim(), t),
    password: passwordProblem(password, t),
    displayName: displayNameProblem(displayName, t),
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!problems.username && !problems.password && !problems.displayName)
      create.mutate({ username: username.trim(), password, display_name: displayName.trim() || undefined })
  }

  return (
    <AuthCard title={t('auth.register.title')} subtitle={t('auth.register.subtitle')}>
      <AuthForm
        onSubmit={submit}
        error={create.error}
        pending={create.isPending}
        submitLabel={t('auth.register.submit')}
        pendingLabel={t('auth.register.pending')}
        size="xl"
      >
        <FormField
          label={t('auth.fields.username')}
          error={touched ? problems.username : null}
          help={t('auth.register.usernameHelp')}
          required
        >
          <UsernameInput value={username} onChange={setUsername} />
        </FormField>
        <FormField
          label={t('auth.register.displayName')}
          error={touched ? problems.displayName : null}
          help={t('auth.register.displayNameHelp')}
        >
          <Input
            size="lg"
            value={displayName}
            autoComplete="nickname"
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </FormField>
        <FormField
          label={t('auth.fields.password')}
          error={touched ? problems.password : null}
          help={t('auth.register.passwordHelp', { count: PASSWORD_MIN })}
          required
        >
          <PasswordInput value={password} autoComplete="new-password" onChange={setPassword} />
        </FormField>
      </AuthForm>
      <Text fontSize="sm" textAlign="center">
        <Trans
          i18nKey="auth.register.haveOne"
          components={[<TextLink key="signIn" to={`/signin${flow.nextQuery}`} />]}
        />
      </Text>
    </AuthCard>
  )
}
