import { Alert, type AlertRootProps } from '@chakra-ui/react'
import type { ReactNode } from 'react'

/** A quiz's questions are locked while one of its sessions is open; `children` say what that means here. */
export function SessionOpenAlert({ children, ...props }: { children: ReactNode } & AlertRootProps) {
  return (
    <Alert.Root status="warning" borderRadius="lg" {...props}>
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>A session of this quiz is open</Alert.Title>
        <Alert.Description>{children}</Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
