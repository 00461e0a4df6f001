import { HStack, type StackProps } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const { remove } = usePlayerModeration(code)
  const name = player.display_name
  return (
    <HStack gap="0" flexShrink={0} data-testid="player-actions" {...rest}>
      <RenamePlayerButton code={code} player={player} size={size} />
      <ConfirmButton
        aria-label={t('host.playerActions.remove', { name })}
        title={t('host.playerActions.removeTitle', { name })}
        description={t('host.playerActions.removeDescription')}
        confirmLabel={t('host.playerActions.remove', { name })}
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
