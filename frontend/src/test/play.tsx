import type { AnswerResult, Leaderboard, LeaderboardEntry, Session, Turn } from '../api/types'
import Play from '../routes/Play'
import { catQuestion, dogQuestion, samJoined } from './animals'
import { installFakeApi, json, openStream } from './fakeApi'
import { renderScreen } from './render'
import { entry, standings } from './standings'

// The player's screen, /play/K7P2QX, and the self-paced session of "Animals in French" it plays.

export function renderPlay() {
  return renderScreen(<Play />, { path: '/play/:code', url: '/play/k7p2qx' })
}

/** What the server answers a player the teacher removed: not a player here, and refused on joining again. */
export const notJoined = () => json({ detail: 'You have not joined this session' }, 403)
export const joinRefused = () =>
  json({ detail: 'The teacher removed you from this session; ask them to let you back in' }, 403)

export const selfPacedSession: Session = {
  id: 's1',
  code: 'K7P2QX',
  quiz_id: 'z1',
  quiz_title: 'Animals in French',
  status: 'open',
  question_count: 2,
  participant_count: 2,
  created_at: '2030-01-01T10:00:00Z',
  closed_at: null,
  scoring: 'speed',
  streak_bonus: false,
}

/** The turns served one after the other: the dog with 20 s on its clock, the cat untimed, then the end. */
export function turns(): Turn[] {
  const now = Date.now()
  return [
    {
      finished: false,
      index: 0,
      total: 2,
      question: dogQuestion,
      served_at: new Date(now).toISOString(),
      deadline: new Date(now + 20_000).toISOString(),
    },
    {
      finished: false,
      index: 1,
      total: 2,
      question: catQuestion,
      served_at: new Date(now).toISOString(),
      deadline: null,
    },
    { finished: true, index: 2, total: 2, question: null, served_at: null, deadline: null },
  ]
}

/** What answering each question gets: the dog wrong (le chat), the cat right. */
export const results: Record<string, AnswerResult> = {
  q1: {
    question_id: 'q1',
    choice_id: 'b',
    correct: false,
    correct_choice_id: 'a',
    late: false,
    points_awarded: 0,
    streak_bonus: 0,
    streak: 0,
    score: 0,
    rank: 2,
  },
  q2: {
    question_id: 'q2',
    choice_id: 'e',
    correct: true,
    correct_choice_id: 'e',
    late: false,
    points_awarded: 1000,
    streak_bonus: 0,
    streak: 1,
    score: 1000,
    rank: 1,
  },
}

/** Sam (at `myRank` with `myScore`, both questions answered) and Ana, who has answered one. */
export function twoPlayers(myScore: number, myRank: number): Leaderboard {
  const me = entry(myRank, 'me', 'Sam', myScore, { answered_count: 2, streak: 1 })
  const other = entry(myRank === 1 ? 2 : 1, 'o', 'Ana', 500, { streak: 1 })
  return standings(
    [me, other].sort((x, y) => x.rank - y.rank),
    { version: 3, me },
  )
}

/** Standings of `count` players with Sam at `myRank`, of whom the top `listed` are sent. */
export function crowd(count: number, myRank: number, listed = 10): Leaderboard {
  const names = ['Zoe', 'Ana', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jo', 'Kai', 'Lea']
  const everyone: LeaderboardEntry[] = Array.from({ length: count }, (_, i) => {
    const mine = i + 1 === myRank
    return entry(i + 1, mine ? 'me' : `p${i}`, mine ? 'Sam' : names[i], 2500 - 200 * i, { streak: 1 })
  })
  return standings(everyone.slice(0, listed), { participant_count: count, version: 5, me: everyone[myRank - 1] })
}

/**
 * The self-paced session's API: each answer moves on to the next turn. With `firstTurnStatus`, the
 * first read of the turn is refused with it (a player who has not joined yet).
 */
export function fakeSelfPaced({ firstTurnStatus }: { firstTurnStatus?: number } = {}) {
  const served = turns()
  let position = 0
  let refusals = firstTurnStatus ? 1 : 0
  const stream = openStream()
  const api = installFakeApi({
    'GET /api/sessions/K7P2QX': () => json(selfPacedSession),
    'GET /api/sessions/K7P2QX/events': () => stream.response,
    'POST /api/sessions/K7P2QX/join': () => json(samJoined),
    'GET /api/sessions/K7P2QX/question': () => {
      if (refusals > 0) {
        refusals -= 1
        return json({ detail: 'Join the session first' }, firstTurnStatus)
      }
      return json(served[position])
    },
    'POST /api/sessions/K7P2QX/answers': (request) => {
      const body = request.body as { question_id: string }
      position += 1
      return json(results[body.question_id])
    },
  })
  return { api, stream }
}
