import { Alert, Box, Container, Heading, Stack } from '@chakra-ui/react'
import type { Quiz } from '../../api/types'
import { DuplicateQuizButton } from '../DuplicateQuizButton'
import { BackLink } from '../Links'
import { QuestionCard } from '../QuestionCard'
import { EmptyView } from '../StateViews'
import { QuizTitle } from './QuizHeader'

/** Another teacher's quiz shared with the school: read it, and duplicate it to change or run it. */
export function SharedQuiz({ quiz }: { quiz: Quiz }) {
  const owner = quiz.owner_name ?? 'another teacher'
  return (
    <Container maxW="4xl" py={{ base: '6', md: '8' }}>
      <BackLink to="/admin?tab=school">School library</BackLink>
      <Stack gap="5">
        <QuizTitle quiz={quiz} />
        <Alert.Root status="info" borderRadius="lg">
          <Alert.Indicator />
          <Alert.Content gap="1">
            <Alert.Title>Read only</Alert.Title>
            <Alert.Description>
              This quiz is shared by {owner}. Duplicate it to change it or to run it with your class.
            </Alert.Description>
            <DuplicateQuizButton quizId={quiz.id} size="sm" colorPalette="purple" alignSelf="start" mt="2">
              Duplicate
            </DuplicateQuizButton>
          </Alert.Content>
        </Alert.Root>
        <Heading as="h2" size="lg">
          Questions ({quiz.questions.length})
        </Heading>
        {quiz.questions.length === 0 ? (
          <EmptyView title="No questions yet" description={`${owner} has not added any questions to it so far.`} />
        ) : (
          <Stack as="ol" gap="3" listStyleType="none" m="0" p="0">
            {quiz.questions.map((question, index) => (
              <Box as="li" key={question.id}>
                <QuestionCard question={question} number={index + 1} />
              </Box>
            ))}
          </Stack>
        )}
      </Stack>
    </Container>
  )
}
