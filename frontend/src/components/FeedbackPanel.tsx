import { Box, Button, Flex, Heading, HStack, Text } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LuFlag } from 'react-icons/lu'
import { ResultBox } from './ResultBox'
import { ForwardArrow } from './Arrows'

/** The panel under an answered question: a headline in the result's colour, what it means, and
 * the button to the next question (or to the end). */
export function FeedbackPanel({
  palette,
  emoji,
  title,
  children,
  lastLabel,
  isLast,
  onNext,
  nextLoading,
  testId,
}: {
  palette: string
  emoji: string
  title: ReactNode
  children: ReactNode
  /** The button's words after the last question. */
  lastLabel: string
  isLast: boolean
  onNext: () => void
  nextLoading?: boolean
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <ResultBox palette={palette} testId={testId}>
      <Flex gap="4" align={{ base: 'stretch', sm: 'center' }} direction={{ base: 'column', sm: 'row' }}>
        <HStack gap="3" flex="1" align="start">
          <Text fontSize="4xl" lineHeight="1" aria-hidden>
            {emoji}
          </Text>
          <Box>
            <Heading as="h3" size="xl" color="colorPalette.fg">
              {title}
            </Heading>
            {children}
          </Box>
        </HStack>
        <Button size="xl" onClick={onNext} loading={nextLoading} autoFocus colorPalette="purple">
          {isLast ? (
            <>
              {lastLabel} <LuFlag />
            </>
          ) : (
            <>
              {t('play.feedback.next')} <ForwardArrow />
            </>
          )}
        </Button>
      </Flex>
    </ResultBox>
  )
}
