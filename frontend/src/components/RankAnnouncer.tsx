import { VisuallyHidden } from '@chakra-ui/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LeaderboardEntry } from '../api/types'
import { useFormat } from '../hooks/useFormat'

/**
 * Tells screen-reader users, politely, when their own place changes (or, for a teacher who is not
 * playing, when someone new takes the lead). The first standings are not announced.
 */
export function RankAnnouncer({
  me,
  leader,
  participantCount,
}: {
  me: LeaderboardEntry | null | undefined
  leader: LeaderboardEntry | undefined
  participantCount: number
}) {
  const { t } = useTranslation()
  const f = useFormat()
  const [message, setMessage] = useState('')
  const lastRank = useRef<number | null>(null)
  const lastLeader = useRef<string | null>(null)

  useEffect(() => {
    if (me) {
      if (lastRank.current !== null && lastRank.current !== me.rank) {
        const moved = { place: f.place(me.rank), total: participantCount }
        setMessage(
          me.rank < lastRank.current
            ? t('play.rankAnnouncer.movedUp', moved)
            : t('play.rankAnnouncer.movedDown', moved),
        )
      }
      lastRank.current = me.rank
    } else if (leader) {
      if (lastLeader.current !== null && lastLeader.current !== leader.participant_id) {
        setMessage(t('play.rankAnnouncer.newLeader', { name: leader.display_name }))
      }
      lastLeader.current = leader.participant_id
    }
  }, [me, leader, participantCount, t, f])

  return (
    <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="rank-announcer">
      {message}
    </VisuallyHidden>
  )
}
