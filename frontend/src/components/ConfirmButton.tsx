import { Button, Dialog, Text, type ButtonProps } from '@chakra-ui/react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AppDialog } from './AppDialog'
import { InlineError } from './StateViews'

/** A button that asks before doing something that can't be undone. */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  onConfirm,
  pending,
  error,
  palette = 'red',
  ...buttonProps
}: {
  children: ReactNode
  title: string
  description: string
  confirmLabel: string
  onConfirm: () => Promise<unknown>
  pending?: boolean
  error?: unknown
  palette?: string
} & Omit<ButtonProps, 'onClick'>) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <AppDialog
      open={open}
      onOpenChange={(e) => setOpen(e.open)}
      role="alertdialog"
      trigger={<Button {...buttonProps}>{children}</Button>}
      title={title}
    >
      <Dialog.Body display="flex" flexDirection="column" gap="3">
        <Text>{description}</Text>
        <InlineError error={error} />
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.ActionTrigger asChild>
          <Button variant="outline">{t('common.actions.cancel')}</Button>
        </Dialog.ActionTrigger>
        <Button
          colorPalette={palette}
          loading={pending}
          onClick={() => {
            onConfirm().then(
              () => setOpen(false),
              () => undefined,
            )
          }}
        >
          {confirmLabel}
        </Button>
      </Dialog.Footer>
    </AppDialog>
  )
}
