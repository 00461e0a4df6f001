import enAdmin from './locales/en/admin.json'
import enAuth from './locales/en/auth.json'
import enCommon from './locales/en/common.json'
import enErrors from './locales/en/errors.json'
import enHost from './locales/en/host.json'
import enPlay from './locales/en/play.json'
import esAdmin from './locales/es/admin.json'
import esAuth from './locales/es/auth.json'
import esCommon from './locales/es/common.json'
import esErrors from './locales/es/errors.json'
import esHost from './locales/es/host.json'
import esPlay from './locales/es/play.json'
import viAdmin from './locales/vi/admin.json'
import viAuth from './locales/vi/auth.json'
import viCommon from './locales/vi/common.json'
import viErrors from './locales/vi/errors.json'
import viHost from './locales/vi/host.json'
import viPlay from './locales/vi/play.json'
import { accented, rightToLeft } from './pseudo'

/** Every string of the interface in English, in one tree: a key reads `area.screen.what`. */
export const en = {
  admin: enAdmin,
  auth: enAuth,
  common: enCommon,
  errors: enErrors,
  host: enHost,
  play: enPlay,
}

export type Messages = typeof en

const es = { admin: esAdmin, auth: esAuth, common: esCommon, errors: esErrors, host: esHost, play: esPlay }
const vi = { admin: viAdmin, auth: viAuth, common: viCommon, errors: viErrors, host: viHost, play: viPlay }

/** The languages with their strings; a tree per language, its files one per area of the app. */
export const translations: Record<string, object> = { en, es, vi }

export const resources = {
  en: { translation: en },
  es: { translation: es },
  vi: { translation: vi },
  'en-XA': { translation: accented(en) },
  'ar-XB': { translation: rightToLeft(en) },
}
