import { Box, Heading, HStack, VisuallyHidden } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../hooks/useFormat'

/** A question's number in a circle and its prompt as the heading of a card. */
export function NumberedHeading({ number, id, children }: { number: number; id: string; children: ReactNode }) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <HStack align="start" gap="3" minW="0">
      <Box
        flexShrink="0"
        w="8"
        h="8"
        borderRadius="full"
        bg="colorPalette.subtle"
        color="colorPalette.fg"
        fontWeight="bold"
        display="grid"
        placeItems="center"
        aria-hidden
      >
        {f.number(number)}
      </Box>
      <Heading as="h3" size="md" id={id} pt="1">
        <VisuallyHidden>{`${t('common.numberedHeading.question', { number })} `}</VisuallyHidden>
        {children}
      </Heading>
    </HStack>
  )
}
