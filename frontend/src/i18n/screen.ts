import { createInstance, type i18n as I18n } from 'i18next'
import i18n from '.'
import { resources } from './resources'

/** Where a class screen's language is remembered, apart from the teacher's own. */
export const SCREEN_LANGUAGE_KEY = 'vocabquiz.screenLanguage'

/**
 * A language of its own for the screen a class watches (the projector): the teacher may read the
 * app in one language while the class sees another. Nothing is detected or cached by it.
 */
export function createScreenI18n(): I18n {
  const screen = createInstance()
  void screen.init({
    resources,
    lng: localStorage.getItem(SCREEN_LANGUAGE_KEY) ?? i18n.resolvedLanguage ?? 'en',
    fallbackLng: 'en',
    supportedLngs: i18n.options.supportedLngs,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    initAsync: false,
  })
  screen.on('languageChanged', (language) => localStorage.setItem(SCREEN_LANGUAGE_KEY, language))
  return screen
}
