import type { Leaderboard, LeaderboardEntry } from './types'

/** One change of a session's standings, as a frame of changes carries it (docs/API.md, event
 * stream): version, participant, rank before (null when new) and after, and the entry's data. */
export type Step = [
  version: number,
  participantId: string,
  before: number | null,
  after: number,
  data: [name: string, score: number, answered: number, correct: number, streak: number],
]

/** A leaderboard event: full standings (with `me`), or the top and the changes since `since`. */
export type LeaderboardFrame = Omit<Leaderboard, 'me'> & {
  me?: LeaderboardEntry | null
  since?: number
  changes?: Step[]
}

/**
 * The standings to show after a frame, given those shown before. A full frame is shown as it is.
 * A frame of changes brings the client's own entry up to date: each step after the version shown
 * takes its participant out of the ranking and puts them back at their new rank.
 * Returns null when the frame cannot follow what is shown (the server then sends full standings).
 */
export function followStandings(shown: Leaderboard | null, frame: LeaderboardFrame): Leaderboard | null {
  const { since, changes, ...rest } = frame
  if (changes === undefined) return { ...rest, me: frame.me ?? null }
  if (shown === null || since === undefined || since > shown.version) return null
  let me = shown.me
  for (const [version, participantId, before, after, [name, score, answered, correct, streak]] of changes) {
    if (version <= shown.version || me === null) continue
    if (participantId === me.participant_id) {
      me = {
        ...me,
        rank: after,
        display_name: name,
        score,
        answered_count: answered,
        correct_count: correct,
        streak,
      }
      continue
    }
    const rank = me.rank - (before !== null && before < me.rank ? 1 : 0)
    me = { ...me, rank: rank + (after <= rank ? 1 : 0) }
  }
  return { ...rest, me }
}
