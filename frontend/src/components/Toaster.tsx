import { Portal, Stack, Toast, Toaster as ChakraToaster, createToaster } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'

/** Short confirmations ("Question saved") that don't need the user's attention. */
export const toaster = createToaster({ placement: 'bottom', pauseOnPageIdle: true, max: 3 })

export function Toaster() {
  const { t } = useTranslation()
  return (
    <Portal>
      <ChakraToaster toaster={toaster} insetInline={{ mdDown: '4' }}>
        {(toast) => (
          <Toast.Root width={{ md: 'sm' }}>
            <Toast.Indicator />
            <Stack gap="1" flex="1" maxWidth="100%">
              {toast.title && <Toast.Title>{toast.title}</Toast.Title>}
              {toast.description && <Toast.Description>{toast.description}</Toast.Description>}
            </Stack>
            <Toast.CloseTrigger aria-label={t('common.toaster.dismiss')} />
          </Toast.Root>
        )}
      </ChakraToaster>
    </Portal>
  )
}
