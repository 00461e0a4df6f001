import type { TFunction } from 'i18next'

/** The characters a session code is made of (API.md): no I, O, 0 or 1, which are easy to confuse. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const JOIN_CODE_LENGTH = 6

/**
 * Turns whatever a player typed or pasted into a code: any case, spaces and dashes ignored,
 * and a whole join link ("https://…/join/k7p2qx") reduced to its code.
 */
export function normalizeJoinCode(raw: string): string {
  const fromLink = /\/join\/([^/?#]*)/i.exec(raw)
  const text = fromLink ? fromLink[1] : raw
  return text.replace(/[\s\-_.]/g, '').toUpperCase()
}

export type JoinCodeProblem = 'empty' | 'too-short' | 'too-long' | 'bad-characters'

/** Why a normalised code cannot be a session code, or null when it can. */
export function joinCodeProblem(code: string): JoinCodeProblem | null {
  if (code.length === 0) return 'empty'
  if ([...code].some((c) => !JOIN_CODE_ALPHABET.includes(c))) return 'bad-characters'
  if (code.length < JOIN_CODE_LENGTH) return 'too-short'
  if (code.length > JOIN_CODE_LENGTH) return 'too-long'
  return null
}

export function isCompleteJoinCode(code: string): boolean {
  return joinCodeProblem(code) === null
}

/** What is wrong with the code, in words for the player (`t` is the caller's, from useTranslation). */
export function describeJoinCodeProblem(problem: JoinCodeProblem, code: string, t: TFunction): string {
  switch (problem) {
    case 'empty':
      return t('play.joinCode.empty')
    case 'too-short':
      return t('play.joinCode.tooShort', { length: code.length, max: JOIN_CODE_LENGTH })
    case 'too-long':
      return t('play.joinCode.tooLong', { length: code.length, max: JOIN_CODE_LENGTH })
    case 'bad-characters': {
      const confusing = [...new Set([...code].filter((c) => !JOIN_CODE_ALPHABET.includes(c)))]
      return t('play.joinCode.badCharacters', { characters: confusing.join(', ') })
    }
  }
}
