import { Card, Heading, Text } from '@chakra-ui/react'
import type { ReactNode, Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { QuizProgress } from './QuizProgress'

/**
 * A question as a player answers it (live, at their own pace, or in practice): where they are in
 * the quiz, the clock if any, the prompt as the heading, then the answers and what follows them.
 */
export function PlayerQuestionCard({
  index,
  total,
  points,
  prompt,
  promptId = 'question-prompt',
  promptRef,
  timer,
  keyTip,
  children,
}: {
  index: number
  total: number
  points?: number
  prompt: string
  promptId?: string
  /** Set when the prompt takes the focus as a new question comes (the button pressed is gone). */
  promptRef?: Ref<HTMLHeadingElement>
  timer?: ReactNode
  /** How many choices the number keys answer, for the tip under them; null when keys do nothing. */
  keyTip: number | null
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Card.Root bg="app.card" borderRadius="2xl" boxShadow="md" as="section" aria-labelledby={promptId}>
      <Card.Body gap="5" p={{ base: '4', md: '6' }}>
        <QuizProgress index={index} total={total} points={points} />
        {timer}
        <Heading
          dir="auto"
          as="h2"
          id={promptId}
          ref={promptRef}
          tabIndex={promptRef ? -1 : undefined}
          outline={promptRef ? 'none' : undefined}
          size={{ base: '2xl', md: '3xl' }}
          lineHeight="short"
          py="2"
        >
          {prompt}
        </Heading>
        {children}
        {keyTip !== null && (
          <Text fontSize="xs" color="fg.muted" hideBelow="md">
            {t('play.question.keyTip', { last: keyTip })}
          </Text>
        )}
      </Card.Body>
    </Card.Root>
  )
}
