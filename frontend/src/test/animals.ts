import type { LiveQuestion, Participant } from '../api/types'

// The quiz the playing tests share, "Animals in French", as session K7P2QX.

/** The first question, as the quiz orders its choices. */
export const dogQuestion: LiveQuestion = {
  id: 'q1',
  prompt: 'the dog',
  choices: [
    { id: 'a', text: 'le chien' },
    { id: 'b', text: 'le chat' },
    { id: 'c', text: "l'oiseau" },
    { id: 'd', text: 'la vache' },
  ],
  time_limit_s: 20,
  points: 1000,
}

/** The second question, with no time limit. */
export const catQuestion: LiveQuestion = {
  id: 'q2',
  prompt: 'the cat',
  choices: [
    { id: 'e', text: 'le chat' },
    { id: 'f', text: 'la vache' },
  ],
  time_limit_s: null,
  points: 1000,
}

/** What POST /join answers for Sam (the signed-in player of renderScreen). */
export const samJoined: Participant = {
  id: 'me',
  session_code: 'K7P2QX',
  display_name: 'Sam',
  score: 0,
  answered_count: 0,
  correct_count: 0,
  streak: 0,
  joined_at: '2030-01-01T10:00:00Z',
}
