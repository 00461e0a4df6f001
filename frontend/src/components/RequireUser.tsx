import { Container } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { LuLock } from 'react-icons/lu'
import { useAuth } from '../auth/AuthProvider'
import { LinkButton } from './Links'
import { EmptyView, ErrorState, LoadingState } from './StateViews'

/** Screens that need someone signed in send everyone else to the welcome screen, and back after. */
export function RequireUser({ children }: { children: ReactNode }) {
  const auth = useAuth()
  const location = useLocation()
  if (auth.status === 'loading') return <LoadingState label="Signing you in…" />
  if (auth.status === 'error')
    return (
      <Container maxW="lg" py="10">
        <ErrorState error={auth.error} title="We couldn't check who you are" onRetry={auth.retry} />
      </Container>
    )
  if (auth.status === 'signed-out') {
    const next = location.pathname + location.search
    return <Navigate to={`/welcome?next=${encodeURIComponent(next)}`} replace />
  }
  return <>{children}</>
}

/** Teacher screens: signed in, and an admin. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  return (
    <RequireUser>
      <AdminOnly>{children}</AdminOnly>
    </RequireUser>
  )
}

function AdminOnly({ children }: { children: ReactNode }) {
  const auth = useAuth()
  if (auth.status === 'signed-in' && auth.user.role !== 'admin') {
    return (
      <Container maxW="lg" py="10">
        <EmptyView
          icon={<LuLock />}
          title="This page is for teachers"
          description="Your account can play quizzes but not write them. Ask your teacher for a join code instead."
        >
          <LinkButton to="/join">Join a quiz</LinkButton>
        </EmptyView>
      </Container>
    )
  }
  return <>{children}</>
}
