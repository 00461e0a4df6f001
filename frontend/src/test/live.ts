import type { LiveFrame } from '../api/sessionEvents'
import type { LiveEntry, LiveOutcome, LiveQuestion, LiveState, Session } from '../api/types'
import { dogQuestion } from './animals'

export const liveSession: Session = {
  id: 's1',
  code: 'K7P2QX',
  quiz_id: 'z1',
  quiz_title: 'Animals in French',
  mode: 'live',
  status: 'open',
  question_count: 2,
  participant_count: 3,
  created_at: '2030-01-01T10:00:00Z',
  closed_at: null,
  scoring: 'speed',
  streak_bonus: true,
}

/** The same question in the order one player has its choices. */
export const dogQuestionForPlayer: LiveQuestion = {
  ...dogQuestion,
  choices: [dogQuestion.choices[1], dogQuestion.choices[0], dogQuestion.choices[3], dogQuestion.choices[2]],
}

function base(overrides: Partial<LiveState>): LiveState {
  return {
    session_code: 'K7P2QX',
    status: 'open',
    phase: 'lobby',
    phase_version: 1,
    question_index: null,
    question_count: 2,
    question: null,
    started_at: null,
    deadline: null,
    server_time: new Date().toISOString(),
    participant_count: 3,
    answered_count: 0,
    my_choice_id: null,
    reveal: null,
    podium: null,
    ...overrides,
  }
}

export function lobbyState(overrides: Partial<LiveState> = {}): LiveState {
  return base(overrides)
}

/** A question running now, with `secondsLeft` on its clock (null: untimed). */
export function questionState(overrides: Partial<LiveState> & { secondsLeft?: number | null } = {}): LiveState {
  const { secondsLeft = 20, ...rest } = overrides
  const now = Date.now()
  return base({
    phase: 'question',
    phase_version: 2,
    question_index: 0,
    question: dogQuestion,
    started_at: new Date(now - 1000).toISOString(),
    deadline: secondsLeft === null ? null : new Date(now + secondsLeft * 1000).toISOString(),
    ...rest,
  })
}

export const topAfterFirst: LiveEntry[] = [
  {
    rank: 1,
    participant_id: 'p2',
    display_name: 'Ana',
    score: 2000,
    answered_count: 1,
    correct_count: 1,
    streak: 1,
    previous_rank: 2,
  },
  {
    rank: 2,
    participant_id: 'me',
    display_name: 'Sam',
    score: 1900,
    answered_count: 1,
    correct_count: 1,
    streak: 1,
    previous_rank: 1,
  },
  {
    rank: 3,
    participant_id: 'p3',
    display_name: 'Leo',
    score: 0,
    answered_count: 1,
    correct_count: 0,
    streak: 0,
    previous_rank: 3,
  },
]

export const rightAndSecond: LiveOutcome = {
  answered: true,
  choice_id: 'a',
  correct: true,
  late: false,
  points_awarded: 900,
  streak_bonus: 0,
  streak: 1,
  score: 1900,
  rank: 2,
  behind: 100,
}

/** The reveal of the first question; `me` is null for the host. */
export function revealState(me: LiveOutcome | null, overrides: Partial<LiveState> = {}): LiveState {
  return base({
    phase: 'reveal',
    phase_version: 3,
    question_index: 0,
    question: dogQuestion,
    started_at: new Date(Date.now() - 20_000).toISOString(),
    deadline: new Date(Date.now() - 1000).toISOString(),
    answered_count: 3,
    my_choice_id: me?.choice_id ?? null,
    reveal: {
      correct_choice_id: 'a',
      votes: [
        { choice_id: 'a', count: 2 },
        { choice_id: 'b', count: 1 },
        { choice_id: 'c', count: 0 },
        { choice_id: 'd', count: 0 },
      ],
      top: topAfterFirst,
      me,
    },
    ...overrides,
  })
}

export function podiumState(overrides: Partial<LiveState> = {}): LiveState {
  const entry = (rank: number, id: string, name: string, score: number) => ({
    rank,
    participant_id: id,
    display_name: name,
    score,
    answered_count: 2,
    correct_count: 1,
    streak: 0,
  })
  return base({
    phase: 'podium',
    phase_version: 6,
    participant_count: 6,
    podium: {
      top: [entry(1, 'p2', 'Ana', 3900), entry(2, 'p3', 'Leo', 2500), entry(3, 'p4', 'Mia', 2000)],
      me: entry(5, 'me', 'Sam', 1900),
    },
    ...overrides,
  })
}

/** The `live` frame the event stream sends for a state. */
export function frameOf(state: LiveState, overrides: Partial<LiveFrame> = {}): LiveFrame {
  return {
    session_code: state.session_code,
    phase: state.phase,
    phase_version: state.phase_version,
    question_index: state.question_index,
    question_count: state.question_count,
    deadline: state.deadline,
    participant_count: state.participant_count,
    answered_count: state.answered_count,
    ...overrides,
  }
}
