/** Numbers, percentages and dates the way the reader's language writes them. */

export function formatNumber(language: string, n: number): string {
  return new Intl.NumberFormat(language).format(n)
}

/** 0.625 → "63%" (in French "63 %"). */
export function formatPercent(language: string, fraction: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(fraction)
}

/** "12 Mar 2025, 14:05", in the reader's language and time zone; '' for no date. */
export function formatDateTime(language: string, iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return date.toLocaleString(language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}
