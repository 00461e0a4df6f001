import { Badge, Card, Flex, Heading, HStack, Link, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { Link as RouterLink } from 'react-router'
import { LuEye, LuPencil, LuShare2 } from 'react-icons/lu'
import type { QuizSummary } from '../../api/types'
import { useUser } from '../../auth/AuthProvider'
import { useFormat } from '../../hooks/useFormat'
import { canChangeQuiz, isAdmin } from '../../lib/roles'
import { DuplicateQuizButton } from '../DuplicateQuizButton'
import { LinkButton } from '../Links'
import { HandOverButton } from './HandOverButton'
import { ShareQuizButton } from './ShareQuizButton'

/** What may be done with a quiz: all of it on one's own (an admin: on any), read and copy on a colleague's. */
function QuizActions({ quiz }: { quiz: QuizSummary }) {
  const { t } = useTranslation()
  const user = useUser()
  const editor = `/admin/quizzes/${quiz.id}`
  if (!canChangeQuiz(user, quiz))
    return (
      <>
        <LinkButton to={editor} size="sm" variant="outline">
          <LuEye /> {t('admin.quizRow.view')}
        </LinkButton>
        <DuplicateQuizButton quizId={quiz.id} size="sm">
          {t('admin.quizRow.duplicateToMine')}
        </DuplicateQuizButton>
      </>
    )
  return (
    <>
      <LinkButton to={editor} size="sm">
        <LuPencil /> {t('admin.quizRow.edit')}
      </LinkButton>
      <ShareQuizButton quiz={quiz} />
      <DuplicateQuizButton quizId={quiz.id} size="sm" variant="outline">
        {t('admin.quizRow.duplicate')}
      </DuplicateQuizButton>
      {isAdmin(user) && <HandOverButton quiz={quiz} />}
    </>
  )
}

/** One quiz of a list: its title (to its screen), whose it is, how big, and what may be done with it. */
export function QuizRow({ quiz }: { quiz: QuizSummary }) {
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <Card.Root as="li" bg="app.card" borderRadius="xl" data-testid="quiz-row">
      <Card.Body p={{ base: '4', md: '5' }}>
        {/* Side by side only where the four buttons of an admin fit on one line beside the title. */}
        <Flex direction={{ base: 'column', lg: 'row' }} gap={{ base: '3', lg: '6' }} justify="space-between">
          <Stack gap="1.5" minW="0" flex="1">
            <Link asChild color="fg" _hover={{ color: 'colorPalette.fg' }}>
              <RouterLink to={`/admin/quizzes/${quiz.id}`}>
                <Heading as="h2" size="lg" lineClamp={2} overflowWrap="anywhere">
                  {quiz.title}
                </Heading>
              </RouterLink>
            </Link>
            {quiz.description && (
              <Text color="fg.muted" lineClamp={2} overflowWrap="anywhere">
                {quiz.description}
              </Text>
            )}
            <HStack gap="2" wrap="wrap" fontSize="sm">
              <Text color="fg.muted">
                {quiz.owner_name ? t('admin.quizRow.by', { name: quiz.owner_name }) : t('admin.quizRow.noOwner')}
              </Text>
              {quiz.shared && (
                <Badge variant="solid" colorPalette="teal" gap="1">
                  <LuShare2 aria-hidden /> {t('admin.quizRow.shared')}
                </Badge>
              )}
              <Badge variant="subtle" colorPalette={quiz.question_count > 0 ? 'purple' : 'orange'}>
                {t('admin.quizRow.questions', { count: quiz.question_count })}
              </Badge>
              <Badge variant="subtle" colorPalette="gray">
                {t('admin.quizRow.sessions', { count: quiz.session_count })}
              </Badge>
              <Text fontSize="xs" color="fg.muted">
                {f.dateTime(quiz.created_at)}
              </Text>
            </HStack>
          </Stack>
          <HStack gap="2" wrap={{ base: 'wrap', lg: 'nowrap' }} align="start" flexShrink="0">
            <QuizActions quiz={quiz} />
          </HStack>
        </Flex>
      </Card.Body>
    </Card.Root>
  )
}
