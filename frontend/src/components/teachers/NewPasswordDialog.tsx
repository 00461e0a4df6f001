import { Box, Button, Clipboard, Code, Dialog, HStack, Stack, Text } from '@chakra-ui/react'
import type { TeacherWithPassword } from '../../api/types'
import { AppDialog } from '../AppDialog'

/** The password the server made up for a teacher, shown once: the admin copies it or writes it down. */
export function NewPasswordDialog({ shown, onClose }: { shown: TeacherWithPassword | null; onClose: () => void }) {
  const password = shown?.new_password ?? ''
  return (
    <AppDialog
      open={shown !== null && password !== ''}
      onOpenChange={(e) => !e.open && onClose()}
      role="alertdialog"
      title={shown ? `Password for ${shown.display_name}` : ''}
      closeOnInteractOutside={false}
    >
      <Dialog.Body display="flex" flexDirection="column" gap="4">
        <Text>Give this password to {shown?.display_name}; it is shown only now.</Text>
        <Stack gap="1">
          <Text fontSize="sm" color="fg.muted">
            Username
          </Text>
          <Text fontWeight="semibold" overflowWrap="anywhere">
            {shown?.username}
          </Text>
        </Stack>
        <Stack gap="1">
          <Text fontSize="sm" color="fg.muted">
            Password
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
                  <Clipboard.CopyText />
                </Button>
              </Clipboard.Trigger>
            </Clipboard.Root>
          </HStack>
        </Stack>
        <Text fontSize="sm" color="fg.muted">
          They can sign in with it at once. If it gets lost, reset the password to make a new one.
        </Text>
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.ActionTrigger asChild>
          <Button>Done</Button>
        </Dialog.ActionTrigger>
      </Dialog.Footer>
    </AppDialog>
  )
}
