import { Center, EmptyState, Heading, VStack } from '@chakra-ui/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { LuUserX } from 'react-icons/lu'
import { LinkButton } from './Links'

/** The whole screen once the teacher has removed this player: nothing here is theirs to play any more. */
export function RemovedView({ message }: { message?: string }) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  // The screen they were on is gone: the news takes the focus and is read out.
  useEffect(() => heading.current?.focus(), [])
  return (
    <Center minH="70dvh" px="4" py="10" data-testid="removed-view">
      <EmptyState.Root maxW="lg" bg="app.card" borderRadius="3xl" boxShadow="lg" role="alert">
        <EmptyState.Content>
          <EmptyState.Indicator color="orange.fg">
            <LuUserX />
          </EmptyState.Indicator>
          <VStack textAlign="center" gap="3">
            <Heading as="h1" ref={heading} tabIndex={-1} outline="none" size="2xl">
              {message ?? t('play.removed.title')}
            </Heading>
            <EmptyState.Description fontSize="md">{t('play.removed.description')}</EmptyState.Description>
          </VStack>
          <LinkButton to="/" size="lg">
            {t('play.removed.home')}
          </LinkButton>
        </EmptyState.Content>
      </EmptyState.Root>
    </Center>
  )
}
