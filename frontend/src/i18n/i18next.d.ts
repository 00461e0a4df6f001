import 'i18next'
import type { Messages } from './resources'

// Keys are checked by the compiler: a t('…') of a key English lacks does not build.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Messages }
  }
}
