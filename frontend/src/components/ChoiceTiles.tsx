import { Box, HStack, SimpleGrid, Text } from '@chakra-ui/react'
import { useFormat } from '../hooks/useFormat'
import { CHOICE_COLOURS } from './AnswerButtons'

type Choice = { id: string; text: string }

/** A question's choices for the room to read while it answers: numbered and coloured, not buttons. */
export function ChoiceTiles({ choices }: { choices: Choice[] }) {
  const f = useFormat()
  return (
    <SimpleGrid as="ol" columns={{ base: 1, md: 2 }} gap={{ base: '3', lg: '4' }} listStyleType="none" m="0" p="0">
      {choices.map((choice, index) => (
        <HStack
          as="li"
          key={choice.id}
          gap="4"
          px={{ base: '4', lg: '6' }}
          py={{ base: '3', lg: '5' }}
          minH={{ base: '16', lg: '24' }}
          borderRadius="2xl"
          // The 700 shades keep white text above WCAG AA contrast in both colour modes.
          bg={`${CHOICE_COLOURS[index % CHOICE_COLOURS.length]}.700`}
          color="white"
          boxShadow="sm"
          data-testid="choice-tile"
        >
          <Box
            aria-hidden
            flexShrink="0"
            w={{ base: '10', lg: '14' }}
            h={{ base: '10', lg: '14' }}
            borderRadius="xl"
            bg="whiteAlpha.300"
            display="grid"
            placeItems="center"
            fontSize={{ base: 'xl', lg: '3xl' }}
            fontWeight="black"
          >
            {f.number(index + 1)}
          </Box>
          <Text dir="auto" fontSize={{ base: 'xl', lg: '3xl', '2xl': '4xl' }} fontWeight="bold" lineHeight="short">
            {choice.text}
          </Text>
        </HStack>
      ))}
    </SimpleGrid>
  )
}
