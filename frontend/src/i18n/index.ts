import i18n from 'i18next'
import LanguageDetector from 'i18next-browser-languagedetector'
import { initReactI18next } from 'react-i18next'
import { resources } from './resources'

/** The languages a person can pick in the header, each named in itself. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'es', name: 'Español' },
] as const

/**
 * Test languages, reachable with `?lng=` but never offered: `en-XA` is English accented and a third
 * longer (text that would be clipped in a longer language shows), `ar-XB` is English laid out right
 * to left (a screen that is not mirrored shows).
 */
export const PSEUDO_LANGUAGES = ['en-XA', 'ar-XB'] as const

/** Where the chosen language is remembered in the browser. */
export const LANGUAGE_KEY = 'vocabquiz.language'

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES.map((l) => l.code), ...PSEUDO_LANGUAGES],
    // A browser set to es-MX or vi-VN gets Spanish or Vietnamese.
    nonExplicitSupportedLngs: true,
    detection: {
      order: ['querystring', 'localStorage', 'navigator'],
      lookupQuerystring: 'lng',
      lookupLocalStorage: LANGUAGE_KEY,
      caches: ['localStorage'],
    },
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    react: { useSuspense: false },
    initAsync: false, // the strings are bundled: the first render has them
  })

/** The page's `lang` and `dir` follow the language, so screen readers, fonts and mirroring do too. */
function markDocument(language: string) {
  document.documentElement.lang = language
  document.documentElement.dir = i18n.dir(language)
}
markDocument(i18n.language)
i18n.on('languageChanged', markDocument)

export default i18n
