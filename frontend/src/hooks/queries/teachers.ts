import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { unwrap } from '../../api/client'
import type { Teacher, TeacherWithPassword } from '../../api/types'
import { changeTeacher, createTeacher, listTeachers, resetPassword, type CreateTeacherData } from '../../client'

export const teacherKeys = {
  /** The school's teachers, by name, with how many quizzes each owns. */
  all: ['teachers'] as const,
}

/** The teachers' accounts, for an admin; `enabled` waits until the list is needed (e.g. a dialog opens). */
export function useTeachers(enabled = true) {
  return useQuery({ queryKey: teacherKeys.all, queryFn: () => unwrap(listTeachers()), enabled })
}

/** A new teacher's account; without a password the server makes one up and answers it this once. */
export function useAddTeacher(onAdded: (teacher: TeacherWithPassword) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateTeacherData['body']) => unwrap(createTeacher({ body })),
    onSuccess: (teacher) => {
      void queryClient.invalidateQueries({ queryKey: teacherKeys.all })
      onAdded(teacher)
    },
  })
}

/** A made-up new password for a teacher: their old one and every sign-in stop working. */
export function useResetTeacherPassword(teacher: Teacher, onReset: (teacher: TeacherWithPassword) => void) {
  return useMutation({
    mutationFn: () => unwrap(resetPassword({ path: { user_id: teacher.id }, body: {} })),
    onSuccess: onReset,
  })
}

/** Disables a teacher's account (signed out at once, no sign-in) or enables it again. */
export function useSetTeacherDisabled(teacher: Teacher, onChanged: (teacher: Teacher) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (disabled: boolean) => unwrap(changeTeacher({ path: { user_id: teacher.id }, body: { disabled } })),
    onSuccess: (changed) => {
      void queryClient.invalidateQueries({ queryKey: teacherKeys.all })
      onChanged(changed)
    },
  })
}
