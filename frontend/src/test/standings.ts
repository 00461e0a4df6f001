import type { Leaderboard, LeaderboardEntry } from '../api/types'

/** A player's place in the standings; what a test does not set is one answer, right, and no streak. */
export function entry(
  rank: number,
  participantId: string,
  name: string,
  score: number,
  rest: Partial<LeaderboardEntry> = {},
): LeaderboardEntry {
  return {
    rank,
    participant_id: participantId,
    display_name: name,
    score,
    answered_count: 1,
    correct_count: 1,
    streak: 0,
    ...rest,
  }
}

/** The standings of session K7P2QX, open, as the stream sends them: everyone listed, the viewer not playing. */
export function standings(entries: LeaderboardEntry[], rest: Partial<Leaderboard> = {}): Leaderboard {
  return {
    session_code: 'K7P2QX',
    status: 'open',
    participant_count: entries.length,
    version: 1,
    entries,
    me: null,
    ...rest,
  }
}
