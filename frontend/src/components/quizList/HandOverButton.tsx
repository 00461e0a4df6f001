import { Button, Dialog, NativeSelect, Text } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [userId, setUserId] = useState('')
  const [touched, setTouched] = useState(false)
  const teachers = useTeachers(open)
  const handOver = useHandOverQuiz(quiz.id, (changed) => {
    setOpen(false)
    toaster.create({
      title: changed.owner_name
        ? t('admin.handOver.done', { title: changed.title, owner: changed.owner_name })
        : t('admin.handOver.doneNoOwner', { title: changed.title }),
      type: 'success',
    })
  })
  // A disabled account cannot take a quiz (the server refuses it), nor can its owner take it again.
  const candidates = (teachers.data ?? []).filter((c) => !c.disabled && c.id !== quiz.owner_id)

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
          <LuArrowRightLeft /> {t('admin.handOver.button')}
        </Button>
      }
      title={t('admin.handOver.title', { title: quiz.title })}
      onSubmit={submit}
    >
      <Dialog.Body display="flex" flexDirection="column" gap="4">
        <Text>
          {quiz.owner_name ? t('admin.handOver.explainOwner', { owner: quiz.owner_name }) : t('admin.handOver.explain')}
        </Text>
        {teachers.isPending ? (
          <LoadingState label={t('admin.teachers.loading')} />
        ) : teachers.isError ? (
          <InlineError error={teachers.error} title={t('admin.teachers.loadFailed')} />
        ) : candidates.length === 0 ? (
          <Text color="fg.muted">{t('admin.handOver.noCandidates')}</Text>
        ) : (
          <FormField
            label={t('admin.handOver.newOwner')}
            error={touched && !userId ? t('admin.handOver.chooseProblem') : null}
            required
          >
            <NativeSelect.Root size="lg">
              <NativeSelect.Field
                placeholder={t('admin.handOver.choose')}
                value={userId}
                onChange={(e) => setUserId(e.currentTarget.value)}
              >
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t('admin.handOver.candidate', { name: c.display_name, username: c.username })}
                  </option>
                ))}
              </NativeSelect.Field>
              <NativeSelect.Indicator />
            </NativeSelect.Root>
          </FormField>
        )}
        <InlineError error={handOver.error} title={t('admin.handOver.failed')} />
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.ActionTrigger asChild>
          <Button variant="outline">{t('common.actions.cancel')}</Button>
        </Dialog.ActionTrigger>
        <Button type="submit" loading={handOver.isPending} disabled={candidates.length === 0}>
          {t('admin.handOver.submit')}
        </Button>
      </Dialog.Footer>
    </AppDialog>
  )
}
