import { HStack, Text } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { LuTimerOff } from 'react-icons/lu'

/** The banner over the answers once the clock has run out; what it means comes as its words. */
export function TimeUpNotice({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <HStack
      colorPalette="orange"
      bg="colorPalette.subtle"
      color="colorPalette.fg"
      p="3"
      borderRadius="lg"
      fontWeight="semibold"
      data-testid={testId}
    >
      <LuTimerOff aria-hidden />
      <Text>{children}</Text>
    </HStack>
  )
}
