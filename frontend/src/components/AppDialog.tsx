import { CloseButton, Dialog, Portal } from '@chakra-ui/react'
import type { FormEvent, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A dialog as the app shows them: centred, its title on top and a close button in the corner.
 * `children` are its body and footer; with `onSubmit` the whole dialog is a form. Without a
 * `trigger` it opens only through `open`, e.g. to show what a finished action answered.
 */
export function AppDialog({
  trigger,
  title,
  children,
  onSubmit,
  ...rootProps
}: {
  trigger?: ReactNode
  title: ReactNode
  children: ReactNode
  onSubmit?: (event: FormEvent) => void
} & Omit<Dialog.RootProps, 'children'>) {
  const { t } = useTranslation()
  const frame = (
    <>
      <Dialog.Header>
        <Dialog.Title>{title}</Dialog.Title>
      </Dialog.Header>
      {children}
      <Dialog.CloseTrigger asChild>
        <CloseButton size="sm" aria-label={t('common.actions.close')} />
      </Dialog.CloseTrigger>
    </>
  )
  return (
    <Dialog.Root placement="center" {...rootProps}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner px="4">
          {onSubmit ? (
            <Dialog.Content borderRadius="2xl" asChild>
              <form onSubmit={onSubmit} noValidate>
                {frame}
              </form>
            </Dialog.Content>
          ) : (
            <Dialog.Content borderRadius="2xl">{frame}</Dialog.Content>
          )}
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  )
}
