import { Container } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation } from 'react-router'
import { LuLock } from 'react-icons/lu'
import { useAuth } from '../auth/AuthProvider'
import type { User } from '../api/types'
import { isAdmin, isStaff } from '../lib/roles'
import { LinkButton } from './Links'
import { EmptyView, ErrorState, LoadingState } from './StateViews'

/**
 * Screens that need someone signed in send everyone else to the welcome screen, and back after.
 * Someone whose sign-in the server stopped taking (a disabled account, a new password) goes to the
 * sign-in screen instead, which says why.
 */
export function RequireUser({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const auth = useAuth()
  const location = useLocation()
  if (auth.status === 'loading') return <LoadingState label={t('auth.requireUser.signingIn')} />
  if (auth.status === 'error')
    return (
      <Container maxW="lg" py="10">
        <ErrorState error={auth.error} title={t('auth.requireUser.checkFailed')} onRetry={auth.retry} />
      </Container>
    )
  if (auth.status === 'signed-out') {
    const next = location.pathname + location.search
    const screen = auth.refusal ? '/signin' : '/welcome'
    return <Navigate to={`${screen}?next=${encodeURIComponent(next)}`} replace />
  }
  return <>{children}</>
}

/** Teacher screens (quizzes, sessions, results): signed in, and a teacher or an admin. */
export function RequireStaff({ children }: { children: ReactNode }) {
  return (
    <RequireUser>
      <OnlyFor allowed={isStaff} refusal={<ForLearnersView />}>
        {children}
      </OnlyFor>
    </RequireUser>
  )
}

/** Screens that run the school's installation (the teachers' accounts): signed in, and an admin. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  return (
    <RequireUser>
      <OnlyFor allowed={isAdmin} refusal={<ForAdminsView />}>
        {children}
      </OnlyFor>
    </RequireUser>
  )
}

function OnlyFor({
  allowed,
  refusal,
  children,
}: {
  allowed: (user: User) => boolean
  refusal: ReactNode
  children: ReactNode
}) {
  const auth = useAuth()
  if (auth.status === 'signed-in' && !allowed(auth.user))
    return (
      <Container maxW="lg" py="10">
        {refusal}
      </Container>
    )
  return <>{children}</>
}

function ForLearnersView() {
  const { t } = useTranslation()
  return (
    <EmptyView
      icon={<LuLock />}
      title={t('auth.requireUser.forTeachers.title')}
      description={t('auth.requireUser.forTeachers.description')}
    >
      <LinkButton to="/join">{t('auth.requireUser.forTeachers.join')}</LinkButton>
    </EmptyView>
  )
}

function ForAdminsView() {
  const { t } = useTranslation()
  return (
    <EmptyView
      icon={<LuLock />}
      title={t('auth.requireUser.forAdmins.title')}
      description={t('auth.requireUser.forAdmins.description')}
    >
      <LinkButton to="/admin">{t('auth.requireUser.forAdmins.back')}</LinkButton>
    </EmptyView>
  )
}
