import type { Quiz, User } from '../api/types'

type Owned = Pick<Quiz, 'owner_id'>

/** Staff write quizzes and run sessions: the school's teachers, and the admins who run the installation. */
export function isStaff(user: User | null | undefined): boolean {
  return user?.role === 'admin' || user?.role === 'teacher'
}

/** Admins manage the teachers' accounts and may change every quiz. */
export function isAdmin(user: User | null | undefined): boolean {
  return user?.role === 'admin'
}

/** Whether `user` may change a quiz, share it and run it: its owner, or an admin. Others may only read a shared one. */
export function canChangeQuiz(user: User, quiz: Owned): boolean {
  return isAdmin(user) || quiz.owner_id === user.id
}

/** Where someone starts: staff at their quizzes, learners at the join screen. */
export function homePath(user: User): string {
  return isStaff(user) ? '/admin' : '/join'
}
