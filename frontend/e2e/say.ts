// The app's own strings in any of its languages, so a test finds a button as a reader of that language would.
import { createInstance, type TOptions } from 'i18next'
import { resources } from '../src/i18n/resources'

const i18n = createInstance()
void i18n.init({ resources, fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false })

export type Language = keyof typeof resources

export function say(language: Language, key: string, options?: TOptions): string {
  return i18n.getFixedT(language)(key, options ?? {})
}
