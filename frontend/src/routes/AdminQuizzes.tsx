import {
  Badge,
  Box,
  Button,
  Card,
  Container,
  Dialog,
  Heading,
  HStack,
  LinkBox,
  LinkOverlay,
  SimpleGrid,
  Text,
} from '@chakra-ui/react'
import { useState } from 'react'
import { Link as RouterLink, useNavigate } from 'react-router'
import { LuBookOpen, LuPlus } from 'react-icons/lu'
import type { QuizSummary } from '../api/types'
import { AppDialog } from '../components/AppDialog'
import { QuizDetailsForm } from '../components/QuizDetailsForm'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useCreateQuiz, useQuizzes } from '../hooks/queries/quizzes'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { formatDateTime } from '../lib/dates'
import { plural } from '../lib/plural'

function NewQuizButton({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const [open, setOpen] = useState(false)
  const navigate = useNavigate()
  const create = useCreateQuiz((quiz) => navigate(`/admin/quizzes/${quiz.id}`))
  return (
    <AppDialog
      open={open}
      onOpenChange={(e) => setOpen(e.open)}
      trigger={
        <Button size={size}>
          <LuPlus /> New quiz
        </Button>
      }
      title="New quiz"
    >
      <Dialog.Body pb="6">
        <QuizDetailsForm
          submitLabel="Create and add questions"
          onSubmit={(d) => create.mutate(d)}
          pending={create.isPending}
          error={create.error}
        />
      </Dialog.Body>
    </AppDialog>
  )
}

function QuizCard({ quiz }: { quiz: QuizSummary }) {
  return (
    <LinkBox as="li">
      <Card.Root
        bg="app.card"
        borderRadius="xl"
        h="full"
        _hover={{ borderColor: 'colorPalette.solid', boxShadow: 'md' }}
        transition="box-shadow 0.2s"
      >
        <Card.Body gap="2">
          <LinkOverlay asChild>
            <RouterLink to={`/admin/quizzes/${quiz.id}`}>
              <Heading as="h2" size="lg" lineClamp={2}>
                {quiz.title}
              </Heading>
            </RouterLink>
          </LinkOverlay>
          {quiz.description && (
            <Text color="fg.muted" lineClamp={2}>
              {quiz.description}
            </Text>
          )}
        </Card.Body>
        <Card.Footer justifyContent="space-between" flexWrap="wrap" gap="2">
          <HStack gap="2">
            <Badge variant="subtle" colorPalette={quiz.question_count > 0 ? 'purple' : 'orange'}>
              {plural(quiz.question_count, 'question')}
            </Badge>
            <Badge variant="subtle" colorPalette="gray">
              {plural(quiz.session_count, 'session')}
            </Badge>
          </HStack>
          <Text fontSize="xs" color="fg.muted">
            {formatDateTime(quiz.created_at)}
          </Text>
        </Card.Footer>
      </Card.Root>
    </LinkBox>
  )
}

export default function AdminQuizzes() {
  useDocumentTitle('Quizzes')
  const quizzes = useQuizzes()

  return (
    <Container maxW="6xl" py={{ base: '6', md: '10' }}>
      <HStack justify="space-between" mb="6" wrap="wrap" gap="3">
        <Box>
          <Heading as="h1" size="2xl">
            Your quizzes
          </Heading>
          <Text color="fg.muted">Write questions, open a session, and watch your class play live.</Text>
        </Box>
        <NewQuizButton />
      </HStack>
      {quizzes.isPending ? (
        <LoadingState label="Loading quizzes…" />
      ) : quizzes.isError ? (
        <ErrorState error={quizzes.error} title="Your quizzes didn't load" onRetry={() => void quizzes.refetch()} />
      ) : quizzes.data.length === 0 ? (
        <EmptyView
          icon={<LuBookOpen />}
          title="No quizzes yet"
          description="Create your first quiz: a title, then a few questions."
        >
          <NewQuizButton size="lg" />
        </EmptyView>
      ) : (
        <SimpleGrid as="ul" columns={{ base: 1, md: 2, lg: 3 }} gap="4" listStyleType="none" m="0" p="0">
          {quizzes.data.map((quiz) => (
            <QuizCard key={quiz.id} quiz={quiz} />
          ))}
        </SimpleGrid>
      )}
    </Container>
  )
}
