import { Alert, Box, Container, Heading, Stack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import type { Quiz } from '../../api/types'
import { DuplicateQuizButton } from '../DuplicateQuizButton'
import { BackLink } from '../Links'
import { QuestionCard } from '../QuestionCard'
import { EmptyView } from '../StateViews'
import { QuizTitle } from './QuizHeader'

/** Another teacher's quiz shared with the school: read it, and duplicate it to change or run it. */
export function SharedQuiz({ quiz }: { quiz: Quiz }) {
  const { t } = useTranslation()
  const owner = quiz.owner_name
  return (
    <Container maxW="4xl" py={{ base: '6', md: '8' }}>
      <BackLink to="/admin?tab=school">{t('admin.quizzes.tabs.school.label')}</BackLink>
      <Stack gap="5">
        <QuizTitle quiz={quiz} />
        <Alert.Root status="info" borderRadius="lg">
          <Alert.Indicator />
          <Alert.Content gap="1">
            <Alert.Title>{t('admin.sharedQuiz.readOnly')}</Alert.Title>
            <Alert.Description>
              {owner ? t('admin.sharedQuiz.sharedBy', { owner }) : t('admin.sharedQuiz.sharedByUnknown')}
            </Alert.Description>
            <DuplicateQuizButton quizId={quiz.id} size="sm" colorPalette="purple" alignSelf="start" mt="2">
              {t('admin.quizRow.duplicate')}
            </DuplicateQuizButton>
          </Alert.Content>
        </Alert.Root>
        <Heading as="h2" size="lg">
          {t('admin.questions.heading', { total: quiz.questions.length })}
        </Heading>
        {quiz.questions.length === 0 ? (
          <EmptyView
            title={t('admin.questions.emptyTitle')}
            description={owner ? t('admin.sharedQuiz.empty', { owner }) : t('admin.sharedQuiz.emptyUnknown')}
          />
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
