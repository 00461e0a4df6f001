import { Box, HStack, Stack, Text, VisuallyHidden } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuCheck } from 'react-icons/lu'
import type { LiveVote } from '../api/types'
import { useFormat } from '../hooks/useFormat'
import { CHOICE_COLOURS } from './AnswerButtons'

type Choice = { id: string; text: string }

/** A choice, marked when right, with how many picked it as a number and as a bar. */
function VoteBar({
  choice,
  index,
  count,
  most,
  correct,
  big,
}: {
  choice: Choice
  index: number
  count: number
  /** The most votes any choice got: its bar is full. */
  most: number
  correct: boolean
  big: boolean
}) {
  const { t } = useTranslation()
  const f = useFormat()
  const colour = correct ? 'green' : CHOICE_COLOURS[index % CHOICE_COLOURS.length]
  return (
    <Box
      as="li"
      borderRadius="xl"
      borderWidth={correct ? '3px' : '1px'}
      borderColor={correct ? 'green.solid' : 'border'}
      bg={correct ? 'green.subtle' : 'app.card'}
      px={big ? '5' : '3'}
      py={big ? '4' : '3'}
      data-testid="vote-bar"
      data-correct={correct || undefined}
    >
      <HStack gap="3" mb="2">
        <Box
          aria-hidden
          flexShrink="0"
          w={big ? '11' : '8'}
          h={big ? '11' : '8'}
          borderRadius="lg"
          bg={`${colour}.700`}
          color="white"
          display="grid"
          placeItems="center"
          fontWeight="black"
          fontSize={big ? '2xl' : 'md'}
        >
          {correct ? <LuCheck /> : f.number(index + 1)}
        </Box>
        <Text
          dir="auto"
          flex="1"
          fontSize={big ? '3xl' : 'lg'}
          fontWeight={correct ? 'black' : 'semibold'}
          lineHeight="short"
        >
          {choice.text}
          {correct && <VisuallyHidden> {t('host.rightAnswer')}</VisuallyHidden>}
        </Text>
        <Text fontSize={big ? '4xl' : 'xl'} fontWeight="black" fontVariantNumeric="tabular-nums">
          {f.number(count)}
          <VisuallyHidden> {t('host.voteBars.players', { count })}</VisuallyHidden>
        </Text>
      </HStack>
      <Box aria-hidden h={big ? '4' : '2.5'} bg="bg.emphasized" borderRadius="full" overflow="hidden">
        <Box
          h="full"
          w={`${(count / most) * 100}%`}
          bg={`${colour}.700`}
          borderRadius="full"
          transition="width 0.6s ease-out"
          _motionReduce={{ transition: 'none' }}
        />
      </Box>
    </Box>
  )
}

/** After a question: the right answer marked, and a bar per choice for how many picked it. */
export function VoteBars({
  choices,
  votes,
  correctId,
  size = 'md',
}: {
  choices: Choice[]
  votes: LiveVote[]
  correctId: string
  size?: 'md' | 'lg'
}) {
  const counts = new Map(votes.map((v) => [v.choice_id, v.count]))
  const most = Math.max(1, ...votes.map((v) => v.count))
  const big = size === 'lg'
  const { t } = useTranslation()
  return (
    <Stack as="ol" gap={big ? '4' : '3'} listStyleType="none" m="0" p="0" aria-label={t('host.voteBars.label')}>
      {choices.map((choice, index) => (
        <VoteBar
          key={choice.id}
          choice={choice}
          index={index}
          count={counts.get(choice.id) ?? 0}
          most={most}
          correct={choice.id === correctId}
          big={big}
        />
      ))}
    </Stack>
  )
}
