import { Badge, Box, Button, Card, Grid, HStack, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuBan, LuKeyRound, LuUserCheck } from 'react-icons/lu'
import { errorMessage } from '../../api/errors'
import type { Teacher, TeacherWithPassword } from '../../api/types'
import { useResetTeacherPassword, useSetTeacherDisabled } from '../../hooks/queries/teachers'
import { ConfirmButton } from '../ConfirmButton'
import { toaster } from '../Toaster'

function ResetPasswordButton({ teacher, onPassword }: { teacher: Teacher; onPassword: Props['onPassword'] }) {
  const { t } = useTranslation()
  const reset = useResetTeacherPassword(teacher, onPassword)
  return (
    <ConfirmButton
      size="sm"
      variant="outline"
      palette="orange"
      title={t('admin.teacherRow.resetTitle', { name: teacher.display_name })}
      description={t('admin.teacherRow.resetDescription')}
      confirmLabel={t('admin.teacherRow.reset')}
      onConfirm={() => reset.mutateAsync()}
      pending={reset.isPending}
      error={reset.error}
    >
      <LuKeyRound /> {t('admin.teacherRow.reset')}
    </ConfirmButton>
  )
}

function DisableButton({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation()
  const change = useSetTeacherDisabled(teacher, (changed) =>
    toaster.create({
      title: changed.disabled
        ? t('admin.teacherRow.disabledToast', { name: changed.display_name })
        : t('admin.teacherRow.enabledToast', { name: changed.display_name }),
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
              toaster.create({
                title: t('admin.teacherRow.enableFailed'),
                description: errorMessage(error),
                type: 'error',
              }),
          })
        }
      >
        <LuUserCheck /> {t('admin.teacherRow.enable')}
      </Button>
    )
  return (
    <ConfirmButton
      size="sm"
      variant="outline"
      colorPalette="red"
      title={t('admin.teacherRow.disableTitle', { name: teacher.display_name })}
      description={t('admin.teacherRow.disableDescription')}
      confirmLabel={t('admin.teacherRow.disable')}
      onConfirm={() => change.mutateAsync(true)}
      pending={change.isPending}
      error={change.error}
    >
      <LuBan /> {t('admin.teacherRow.disable')}
    </ConfirmButton>
  )
}

type Props = { teacher: Teacher; onPassword: (teacher: TeacherWithPassword) => void }

/** One teacher: name and username, how many quizzes they own, whether they can sign in, and what to do. */
export function TeacherRow({ teacher, onPassword }: Props) {
  const { t } = useTranslation()
  return (
    <Card.Root as="li" bg="app.card" borderRadius="xl" data-testid="teacher-row">
      <Card.Body p="4">
        {/* Columns of the same widths in every row, so that counts, states and buttons line up. */}
        <Grid
          templateColumns={{ base: 'minmax(0, 1fr) auto', md: 'minmax(0, 1fr) 7rem 7.5rem 17rem' }}
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
            {t('admin.teacherRow.quizzes', { count: teacher.quiz_count })}
          </Text>
          <Box gridArea="status" justifySelf={{ base: 'end', md: 'start' }}>
            <Badge variant="subtle" colorPalette={teacher.disabled ? 'red' : 'green'}>
              {teacher.disabled ? t('admin.teacherRow.disabled') : t('admin.teacherRow.active')}
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
