import type { TFunction } from 'i18next'
import i18n from '../i18n'
import { DISPLAY_NAME_MAX } from './displayName'

// The account rules of API.md, checked before asking the server.
export const USERNAME_MIN = 3
export const USERNAME_MAX = 32
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

// `t` is the caller's (from useTranslation); without it, the app's language is used.
export function usernameProblem(username: string, t: TFunction = i18n.t): string | null {
  if (username.length < USERNAME_MIN || username.length > USERNAME_MAX)
    return t('auth.rules.usernameLength', { min: USERNAME_MIN, max: USERNAME_MAX })
  if (!/^[A-Za-z0-9_.-]+$/.test(username)) return t('auth.rules.usernameChars')
  return null
}

export function passwordProblem(password: string, t: TFunction = i18n.t): string | null {
  if (password.length < PASSWORD_MIN) return t('auth.rules.passwordShort', { count: PASSWORD_MIN })
  if (password.length > PASSWORD_MAX) return t('auth.rules.passwordLong', { count: PASSWORD_MAX })
  return null
}

export function displayNameProblem(name: string, t: TFunction = i18n.t): string | null {
  return name.trim().length > DISPLAY_NAME_MAX ? t('auth.rules.nameTooLong', { count: DISPLAY_NAME_MAX }) : null
}
