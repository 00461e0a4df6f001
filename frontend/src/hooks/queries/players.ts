import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { unwrap } from '../../api/client'
import { letPlayerBack, removedPlayers, removePlayer, renamePlayer } from '../../client'
import { toaster } from '../../components/Toaster'
import { analyticsKeys } from './analytics'
import { liveKeys } from './live'
import { sessionKeys } from './sessions'

export const playerKeys = {
  /** The players the teacher removed from a session. */
  removed: (code: string) => ['removed', code] as const,
}

/** A player as the teacher's lists show them. */
export type ListedPlayer = { participant_id: string; display_name: string }

/**
 * The teacher's changes to a session's players. The standings come by the event stream (the server
 * sends fresh ones after each change); what is read by query is read again here.
 */
export function usePlayerModeration(code: string) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const refresh = () => {
    for (const queryKey of [
      sessionKeys.detail(code),
      playerKeys.removed(code),
      liveKeys.state(code),
      sessionKeys.results(code),
      analyticsKeys.session(code),
    ])
      void queryClient.invalidateQueries({ queryKey })
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
      toaster.create({ title: t('host.playerActions.removedToast', { name: player.display_name }), type: 'success' })
    },
  })
  const letBack = useMutation({
    mutationFn: (vars: { userId: string; name: string }) =>
      unwrap(letPlayerBack({ path: { code, user_id: vars.userId } })),
    onSuccess: (_, vars) => {
      refresh()
      toaster.create({
        title: t('host.removedPlayers.letBackToast', { name: vars.name }),
        description: t('host.removedPlayers.letBackToastDescription'),
        type: 'success',
      })
    },
  })
  return { rename, remove, letBack }
}

/** The players removed from a session, read again whenever the number of players changes. */
export function useRemovedPlayers(code: string, participantCount: number) {
  const queryClient = useQueryClient()
  const removed = useQuery({
    queryKey: playerKeys.removed(code),
    queryFn: () => unwrap(removedPlayers({ path: { code } })),
  })
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: playerKeys.removed(code) })
  }, [participantCount, queryClient, code])
  return removed
}
