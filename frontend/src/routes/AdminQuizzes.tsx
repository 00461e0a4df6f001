import { Box, Button, Container, Dialog, Heading, HStack, Stack, Tabs, Text } from '@chakra-ui/react'
import { useState, type ReactNode } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { LuBookOpen, LuLibrary, LuPlus } from 'react-icons/lu'
import type { QuizScope } from '../api/types'
import { useUser } from '../auth/AuthProvider'
import { AppDialog } from '../components/AppDialog'
import { LinkButton } from '../components/Links'
import { QuizDetailsForm } from '../components/QuizDetailsForm'
import { QuizRow } from '../components/quizList/QuizRow'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useCreateQuiz, useQuizzes } from '../hooks/queries/quizzes'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { isAdmin } from '../lib/roles'

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

type Tab = { value: 'mine' | 'school' | 'all'; label: string; scope: QuizScope; hint: string; empty: ReactNode }

const MINE: Tab = {
  value: 'mine',
  label: 'My quizzes',
  scope: 'mine',
  hint: 'The quizzes you wrote or copied. Only you (and the admins) can change and run them.',
  empty: (
    <EmptyView
      icon={<LuBookOpen />}
      title="No quizzes of your own yet"
      description="Create one, or duplicate one from the School library."
    >
      <Stack direction={{ base: 'column', sm: 'row' }} gap="3">
        <NewQuizButton size="lg" />
        <LinkButton to="?tab=school" size="lg" variant="outline">
          <LuLibrary /> Open the School library
        </LinkButton>
      </Stack>
    </EmptyView>
  ),
}

const SCHOOL: Tab = {
  value: 'school',
  label: 'School library',
  scope: 'school',
  hint: 'Quizzes teachers share with the school. Duplicate one to change it or to run it with your class.',
  empty: (
    <EmptyView
      icon={<LuLibrary />}
      title="Nothing in the School library yet"
      description="When a teacher shares a quiz with the school, it shows here for everyone. Share one of yours from My quizzes."
    />
  ),
}

const ALL: Tab = {
  value: 'all',
  label: 'All quizzes',
  scope: 'visible',
  hint: "Every teacher's quizzes, shared or not. As an admin you can change any of them, or hand one over.",
  empty: (
    <EmptyView icon={<LuBookOpen />} title="No quizzes yet" description="No teacher has written a quiz yet.">
      <NewQuizButton size="lg" />
    </EmptyView>
  ),
}

function QuizList({ tab }: { tab: Tab }) {
  const list = useQuizzes(tab.scope)
  if (list.isPending) return <LoadingState label="Loading quizzes…" />
  if (list.isError)
    return <ErrorState error={list.error} title="The quizzes didn't load" onRetry={() => void list.refetch()} />
  if (list.quizzes.length === 0) return tab.empty
  return (
    <Stack gap="4">
      <Stack as="ul" gap="3" listStyleType="none" m="0" p="0" aria-label={tab.label}>
        {list.quizzes.map((quiz) => (
          <QuizRow key={quiz.id} quiz={quiz} />
        ))}
      </Stack>
      {list.hasNextPage && (
        <Button
          variant="outline"
          alignSelf="center"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          Show more
        </Button>
      )}
      {list.isFetchNextPageError && (
        <Text color="red.fg" textAlign="center" role="alert">
          The next quizzes didn't load. Press Show more to try again.
        </Text>
      )}
    </Stack>
  )
}

/** The quizzes a teacher works with: their own, the school's shared ones, and for an admin every quiz. */
export default function AdminQuizzes() {
  useDocumentTitle('Quizzes')
  const user = useUser()
  const [params, setParams] = useSearchParams()
  const tabs = isAdmin(user) ? [MINE, SCHOOL, ALL] : [MINE, SCHOOL]
  // The tab is in the address, so a reload or a shared link opens the same one.
  const tab = tabs.find((t) => t.value === params.get('tab')) ?? MINE

  return (
    <Container maxW="6xl" py={{ base: '6', md: '10' }}>
      <HStack justify="space-between" mb="6" wrap="wrap" gap="3">
        <Box>
          <Heading as="h1" size="2xl">
            Quizzes
          </Heading>
          <Text color="fg.muted">Write questions, open a session, and watch your class play live.</Text>
        </Box>
        <NewQuizButton />
      </HStack>
      <Tabs.Root
        value={tab.value}
        onValueChange={(e) => setParams(e.value === MINE.value ? {} : { tab: e.value }, { replace: true })}
        lazyMount
        unmountOnExit
        variant="line"
      >
        <Tabs.List mb="4" overflowX="auto">
          {tabs.map((t) => (
            <Tabs.Trigger key={t.value} value={t.value} flexShrink="0">
              {t.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {tabs.map((t) => (
          <Tabs.Content key={t.value} value={t.value} pt="0">
            <Text color="fg.muted" fontSize="sm" mb="4">
              {t.hint}
            </Text>
            <QuizList tab={t} />
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </Container>
  )
}
