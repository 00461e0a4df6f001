import { Box, Container, Heading, HStack, Stack, Text } from '@chakra-ui/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LuUsers } from 'react-icons/lu'
import type { TeacherWithPassword } from '../api/types'
import { AddTeacherButton } from '../components/teachers/AddTeacherButton'
import { NewPasswordDialog } from '../components/teachers/NewPasswordDialog'
import { TeacherRow } from '../components/teachers/TeacherRow'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useTeachers } from '../hooks/queries/teachers'
import { useDocumentTitle } from '../hooks/useDocumentTitle'

/** The admin's list of the school's teachers: add one, reset a password, disable an account. */
export default function AdminTeachers() {
  const { t } = useTranslation()
  useDocumentTitle(t('admin.teachers.title'))
  const teachers = useTeachers()
  // A made-up password, from adding a teacher or resetting one, until the admin closes it.
  const [shown, setShown] = useState<TeacherWithPassword | null>(null)

  return (
    <Container maxW="6xl" py={{ base: '6', md: '10' }}>
      <HStack justify="space-between" mb="6" wrap="wrap" gap="3">
        <Box>
          <Heading as="h1" size="2xl">
            {t('admin.teachers.title')}
          </Heading>
          <Text color="fg.muted">{t('admin.teachers.intro')}</Text>
        </Box>
        <AddTeacherButton onPassword={setShown} />
      </HStack>
      {teachers.isPending ? (
        <LoadingState label={t('admin.teachers.loading')} />
      ) : teachers.isError ? (
        <ErrorState
          error={teachers.error}
          title={t('admin.teachers.loadFailed')}
          onRetry={() => void teachers.refetch()}
        />
      ) : teachers.data.length === 0 ? (
        <EmptyView
          icon={<LuUsers />}
          title={t('admin.teachers.emptyTitle')}
          description={t('admin.teachers.emptyDescription')}
        >
          <AddTeacherButton size="lg" onPassword={setShown} />
        </EmptyView>
      ) : (
        <Stack as="ul" gap="3" listStyleType="none" m="0" p="0" aria-label={t('admin.teachers.title')}>
          {teachers.data.map((teacher) => (
            <TeacherRow key={teacher.id} teacher={teacher} onPassword={setShown} />
          ))}
        </Stack>
      )}
      <NewPasswordDialog shown={shown} onClose={() => setShown(null)} />
    </Container>
  )
}
