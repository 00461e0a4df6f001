import { Button, Dialog, Input } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LuUserPlus } from 'react-icons/lu'
import { isApiError } from '../../api/errors'
import type { TeacherWithPassword } from '../../api/types'
import { useAddTeacher } from '../../hooks/queries/teachers'
import { displayNameProblem, passwordProblem, usernameProblem } from '../../lib/accountRules'
import { AppDialog } from '../AppDialog'
import { FormField } from '../FormField'
import { PasswordInput } from '../PasswordInput'
import { InlineError } from '../StateViews'
import { toaster } from '../Toaster'

const EMPTY = { username: '', displayName: '', password: '' }

/** The dialog that adds a teacher's account; a password left empty is made up by the server and shown once. */
export function AddTeacherButton({
  size = 'md',
  onPassword,
}: {
  size?: 'md' | 'lg'
  onPassword: (teacher: TeacherWithPassword) => void
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState(EMPTY)
  const [touched, setTouched] = useState(false)
  const add = useAddTeacher((teacher) => {
    setOpen(false)
    if (teacher.new_password) onPassword(teacher)
    else
      toaster.create({
        title: t('admin.addTeacher.added', { name: teacher.display_name }),
        description: t('admin.addTeacher.addedDescription'),
        type: 'success',
      })
  })
  const taken = isApiError(add.error, 409)
  const problems = {
    username: usernameProblem(form.username.trim()),
    displayName: displayNameProblem(form.displayName),
    password: form.password === '' ? null : passwordProblem(form.password),
  }
  const change = (patch: Partial<typeof EMPTY>) => {
    setForm((f) => ({ ...f, ...patch }))
    add.reset()
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (problems.username || problems.displayName || problems.password) return
    add.mutate({
      username: form.username.trim(),
      display_name: form.displayName.trim() || undefined,
      password: form.password || undefined,
    })
  }

  return (
    <AppDialog
      open={open}
      onOpenChange={(e) => {
        setOpen(e.open)
        if (e.open) {
          setForm(EMPTY)
          setTouched(false)
          add.reset()
        }
      }}
      trigger={
        <Button size={size}>
          <LuUserPlus /> {t('admin.addTeacher.button')}
        </Button>
      }
      title={t('admin.addTeacher.title')}
      onSubmit={submit}
    >
      <Dialog.Body display="flex" flexDirection="column" gap="4">
        <FormField
          label={t('admin.addTeacher.username')}
          error={taken ? t('admin.addTeacher.usernameTaken') : touched ? problems.username : null}
          help={t('admin.addTeacher.usernameHelp')}
          required
        >
          <Input
            size="lg"
            value={form.username}
            autoComplete="off"
            onChange={(e) => change({ username: e.target.value })}
          />
        </FormField>
        <FormField
          label={t('admin.addTeacher.name')}
          error={touched ? problems.displayName : null}
          help={t('admin.addTeacher.nameHelp')}
        >
          <Input
            size="lg"
            value={form.displayName}
            autoComplete="off"
            onChange={(e) => change({ displayName: e.target.value })}
          />
        </FormField>
        <FormField
          label={t('admin.addTeacher.password')}
          error={touched ? problems.password : null}
          help={t('admin.addTeacher.passwordHelp')}
        >
          <PasswordInput value={form.password} autoComplete="new-password" onChange={(v) => change({ password: v })} />
        </FormField>
        {!taken && <InlineError error={add.error} title={t('admin.addTeacher.failed')} />}
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.ActionTrigger asChild>
          <Button variant="outline">{t('common.actions.cancel')}</Button>
        </Dialog.ActionTrigger>
        <Button type="submit" loading={add.isPending}>
          {t('admin.addTeacher.button')}
        </Button>
      </Dialog.Footer>
    </AppDialog>
  )
}
