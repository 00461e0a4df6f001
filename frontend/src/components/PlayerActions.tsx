import {
  Button,
  CloseButton,
  Dialog,
  Field,
  HStack,
  IconButton,
  Input,
  Portal,
  type StackProps,
} from '@chakra-ui/react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { LuPencil, LuUserX } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { letPlayerBack, removePlayer, renamePlayer } from '../client'
import { liveQueryKey } from '../hooks/useLiveState'
import { ConfirmButton } from './ConfirmButton'
import { InlineError } from './StateViews'
import { toaster } from './Toaster'

/** A player as the teacher's lists show them. */
export type ListedPlayer = { participant_id: string; display_name: string }

const NAME_MAX = 40

export function removedQueryKey(code: string) {
  return ['removed', code] as const
}

/**
 * The teacher's changes to a session's players. The standings come by the event stream (the server
 * sends fresh ones after each change); what is read by query is read again here.
 */
export function usePlayerModeration(code: string) {
  const queryClient = useQueryClient()
  const refresh = () => {
    for (const queryKey of [['session', code], removedQueryKey(code), liveQueryKey(code), ['results', code]])
      void queryClient.invalidateQueries({ queryKey })
    void queryClient.invalidateQueries({ queryKey: ['analytics', 'session', code] })
  }
  const rename = useMutation({
    mutationFn: (vars: { participantId: string; name: string }) =>
      unwrap(renamePlayer({ path: { code, participant_id: vars.participantId }, body: { display_name: vars.name } })),
    onSuccess: refresh,
  })
  const remove = useMutation({
    mutationFn: (player: ListedPlayer) =>
      unwrap(removePlayer({ path: { code, participant_id: player.participant_id } })),
    onSuccess: (_, player) => {
      refresh()
      toaster.create({ title: `${player.display_name} was removed`, type: 'success' })
    },
  })
  const letBack = useMutation({
    mutationFn: (vars: { userId: string; name: string }) =>
      unwrap(letPlayerBack({ path: { code, user_id: vars.userId } })),
    onSuccess: (_, vars) => {
      refresh()
      toaster.create({
        title: `${vars.name} can join again`,
        description: 'They start again from zero.',
        type: 'success',
      })
    },
  })
  return { rename, remove, letBack }
}

/** The dialog to give a player another name, the current one filled in. */
function RenameButton({ code, player, size }: { code: string; player: ListedPlayer; size: 'xs' | 'sm' }) {
  const { rename } = usePlayerModeration(code)
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(player.display_name)
  const field = useRef<HTMLInputElement>(null)
  const trimmed = name.trim()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (trimmed === '' || trimmed.length > NAME_MAX) return
    if (trimmed === player.display_name) return setOpen(false)
    rename.mutate({ participantId: player.participant_id, name: trimmed }, { onSuccess: () => setOpen(false) })
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(e) => {
        setOpen(e.open)
        if (e.open) {
          setName(player.display_name)
          rename.reset()
        }
      }}
      initialFocusEl={() => field.current}
      placement="center"
    >
      <Dialog.Trigger asChild>
        <IconButton aria-label={`Rename ${player.display_name}`} title="Rename" size={size} variant="ghost">
          <LuPencil />
        </IconButton>
      </Dialog.Trigger>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner px="4">
          <Dialog.Content borderRadius="2xl" asChild>
            <form onSubmit={submit} noValidate>
              <Dialog.Header>
                <Dialog.Title>Rename {player.display_name}</Dialog.Title>
              </Dialog.Header>
              <Dialog.Body display="flex" flexDirection="column" gap="3">
                <Field.Root invalid={trimmed === '' || trimmed.length > NAME_MAX}>
                  <Field.Label>Name on the leaderboard</Field.Label>
                  <Input
                    ref={field}
                    value={name}
                    onChange={(e) => {
                      setName(e.target.value)
                      rename.reset()
                    }}
                    maxLength={NAME_MAX}
                    autoComplete="off"
                    onFocus={(e) => e.target.select()}
                  />
                  <Field.ErrorText>
                    {trimmed === '' ? 'Type a name.' : `At most ${NAME_MAX} characters.`}
                  </Field.ErrorText>
                </Field.Root>
                <InlineError error={rename.error} title="Not renamed" />
              </Dialog.Body>
              <Dialog.Footer>
                <Dialog.ActionTrigger asChild>
                  <Button variant="outline">Cancel</Button>
                </Dialog.ActionTrigger>
                <Button type="submit" loading={rename.isPending} disabled={trimmed === ''}>
                  Save name
                </Button>
              </Dialog.Footer>
              <Dialog.CloseTrigger asChild>
                <CloseButton size="sm" aria-label="Close" />
              </Dialog.CloseTrigger>
            </form>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  )
}

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
      <RenameButton code={code} player={player} size={size} />
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
