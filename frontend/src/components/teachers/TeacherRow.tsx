import { Badge, Box, Button, Card, Grid, HStack, Stack, Text } from '@chakra-ui/react'
import { LuBan, LuKeyRound, LuUserCheck } from 'react-icons/lu'
import { errorMessage } from '../../api/errors'
import type { Teacher, TeacherWithPassword } from '../../api/types'
import { useResetTeacherPassword, useSetTeacherDisabled } from '../../hooks/queries/teachers'
import { plural } from '../../lib/plural'
import { ConfirmButton } from '../ConfirmButton'
import { toaster } from '../Toaster'

function ResetPasswordButton({ teacher, onPassword }: { teacher: Teacher; onPassword: Props['onPassword'] }) {
  const reset = useResetTeacherPassword(teacher, onPassword)
  return (
    <ConfirmButton
      size="sm"
      variant="outline"
      palette="orange"
      title={`Reset ${teacher.display_name}'s password?`}
      description="Their current password and sign-ins stop working. You get a new password to give them."
      confirmLabel="Reset password"
      onConfirm={() => reset.mutateAsync()}
      pending={reset.isPending}
      error={reset.error}
    >
      <LuKeyRound /> Reset password
    </ConfirmButton>
  )
}

function DisableButton({ teacher }: { teacher: Teacher }) {
  const change = useSetTeacherDisabled(teacher, (changed) =>
    toaster.create({
      title: changed.disabled ? `${changed.display_name} is disabled` : `${changed.display_name} can sign in again`,
      type: 'success',
    }),
  )
  if (teacher.disabled)
    return (
      <Button
        size="sm"
        variant="outline"
        loading={change.isPending}
        onClick={() =>
          change.mutate(false, {
            onError: (error) =>
              toaster.create({ title: 'Not enabled', description: errorMessage(error), type: 'error' }),
          })
        }
      >
        <LuUserCheck /> Enable
      </Button>
    )
  return (
    <ConfirmButton
      size="sm"
      variant="outline"
      colorPalette="red"
      title={`Disable ${teacher.display_name}?`}
      description="They are signed out at once and cannot sign in; their quizzes and sessions stay."
      confirmLabel="Disable"
      onConfirm={() => change.mutateAsync(true)}
      pending={change.isPending}
      error={change.error}
    >
      <LuBan /> Disable
    </ConfirmButton>
  )
}

type Props = { teacher: Teacher; onPassword: (teacher: TeacherWithPassword) => void }

/** One teacher: name and username, how many quizzes they own, whether they can sign in, and what to do. */
export function TeacherRow({ teacher, onPassword }: Props) {
  return (
    <Card.Root as="li" bg="app.card" borderRadius="xl" data-testid="teacher-row">
      <Card.Body p="4">
        {/* Columns of the same widths in every row, so that counts, states and buttons line up. */}
        <Grid
          templateColumns={{ base: 'minmax(0, 1fr) auto', md: 'minmax(0, 1fr) 7rem 6rem 17rem' }}
          templateAreas={{ base: '"name status" "count count" "actions actions"', md: '"name count status actions"' }}
          columnGap="4"
          rowGap={{ base: '1', md: '0' }}
          alignItems="center"
        >
          <Stack gap="0" minW="0" gridArea="name">
            <Text fontWeight="semibold" overflowWrap="anywhere">
              {teacher.display_name}
            </Text>
            <Text fontSize="sm" color="fg.muted" overflowWrap="anywhere">
              @{teacher.username}
            </Text>
          </Stack>
          <Text fontSize="sm" color="fg.muted" gridArea="count">
            {plural(teacher.quiz_count, 'quiz', 'quizzes')}
          </Text>
          <Box gridArea="status" justifySelf={{ base: 'end', md: 'start' }}>
            <Badge variant="subtle" colorPalette={teacher.disabled ? 'red' : 'green'}>
              {teacher.disabled ? 'Disabled' : 'Active'}
            </Badge>
          </Box>
          <HStack gridArea="actions" gap="2" wrap="wrap" justify={{ md: 'flex-end' }} mt={{ base: '2', md: '0' }}>
            <ResetPasswordButton teacher={teacher} onPassword={onPassword} />
            <DisableButton teacher={teacher} />
          </HStack>
        </Grid>
      </Card.Body>
    </Card.Root>
  )
}
