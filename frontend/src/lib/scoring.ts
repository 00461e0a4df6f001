// How points are won, in the teacher's and the players' words; the rule itself is the server's
// (docs/API.md, "Scoring options").
import type { Scoring } from '../api/types'

export const STREAK_BONUS_STEP = 100
export const STREAK_BONUS_MAX = 500

export const SCORING_RULES: Record<Scoring, { label: string; rule: string; short: string }> = {
  speed: {
    label: 'Speed',
    rule: 'Faster right answers score more: from half to all of the points.',
    short: 'Faster answers score more',
  },
  accuracy: {
    label: 'Accuracy',
    rule: 'Every right answer in time gets all of its points.',
    short: 'Every right answer scores in full',
  },
}

export const STREAK_SHORT = `Streak bonus up to +${STREAK_BONUS_MAX}`

export const STREAK_RULE = `Each right answer in a row after the first adds a bonus: +${STREAK_BONUS_STEP}, then +${2 * STREAK_BONUS_STEP}, and so on up to +${STREAK_BONUS_MAX}.`
