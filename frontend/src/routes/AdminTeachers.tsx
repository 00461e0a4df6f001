import { Box, Container, Heading, HStack, Stack, Text } from '@chakra-ui/react'
import { useState } from 'react'
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
  useDocumentTitle('Teachers')
  const teachers = useTeachers()
  // A made-up password, from adding a teacher or resetting one, until the admin closes it.
  const [shown, setShown] = useState<TeacherWithPassword | null>(null)

  return (
    <Container maxW="6xl" py={{ base: '6', md: '10' }}>
      <HStack justify="space-between" mb="6" wrap="wrap" gap="3">
        <Box>
          <Heading as="h1" size="2xl">
            Teachers
          </Heading>
          <Text color="fg.muted">
            The accounts of your school's teachers. Each teacher writes and runs their own quizzes.
          </Text>
        </Box>
        <AddTeacherButton onPassword={setShown} />
      </HStack>
      {teachers.isPending ? (
        <LoadingState label="Loading teachers…" />
      ) : teachers.isError ? (
        <ErrorState error={teachers.error} title="The teachers didn't load" onRetry={() => void teachers.refetch()} />
      ) : teachers.data.length === 0 ? (
        <EmptyView
          icon={<LuUsers />}
          title="No teachers yet"
          description="Add your colleagues: each gets a username and a password to sign in with."
        >
          <AddTeacherButton size="lg" onPassword={setShown} />
        </EmptyView>
      ) : (
        <Stack as="ul" gap="3" listStyleType="none" m="0" p="0" aria-label="Teachers">
          {teachers.data.map((teacher) => (
            <TeacherRow key={teacher.id} teacher={teacher} onPassword={setShown} />
          ))}
        </Stack>
      )}
      <NewPasswordDialog shown={shown} onClose={() => setShown(null)} />
    </Container>
  )
}
