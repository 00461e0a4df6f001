import { Button, Stack } from '@chakra-ui/react'
import { InlineError } from './StateViews'

/** An answer that didn't reach the server, with the button that sends it again. */
export function AnswerNotSent({ error, onResend }: { error: unknown; onResend: () => void }) {
  return (
    <Stack gap="2">
      <InlineError error={error} title="Your answer wasn't sent" />
      <Button alignSelf="start" variant="outline" onClick={onResend}>
        Send it again
      </Button>
    </Stack>
  )
}
