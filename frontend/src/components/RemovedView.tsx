import { Center, EmptyState, Heading, VStack } from '@chakra-ui/react'
import { useEffect, useRef } from 'react'
import { LuUserX } from 'react-icons/lu'
import { LinkButton } from './Links'

export const REMOVED_TEXT = 'The teacher removed you from this session'

/** The whole screen once the teacher has removed this player: nothing here is theirs to play any more. */
export function RemovedView({ message = REMOVED_TEXT }: { message?: string }) {
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
              {message}
            </Heading>
            <EmptyState.Description fontSize="md">
              Your points and answers in this quiz were deleted. If that was a mistake, ask your teacher to let you back
              in, then join again.
            </EmptyState.Description>
          </VStack>
          <LinkButton to="/" size="lg">
            Back home
          </LinkButton>
        </EmptyState.Content>
      </EmptyState.Root>
    </Center>
  )
}
