import { Box, HStack, Text } from '@chakra-ui/react'

/** The wordmark: a purple tile with a "v" and the name; `compact` keeps only the tile on a phone. */
export function Logo({ size = 'md', compact = false }: { size?: 'md' | 'lg'; compact?: boolean }) {
  const tile = size === 'lg' ? '12' : '8'
  return (
    <HStack gap="2">
      <Box
        aria-hidden
        w={tile}
        h={tile}
        borderRadius="lg"
        bgGradient="to-br"
        gradientFrom="purple.500"
        gradientTo="pink.500"
        color="white"
        display="grid"
        placeItems="center"
        fontWeight="black"
        fontSize={size === 'lg' ? '2xl' : 'lg'}
      >
        v
      </Box>
      <Text
        as="span"
        fontWeight="extrabold"
        fontSize={size === 'lg' ? '2xl' : 'lg'}
        letterSpacing="tight"
        hideBelow={compact ? 'sm' : undefined}
      >
        vocab
        <Text as="span" color="purple.fg">
          quiz
        </Text>
      </Text>
    </HStack>
  )
}
