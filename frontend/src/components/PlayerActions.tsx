import { HStack, type StackProps } from '@chakra-ui/react'
import { LuUserX } from 'react-icons/lu'
import { usePlayerModeration, type ListedPlayer } from '../hooks/queries/players'
import { ConfirmButton } from './ConfirmButton'
import { RenamePlayerButton } from './RenamePlayerButton'

/** "Rename" and "Remove" for one player of a session, small enough to sit in a row of the standings. */
export function PlayerActions({
  code,
  player,
  size = 'sm',
  ...rest
}: { code: string; player: ListedPlayer; size?: 'xs' | 'sm' } & StackProps) {
  const { remove } = usePlayerModeration(code)
  const name = player.display_name
  return (
    <HStack gap="0" flexShrink={0} data-testid="player-actions" {...rest}>
      <RenamePlayerButton code={code} player={player} size={size} />
      <ConfirmButton
        aria-label={`Remove ${name}`}
        title={`Remove ${name}?`}
        description="Their points and answers are deleted, and they cannot rejoin unless you let them back in."
        confirmLabel={`Remove ${name}`}
        onConfirm={() => remove.mutateAsync(player)}
        pending={remove.isPending}
        error={remove.error}
        size={size}
        variant="ghost"
        colorPalette="red"
        px="0"
        minW={size === 'xs' ? '6' : '8'}
      >
        <LuUserX />
      </ConfirmButton>
    </HStack>
  )
}
