import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatNumber, formatPercent } from '../lib/format'

/**
 * The formatters of the language shown here: the app's, or the projector's own when it has one.
 * `place(2)` is "2nd place", "hạng 2", "2.º puesto".
 */
export function useFormat() {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  return useMemo(
    () => ({
      number: (n: number) => formatNumber(language, n),
      percent: (fraction: number) => formatPercent(language, fraction),
      dateTime: (iso: string | null | undefined) => formatDateTime(language, iso),
      place: (rank: number) => t('common.place', { count: rank, ordinal: true }),
    }),
    [language, t],
  )
}
