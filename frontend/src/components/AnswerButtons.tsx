import { Box, Button, SimpleGrid, Text } from '@chakra-ui/react'
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LuCheck, LuX } from 'react-icons/lu'
import { useFormat } from '../hooks/useFormat'

type Choice = { id: string; text: string }

// One colour per position, so "the orange one" means the same thing to everybody in the room.
// The 700 shades keep white text above WCAG AA contrast.
export const CHOICE_COLOURS = ['blue', 'orange', 'teal', 'pink', 'purple', 'cyan'] as const

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** The square at a choice's start: its number (the key that picks it), or a tick or cross once answered. */
function ChoiceMark({ children }: { children: ReactNode }) {
  return (
    <Box
      aria-hidden
      flexShrink="0"
      w="9"
      h="9"
      borderRadius="lg"
      bg="whiteAlpha.300"
      display="grid"
      placeItems="center"
      fontSize="lg"
      fontWeight="black"
    >
      {children}
    </Box>
  )
}

/** One choice, in its position's colour until the answer turns it green (right) or red (a wrong pick). */
function AnswerButton({
  choice,
  index,
  onAnswer,
  disabled,
  isPick,
  isCorrect,
  revealed,
  picked,
}: {
  choice: Choice
  index: number
  onAnswer: (choiceId: string) => void
  disabled: boolean
  isPick: boolean
  isCorrect: boolean
  /** The right answer is known. */
  revealed: boolean
  /** Some choice is picked (this one or another). */
  picked: boolean
}) {
  const { t } = useTranslation()
  const f = useFormat()
  const colour = CHOICE_COLOURS[index % CHOICE_COLOURS.length]
  const isWrongPick = revealed && isPick && !isCorrect
  const bg = isCorrect ? 'green.700' : isWrongPick ? 'red.700' : `${colour}.700`
  const faded = (revealed && !isCorrect && !isWrongPick) || (!revealed && picked && !isPick)
  // Dimmed, yet readable (over 3:1 for this large bold text): the other words are worth learning too.
  const opacity = faded ? 0.65 : 1
  return (
    <Button
      onClick={() => onAnswer(choice.id)}
      disabled={disabled}
      h="auto"
      minH={{ base: '16', md: '20' }}
      py="3"
      px="4"
      justifyContent="flex-start"
      textAlign="start"
      whiteSpace="normal"
      gap="3"
      borderRadius="xl"
      bg={bg}
      color="white"
      fontSize={{ base: 'lg', md: 'xl' }}
      fontWeight="bold"
      boxShadow={isPick || isCorrect ? 'lg' : 'sm'}
      opacity={opacity}
      _focusVisible={{ outline: '3px solid', outlineColor: 'fg', outlineOffset: '3px' }}
      transform={isPick && !revealed ? 'scale(0.98)' : undefined}
      transition="transform 0.1s, opacity 0.2s, background-color 0.2s"
      _hover={{ bg: disabled ? bg : `${colour}.800` }}
      _active={{ transform: 'scale(0.97)' }}
      _disabled={{ cursor: 'default', opacity }}
      data-testid="answer-button"
      aria-label={t(isCorrect ? 'play.answers.right' : isWrongPick ? 'play.answers.wrongPick' : 'play.answers.choice', {
        number: index + 1,
        text: choice.text,
      })}
    >
      <ChoiceMark>{isCorrect ? <LuCheck /> : isWrongPick ? <LuX /> : f.number(index + 1)}</ChoiceMark>
      <Text dir="auto" as="span" flex="1" lineHeight="short">
        {choice.text}
      </Text>
    </Button>
  )
}

/**
 * The choices of a question as big buttons, numbered so that keys 1–6 answer too. After the
 * answer, the right choice turns green and a wrong pick turns red.
 */
export function AnswerButtons({
  choices,
  onAnswer,
  disabled = false,
  chosenId = null,
  correctId = null,
}: {
  choices: Choice[]
  onAnswer: (choiceId: string) => void
  disabled?: boolean
  chosenId?: string | null
  correctId?: string | null
}) {
  useEffect(() => {
    if (disabled) return
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(event.target)) return
      const index = Number(event.key) - 1
      if (Number.isInteger(index) && index >= 0 && index < choices.length) {
        event.preventDefault()
        onAnswer(choices[index].id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [choices, onAnswer, disabled])

  const { t } = useTranslation()
  const revealed = correctId !== null
  return (
    <SimpleGrid columns={{ base: 1, sm: 2 }} gap="3" role="group" aria-label={t('play.answers.label')}>
      {choices.map((choice, index) => (
        <AnswerButton
          key={choice.id}
          choice={choice}
          index={index}
          onAnswer={onAnswer}
          disabled={disabled}
          isPick={choice.id === chosenId}
          isCorrect={revealed && choice.id === correctId}
          revealed={revealed}
          picked={chosenId !== null}
        />
      ))}
    </SimpleGrid>
  )
}
