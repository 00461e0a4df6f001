import { Card, Heading, Stack, Text, VStack } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LinkButton } from './Links'

/**
 * The card at the end of a quiz or a practice round: a big emoji, how it went, and where to go
 * next (`actions`, then the player's history).
 */
export function SummaryCard({
  emoji,
  title,
  subtitle,
  children,
  actions,
  testId,
}: {
  emoji: string
  title: string
  subtitle: ReactNode
  children?: ReactNode
  actions: ReactNode
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <Card.Root bg="app.card" borderRadius="2xl" boxShadow="lg" textAlign="center" data-testid={testId}>
      <Card.Body gap="5" py="10">
        <Text fontSize="6xl" lineHeight="1" aria-hidden>
          {emoji}
        </Text>
        <VStack gap="1">
          <Heading as="h2" size="3xl">
            {title}
          </Heading>
          {subtitle}
        </VStack>
        {children}
        <Stack direction={{ base: 'column', sm: 'row' }} justify="center" gap="3">
          {actions}
          <LinkButton to="/history" size="lg" variant="outline">
            {t('play.history.title')}
          </LinkButton>
        </Stack>
      </Card.Body>
    </Card.Root>
  )
}
