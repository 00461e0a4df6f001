import { DISPLAY_NAME_MAX } from './displayName'

// The account rules of API.md, checked before asking the server.
export function usernameProblem(username: string): string | null {
  if (username.length < 3 || username.length > 32) return 'Use 3 to 32 characters.'
  if (!/^[A-Za-z0-9_.-]+$/.test(username)) return 'Use only letters, digits, dots, dashes and underscores (no spaces).'
  return null
}

export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Use at least 8 characters.'
  if (password.length > 128) return 'Use at most 128 characters.'
  return null
}

export function displayNameProblem(name: string): string | null {
  return name.trim().length > DISPLAY_NAME_MAX ? `Keep it under ${DISPLAY_NAME_MAX} characters.` : null
}
