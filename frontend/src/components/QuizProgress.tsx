import { Badge, Box, HStack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'

/** "Question 4 of 12", with a segmented bar that fills as the player goes. */
export function QuizProgress({ index, total, points }: { index: number; total: number; points?: number }) {
  const { t } = useTranslation()
  const current = Math.min(index + 1, total)
  return (
    <Box>
      <HStack justify="space-between" mb="2">
        <Text fontWeight="bold" color="fg.muted" aria-live="off">
          {t('play.progress.question', { current, total })}
        </Text>
        {points !== undefined && (
          <Badge colorPalette="yellow" variant="subtle" size="md">
            {t('play.progress.points', { count: points })}
          </Badge>
        )}
      </HStack>
      <HStack gap="1" aria-hidden>
        {Array.from({ length: total }, (_, i) => (
          <Box
            key={i}
            flex="1"
            h="1.5"
            borderRadius="full"
            bg={i < index ? 'purple.solid' : i === index ? 'purple.muted' : 'bg.emphasized'}
          />
        ))}
      </HStack>
    </Box>
  )
}
