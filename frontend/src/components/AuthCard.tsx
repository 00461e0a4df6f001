import { Card, Container, Heading, Text, VStack } from '@chakra-ui/react'
import type { ReactNode } from 'react'

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
