import { Box, Button, Container, Dialog, Heading, HStack, Stack, Tabs, Text } from '@chakra-ui/react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const navigate = useNavigate()
  const create = useCreateQuiz((quiz) => navigate(`/admin/quizzes/${quiz.id}`))
  return (
    <AppDialog
      open={open}
      onOpenChange={(e) => setOpen(e.open)}
      trigger={
        <Button size={size}>
          <LuPlus /> {t('admin.quizzes.newQuiz')}
        </Button>
      }
      title={t('admin.quizzes.newQuiz')}
    >
      <Dialog.Body pb="6">
        <QuizDetailsForm
          submitLabel={t('admin.quizzes.createAndAdd')}
          onSubmit={(d) => create.mutate(d)}
          pending={create.isPending}
          error={create.error}
        />
      </Dialog.Body>
    </AppDialog>
  )
}

type TabValue = 'mine' | 'school' | 'all'

const SCOPES: Record<TabValue, QuizScope> = { mine: 'mine', school: 'school', all: 'visible' }

function MineEmpty() {
  const { t } = useTranslation()
  return (
    <EmptyView
      icon={<LuBookOpen />}
      title={t('admin.quizzes.tabs.mine.emptyTitle')}
      description={t('admin.quizzes.tabs.mine.emptyDescription')}
    >
      <Stack direction={{ base: 'column', sm: 'row' }} gap="3">
        <NewQuizButton size="lg" />
        <LinkButton to="?tab=school" size="lg" variant="outline">
          <LuLibrary /> {t('admin.quizzes.tabs.mine.openSchool')}
        </LinkButton>
      </Stack>
    </EmptyView>
  )
}

function SchoolEmpty() {
  const { t } = useTranslation()
  return (
    <EmptyView
      icon={<LuLibrary />}
      title={t('admin.quizzes.tabs.school.emptyTitle')}
      description={t('admin.quizzes.tabs.school.emptyDescription')}
    />
  )
}

function AllEmpty() {
  const { t } = useTranslation()
  return (
    <EmptyView
      icon={<LuBookOpen />}
      title={t('admin.quizzes.tabs.all.emptyTitle')}
      description={t('admin.quizzes.tabs.all.emptyDescription')}
    >
      <NewQuizButton size="lg" />
    </EmptyView>
  )
}

const EMPTY: Record<TabValue, () => ReactNode> = { mine: MineEmpty, school: SchoolEmpty, all: AllEmpty }

function useTabText() {
  const { t } = useTranslation()
  return {
    mine: { label: t('admin.quizzes.tabs.mine.label'), hint: t('admin.quizzes.tabs.mine.hint') },
    school: { label: t('admin.quizzes.tabs.school.label'), hint: t('admin.quizzes.tabs.school.hint') },
    all: { label: t('admin.quizzes.tabs.all.label'), hint: t('admin.quizzes.tabs.all.hint') },
  } satisfies Record<TabValue, { label: string; hint: string }>
}

function QuizList({ tab, label }: { tab: TabValue; label: string }) {
  const { t } = useTranslation()
  const list = useQuizzes(SCOPES[tab])
  if (list.isPending) return <LoadingState label={t('admin.quizzes.loading')} />
  if (list.isError)
    return <ErrorState error={list.error} title={t('admin.quizzes.loadFailed')} onRetry={() => void list.refetch()} />
  if (list.quizzes.length === 0) {
    const Empty = EMPTY[tab]
    return <Empty />
  }
  return (
    <Stack gap="4">
      <Stack as="ul" gap="3" listStyleType="none" m="0" p="0" aria-label={label}>
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
          {t('admin.quizzes.showMore')}
        </Button>
      )}
      {list.isFetchNextPageError && (
        <Text color="red.fg" textAlign="center" role="alert">
          {t('admin.quizzes.nextPageFailed')}
        </Text>
      )}
    </Stack>
  )
}

/** The quizzes a teacher works with: their own, the school's shared ones, and for an admin every quiz. */
export default function AdminQuizzes() {
  const { t } = useTranslation()
  useDocumentTitle(t('admin.quizzes.title'))
  const user = useUser()
  const [params, setParams] = useSearchParams()
  const text = useTabText()
  const tabs: TabValue[] = isAdmin(user) ? ['mine', 'school', 'all'] : ['mine', 'school']
  // The tab is in the address, so a reload or a shared link opens the same one.
  const tab = tabs.find((value) => value === params.get('tab')) ?? 'mine'

  return (
    <Container maxW="6xl" py={{ base: '6', md: '10' }}>
      <HStack justify="space-between" mb="6" wrap="wrap" gap="3">
        <Box>
          <Heading as="h1" size="2xl">
            {t('admin.quizzes.title')}
          </Heading>
          <Text color="fg.muted">{t('admin.quizzes.intro')}</Text>
        </Box>
        <NewQuizButton />
      </HStack>
      <Tabs.Root
        value={tab}
        onValueChange={(e) => setParams(e.value === 'mine' ? {} : { tab: e.value }, { replace: true })}
        lazyMount
        unmountOnExit
        variant="line"
      >
        <Tabs.List mb="4" overflowX="auto">
          {tabs.map((value) => (
            <Tabs.Trigger key={value} value={value} flexShrink="0">
              {text[value].label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {tabs.map((value) => (
          <Tabs.Content key={value} value={value} pt="0">
            <Text color="fg.muted" fontSize="sm" mb="4">
              {text[value].hint}
            </Text>
            <QuizList tab={value} label={text[value].label} />
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </Container>
  )
}
