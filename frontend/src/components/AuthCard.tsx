import { Button, Card, Container, Heading, Text, VStack, chakra, type ButtonProps } from '@chakra-ui/react'
import type { FormEvent, ReactNode } from 'react'
import { InlineError } from './StateViews'

/** The frame of the welcome, sign-in and register screens. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Container maxW="md" py={{ base: '6', md: '12' }}>
      <VStack gap="6" align="stretch">
        <Card.Root bg="app.card" borderRadius="2xl" boxShadow="lg">
          <Card.Body gap="5" p={{ base: '5', md: '8' }}>
            <VStack gap="1" align="start">
              <Heading as="h1" size="2xl">
                {title}
              </Heading>
              {subtitle && <Text color="fg.muted">{subtitle}</Text>}
            </VStack>
            {children}
          </Card.Body>
        </Card.Root>
      </VStack>
    </Container>
  )
}

/** The form of those screens: its fields, what the server refused, and the button that sends it. */
export function AuthForm({
  onSubmit,
  error,
  pending,
  submitLabel,
  pendingLabel,
  size,
  children,
}: {
  onSubmit: (event: FormEvent) => void
  error: unknown
  pending: boolean
  submitLabel: ReactNode
  pendingLabel: string
  size: ButtonProps['size']
  children: ReactNode
}) {
  return (
    <chakra.form display="flex" flexDirection="column" gap="4" onSubmit={onSubmit} noValidate>
      {children}
      <InlineError error={error} />
      <Button type="submit" size={size} loading={pending} loadingText={pendingLabel}>
        {submitLabel}
      </Button>
    </chakra.form>
  )
}
