import { Navigate } from 'react-router'
import { useUser } from '../auth/AuthProvider'
import { homePath } from '../lib/roles'

/** Teachers start at their quizzes, learners at the join screen. */
export default function Home() {
  const user = useUser()
  return <Navigate to={homePath(user)} replace />
}
