import { Button, Dialog, Field, IconButton, Input } from '@chakra-ui/react'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LuPencil } from 'react-icons/lu'
import { usePlayerModeration, type ListedPlayer } from '../hooks/queries/players'
import { DISPLAY_NAME_MAX } from '../lib/displayName'
import { AppDialog } from './AppDialog'
import { InlineError } from './StateViews'

/** The dialog to give a player another name, the current one filled in. */
export function RenamePlayerButton({ code, player, size }: { code: string; player: ListedPlayer; size: 'xs' | 'sm' }) {
  const { t } = useTranslation()
  const { rename } = usePlayerModeration(code)
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(player.display_name)
  const field = useRef<HTMLInputElement>(null)
  const trimmed = name.trim()
  const invalid = trimmed === '' || trimmed.length > DISPLAY_NAME_MAX

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (invalid) return
    if (trimmed === player.display_name) return setOpen(false)
    rename.mutate({ participantId: player.participant_id, name: trimmed }, { onSuccess: () => setOpen(false) })
  }

  return (
    <AppDialog
      open={open}
      onOpenChange={(e) => {
        setOpen(e.open)
        if (e.open) {
          setName(player.display_name)
          rename.reset()
        }
      }}
      initialFocusEl={() => field.current}
      trigger={
        <IconButton
          aria-label={t('host.rename.label', { name: player.display_name })}
          title={t('host.rename.tooltip')}
          size={size}
          variant="ghost"
        >
          <LuPencil />
        </IconButton>
      }
      title={t('host.rename.label', { name: player.display_name })}
      onSubmit={submit}
    >
      <Dialog.Body display="flex" flexDirection="column" gap="3">
        <Field.Root invalid={invalid}>
          <Field.Label>{t('host.rename.field')}</Field.Label>
          <Input
            ref={field}
            value={name}
            onChange={(e) => {
              setName(e.target.value)
              rename.reset()
            }}
            maxLength={DISPLAY_NAME_MAX}
            autoComplete="off"
            onFocus={(e) => e.target.select()}
          />
          <Field.ErrorText>
            {trimmed === '' ? t('host.rename.empty') : t('host.rename.tooLong', { count: DISPLAY_NAME_MAX })}
          </Field.ErrorText>
        </Field.Root>
        <InlineError error={rename.error} title={t('host.rename.failed')} />
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.ActionTrigger asChild>
          <Button variant="outline">{t('common.actions.cancel')}</Button>
        </Dialog.ActionTrigger>
        <Button type="submit" loading={rename.isPending} disabled={trimmed === ''}>
          {t('host.rename.save')}
        </Button>
      </Dialog.Footer>
    </AppDialog>
  )
}
