import { useCallback, useLayoutEffect, useState } from 'react'

type Fit = {
  /** Height of one row, used until a rendered row can be measured. */
  rowHeight: number
  /** Space between rows, likewise. */
  gap: number
  /** Height kept free below the list (a line under it, the page's padding). */
  reserve: number
  /** Rows shown however small the window. */
  min: number
}

/**
 * How many rows fit between the top of a list and the bottom of the window, `rowPitch` apart. A list
 * that starts low on the page (a narrow screen, under other content) gets a whole window once scrolled to.
 */
export function rowsThatFit(
  listTop: number,
  windowHeight: number,
  rowPitch: number,
  fit: Pick<Fit, 'gap' | 'reserve' | 'min'>,
): number {
  const from = listTop < windowHeight / 2 ? listTop : 0
  const available = windowHeight - from - fit.reserve
  return Math.max(fit.min, Math.floor((available + fit.gap) / rowPitch))
}

/** A ref for the list (its rows are its `li` elements) and how many rows fit, re-measured on every resize. */
export function useRowsThatFit(fit: Fit) {
  const [list, setList] = useState<HTMLElement | null>(null)
  const [count, setCount] = useState(fit.min)
  const { rowHeight, gap, reserve, min } = fit

  const measure = useCallback(() => {
    if (!list) return
    const rows = list.querySelectorAll('li')
    const first = rows[0]?.getBoundingClientRect()
    const second = rows[1]?.getBoundingClientRect()
    // Measured from the rows on screen when there are any (fonts and breakpoints change them).
    const pitch =
      first && second && second.top > first.top
        ? second.top - first.top
        : first && first.height > 0
          ? first.height + gap
          : rowHeight + gap
    const top = list.getBoundingClientRect().top + window.scrollY
    setCount(rowsThatFit(top, window.innerHeight, pitch, { gap, reserve, min }))
  }, [list, rowHeight, gap, reserve, min])

  useLayoutEffect(() => {
    if (!list) return
    measure()
    window.addEventListener('resize', measure)
    const observer = new ResizeObserver(measure)
    observer.observe(list)
    observer.observe(document.body)
    return () => {
      window.removeEventListener('resize', measure)
      observer.disconnect()
    }
  }, [list, measure])

  return { ref: setList, count }
}
