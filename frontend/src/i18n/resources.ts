import enAdmin from './locales/en/admin.json' with { type: 'json' }
import enAuth from './locales/en/auth.json' with { type: 'json' }
import enCommon from './locales/en/common.json' with { type: 'json' }
import enErrors from './locales/en/errors.json' with { type: 'json' }
import enHost from './locales/en/host.json' with { type: 'json' }
import enLive from './locales/en/live.json' with { type: 'json' }
import enPlay from './locales/en/play.json' with { type: 'json' }
import esAdmin from './locales/es/admin.json' with { type: 'json' }
import esAuth from './locales/es/auth.json' with { type: 'json' }
import esCommon from './locales/es/common.json' with { type: 'json' }
import esErrors from './locales/es/errors.json' with { type: 'json' }
import esHost from './locales/es/host.json' with { type: 'json' }
import esLive from './locales/es/live.json' with { type: 'json' }
import esPlay from './locales/es/play.json' with { type: 'json' }
import viAdmin from './locales/vi/admin.json' with { type: 'json' }
import viAuth from './locales/vi/auth.json' with { type: 'json' }
import viCommon from './locales/vi/common.json' with { type: 'json' }
import viErrors from './locales/vi/errors.json' with { type: 'json' }
import viHost from './locales/vi/host.json' with { type: 'json' }
import viLive from './locales/vi/live.json' with { type: 'json' }
import viPlay from './locales/vi/play.json' with { type: 'json' }
import { accented, rightToLeft } from './pseudo'

// The JSON attribute lets Node read these too (the end-to-end tests find buttons by their words).

/** Every string of the interface in English, in one tree: a key reads `area.screen.what`. */
export const en = {
  admin: enAdmin,
  auth: enAuth,
  common: enCommon,
  errors: enErrors,
  host: enHost,
  live: enLive,
  play: enPlay,
}

export type Messages = typeof en

const es = {
  admin: esAdmin,
  auth: esAuth,
  common: esCommon,
  errors: esErrors,
  host: esHost,
  live: esLive,
  play: esPlay,
}
const vi = {
  admin: viAdmin,
  auth: viAuth,
  common: viCommon,
  errors: viErrors,
  host: viHost,
  live: viLive,
  play: viPlay,
}

/** The languages with their strings; a tree per language, its files one per area of the app. */
export const translations: Record<string, object> = { en, es, vi }

export const resources = {
  en: { translation: en },
  es: { translation: es },
  vi: { translation: vi },
  'en-XA': { translation: accented(en) },
  'ar-XB': { translation: rightToLeft(en) },
}
