import { Kbd, Text } from '@chakra-ui/react'
import { LuFlag } from 'react-icons/lu'
import type { LiveHost } from '../../hooks/useLiveHost'
import { ConfirmButton } from '../ConfirmButton'

/** Beside the main button: the key that does the same. */
export function SpaceHint({ to }: { to: string }) {
  return (
    <Text fontSize="sm" color="fg.muted" hideBelow="md">
      or press <Kbd>Space</Kbd> to {to}
    </Text>
  )
}

/** Straight to the podium, after asking. */
export function EndGameButton({ host }: { host: LiveHost }) {
  return (
    <ConfirmButton
      variant="ghost"
      colorPalette="red"
      size="lg"
      title="End the game now?"
      description="The questions left are skipped and everyone goes to the podium. The answers so far count."
      confirmLabel="End game"
      onConfirm={host.finish}
      pending={host.pending}
      error={host.error}
      disabled={host.pending}
    >
      <LuFlag /> End game
    </ConfirmButton>
  )
}
