// How points are won, in the teacher's and the players' words; the rule itself is the server's
// (docs/API.md, "Scoring options").
import type { TFunction } from 'i18next'
import type { Scoring } from '../api/types'

export const STREAK_BONUS_STEP = 100
export const STREAK_BONUS_MAX = 500

/** The keys of each scoring's name, its badge ("Speed scoring"), its rule, and the rule as the class reads it. */
export const SCORING_RULES = {
  speed: {
    label: 'admin.scoring.speed.label',
    badge: 'admin.scoring.speed.badge',
    rule: 'admin.scoring.speed.rule',
    short: 'admin.scoring.speed.short',
  },
  accuracy: {
    label: 'admin.scoring.accuracy.label',
    badge: 'admin.scoring.accuracy.badge',
    rule: 'admin.scoring.accuracy.rule',
    short: 'admin.scoring.accuracy.short',
  },
} as const satisfies Record<Scoring, { label: string; badge: string; rule: string; short: string }>

/** "Streak bonus up to +500". */
export function streakShort(t: TFunction): string {
  return t('admin.scoring.streak.short', { max: STREAK_BONUS_MAX })
}

/** "Each right answer in a row after the first adds a bonus: +100, then +200, and so on up to +500." */
export function streakRule(t: TFunction): string {
  return t('admin.scoring.streak.rule', {
    step: STREAK_BONUS_STEP,
    double: 2 * STREAK_BONUS_STEP,
    max: STREAK_BONUS_MAX,
  })
}
