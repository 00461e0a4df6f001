import { Navigate } from 'react-router'
import { useUser } from '../auth/AuthProvider'

/** Teachers start at their quizzes, learners at the join screen. */
export default function Home() {
  const user = useUser()
  return <Navigate to={user.role === 'admin' ? '/admin' : '/join'} replace />
}
