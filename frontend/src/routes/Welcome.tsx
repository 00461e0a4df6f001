import { Badge, HStack, Input, Separator, Stack, Text } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { useSignInFlow } from '../auth/useSignInFlow'
import { AuthCard, AuthForm } from '../components/AuthCard'
import { FormField } from '../components/FormField'
import { TextLink } from '../components/Links'
import { useGuest } from '../hooks/queries/auth'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { displayNameProblem } from '../lib/accountRules'
import { DISPLAY_NAME_MAX } from '../lib/displayName'
import { joinCodeInPath } from '../lib/nextPath'
import { ForwardArrow } from '../components/Arrows'

/** The other ways in, with an account, going on to the same place (`next`) afterwards. */
function AccountLinks({ next }: { next: string }) {
  const { t } = useTranslation()
  const withNext = (path: string) => `${path}?next=${encodeURIComponent(next)}`
  return (
    <>
      <HStack>
        <Separator flex="1" />
        <Text fontSize="sm" color="fg.muted" flexShrink="0">
          {t('auth.welcome.or')}
        </Text>
        <Separator flex="1" />
      </HStack>
      {/* One under the other: side by side they wrap mid-phrase in the narrow card. */}
      <Stack gap="3" align="center" textAlign="center">
        <TextLink to={withNext('/signin')}>{t('auth.welcome.signIn')}</TextLink>
        <TextLink to={withNext('/register')}>{t('auth.welcome.register')}</TextLink>
      </Stack>
      <Text fontSize="sm" color="fg.muted">
        {t('auth.welcome.whyAccount')}
      </Text>
    </>
  )
}

/** Play as a guest with just a name: the quickest way in for a learner. */
export default function Welcome() {
  const { t } = useTranslation()
  useDocumentTitle(t('auth.welcome.documentTitle'))
  const flow = useSignInFlow()
  const next = flow.next('/join')
  const code = joinCodeInPath(next)
  const [name, setName] = useState('')
  const [touched, setTouched] = useState(false)
  const start = useGuest((token) => flow.enter(token, '/join'))

  if (flow.signedIn) return <Navigate to={next} replace />

  const trimmed = name.trim()
  const problem = trimmed === '' ? t('auth.welcome.nameMissing') : displayNameProblem(trimmed, t)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!problem) start.mutate(trimmed)
  }

  return (
    <AuthCard
      title={t('auth.welcome.title')}
      subtitle={
        code ? (
          <Trans
            i18nKey="auth.welcome.joining"
            values={{ code }}
            components={[<Badge key="code" fontSize="md" fontFamily="mono" letterSpacing="widest" dir="ltr" />]}
          />
        ) : (
          t('auth.welcome.noAccount')
        )
      }
    >
      <AuthForm
        onSubmit={submit}
        error={start.error}
        pending={start.isPending}
        submitLabel={
          <>
            {t('auth.welcome.submit')} <ForwardArrow />
          </>
        }
        pendingLabel={t('auth.welcome.pending')}
        size="2xl"
      >
        <FormField label={t('auth.welcome.nameLabel')} error={touched ? problem : null} required>
          <Input
            size="2xl"
            fontSize="xl"
            value={name}
            autoFocus
            autoComplete="nickname"
            maxLength={DISPLAY_NAME_MAX + 10}
            placeholder={t('auth.welcome.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </FormField>
      </AuthForm>
      <AccountLinks next={next} />
    </AuthCard>
  )
}
