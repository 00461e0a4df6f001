import { Box } from '@chakra-ui/react'
import type { ReactNode } from 'react'

/** The box around a player's result, in the result's colour (right, wrong or too late). */
export function ResultBox({ palette, testId, children }: { palette: string; testId: string; children: ReactNode }) {
  return (
    <Box
      colorPalette={palette}
      bg="colorPalette.subtle"
      borderWidth="2px"
      borderColor="colorPalette.solid"
      borderRadius="2xl"
      p={{ base: '4', md: '5' }}
      data-testid={testId}
    >
      {children}
    </Box>
  )
}
