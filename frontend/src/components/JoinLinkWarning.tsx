import { Alert, Code } from '@chakra-ui/react'

/** Shown to the teacher when the join link works on this computer only, with the two ways to fix it. */
export function JoinLinkWarning() {
  return (
    <Alert.Root status="warning" borderRadius="lg" data-testid="join-link-warning">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>Only this computer can open this link.</Alert.Title>
        <Alert.Description>
          For a class on the same Wi-Fi, restart with <Code>make run HOST=0.0.0.0</Code>, or set{' '}
          <Code>VOCABQUIZ_PUBLIC_URL</Code>.
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
