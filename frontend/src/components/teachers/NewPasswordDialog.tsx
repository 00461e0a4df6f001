import { Box, Button, Clipboard, Code, Dialog, HStack, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import type { TeacherWithPassword } from '../../api/types'
import { AppDialog } from '../AppDialog'

/** The password the server made up for a teacher, shown once: the admin copies it or writes it down. */
export function NewPasswordDialog({ shown, onClose }: { shown: TeacherWithPassword | null; onClose: () => void }) {
  const { t } = useTranslation()
  const password = shown?.new_password ?? ''
  const name = shown?.display_name ?? ''
  return (
    <AppDialog
      open={shown !== null && password !== ''}
      onOpenChange={(e) => !e.open && onClose()}
      role="alertdialog"
      title={shown ? t('admin.newPassword.title', { name }) : ''}
      closeOnInteractOutside={false}
    >
      <Dialog.Body display="flex" flexDirection="column" gap="4">
        <Text>{t('admin.newPassword.give', { name })}</Text>
        <Stack gap="1">
          <Text fontSize="sm" color="fg.muted">
            {t('admin.newPassword.username')}
          </Text>
          <Text fontWeight="semibold" overflowWrap="anywhere">
            {shown?.username}
          </Text>
        </Stack>
        <Stack gap="1">
          <Text fontSize="sm" color="fg.muted">
            {t('admin.newPassword.password')}
          </Text>
          <HStack gap="3" wrap="wrap">
            <Box minW="0">
              <Code
                data-testid="new-password"
                fontSize={{ base: 'lg', sm: 'xl' }}
                px="3"
                py="2"
                letterSpacing="wider"
                wordBreak="break-all"
              >
                {password}
              </Code>
            </Box>
            <Clipboard.Root value={password}>
              <Clipboard.Trigger asChild>
                <Button variant="outline" size="sm">
                  <Clipboard.Indicator />
                  <Clipboard.Indicator copied={t('admin.newPassword.copied')}>
                    {t('common.actions.copy')}
                  </Clipboard.Indicator>
                </Button>
              </Clipboard.Trigger>
            </Clipboard.Root>
          </HStack>
        </Stack>
        <Text fontSize="sm" color="fg.muted">
          {t('admin.newPassword.after')}
        </Text>
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.ActionTrigger asChild>
          <Button>{t('common.actions.done')}</Button>
        </Dialog.ActionTrigger>
      </Dialog.Footer>
    </AppDialog>
  )
}
