import { Alert, type AlertRootProps } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** A quiz's questions are locked while one of its sessions is open; `children` say what that means here. */
export function SessionOpenAlert({ children, ...props }: { children: ReactNode } & AlertRootProps) {
  const { t } = useTranslation()
  return (
    <Alert.Root status="warning" borderRadius="lg" {...props}>
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{t('host.sessionOpenAlert.title')}</Alert.Title>
        <Alert.Description>{children}</Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
