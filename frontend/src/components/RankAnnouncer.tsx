import { VisuallyHidden } from '@chakra-ui/react'
import { useEffect, useRef, useState } from 'react'
import type { LeaderboardEntry } from '../api/types'
import { ordinal } from '../lib/ordinal'

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
  const [message, setMessage] = useState('')
  const lastRank = useRef<number | null>(null)
  const lastLeader = useRef<string | null>(null)

  useEffect(() => {
    if (me) {
      if (lastRank.current !== null && lastRank.current !== me.rank) {
        const direction = me.rank < lastRank.current ? 'up' : 'down'
        setMessage(`You moved ${direction} to ${ordinal(me.rank)} place of ${participantCount}.`)
      }
      lastRank.current = me.rank
    } else if (leader) {
      if (lastLeader.current !== null && lastLeader.current !== leader.participant_id) {
        setMessage(`${leader.display_name} is now in the lead.`)
      }
      lastLeader.current = leader.participant_id
    }
  }, [me, leader, participantCount])

  return (
    <VisuallyHidden aria-live="polite" aria-atomic="true" data-testid="rank-announcer">
      {message}
    </VisuallyHidden>
  )
}
