import { Button, Dialog, NativeSelect, Text } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { LuArrowRightLeft } from 'react-icons/lu'
import type { QuizSummary } from '../../api/types'
import { useHandOverQuiz } from '../../hooks/queries/quizzes'
import { useTeachers } from '../../hooks/queries/teachers'
import { AppDialog } from '../AppDialog'
import { FormField } from '../FormField'
import { InlineError, LoadingState } from '../StateViews'
import { toaster } from '../Toaster'

/** An admin gives a quiz to another teacher, e.g. when its owner leaves the school. */
export function HandOverButton({ quiz }: { quiz: QuizSummary }) {
  const [open, setOpen] = useState(false)
  const [userId, setUserId] = useState('')
  const [touched, setTouched] = useState(false)
  const teachers = useTeachers(open)
  const handOver = useHandOverQuiz(quiz.id, (changed) => {
    setOpen(false)
    toaster.create({ title: `“${changed.title}” is now ${changed.owner_name ?? 'nobody'}'s`, type: 'success' })
  })
  // A disabled account cannot take a quiz (the server refuses it), nor can its owner take it again.
  const candidates = (teachers.data ?? []).filter((t) => !t.disabled && t.id !== quiz.owner_id)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (userId) handOver.mutate(userId)
  }

  return (
    <AppDialog
      open={open}
      onOpenChange={(e) => {
        setOpen(e.open)
        if (e.open) {
          setUserId('')
          setTouched(false)
          handOver.reset()
        }
      }}
      trigger={
        <Button size="sm" variant="outline">
          <LuArrowRightLeft /> Hand over…
        </Button>
      }
      title={`Hand over “${quiz.title}”`}
      onSubmit={submit}
    >
      <Dialog.Body display="flex" flexDirection="column" gap="4">
        <Text>
          The quiz becomes theirs to change and run. Its sessions so far stay with whoever opened them
          {quiz.owner_name ? `; ${quiz.owner_name} can no longer change it` : ''}.
        </Text>
        {teachers.isPending ? (
          <LoadingState label="Loading teachers…" />
        ) : teachers.isError ? (
          <InlineError error={teachers.error} title="The teachers didn't load" />
        ) : candidates.length === 0 ? (
          <Text color="fg.muted">There is no other active teacher to give it to. Add one on the Teachers screen.</Text>
        ) : (
          <FormField label="New owner" error={touched && !userId ? 'Choose a teacher.' : null} required>
            <NativeSelect.Root size="lg">
              <NativeSelect.Field
                placeholder="Choose a teacher"
                value={userId}
                onChange={(e) => setUserId(e.currentTarget.value)}
              >
                {candidates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.display_name} (@{t.username})
                  </option>
                ))}
              </NativeSelect.Field>
              <NativeSelect.Indicator />
            </NativeSelect.Root>
          </FormField>
        )}
        <InlineError error={handOver.error} title="Not handed over" />
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.ActionTrigger asChild>
          <Button variant="outline">Cancel</Button>
        </Dialog.ActionTrigger>
        <Button type="submit" loading={handOver.isPending} disabled={candidates.length === 0}>
          Hand over
        </Button>
      </Dialog.Footer>
    </AppDialog>
  )
}
