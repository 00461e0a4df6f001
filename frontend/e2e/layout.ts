// Text a screen cuts off, lets run off the side, or that makes the page scroll sideways: what a longer
// language shows first. Read from the laid-out page, text node by text node.
import type { Page } from '@playwright/test'

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${root.clientWidth}px`)

    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.className.toString()
      return `<${el.tagName.toLowerCase()} ${id.slice(0, 60)}>`
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? ''
      const parent = node.parentElement
      if (!text || !parent || parent.closest('[hidden], script, style, svg')) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0)
      if (rects.length === 0) continue
      const quote = `"${text.slice(0, 50)}"`

      let clipper: string | null = null
      let scrolls = false
      let readerOnly = false
      for (let el: Element | null = parent; el && el !== document.body; el = el.parentElement) {
        const style = getComputedStyle(el)
        const box = el.getBoundingClientRect()
        // Text kept for screen readers (a 1-pixel or clipped box, a skip link until focused): not for the eye.
        const clipped = (style.clip !== 'auto' && style.clip !== '') || style.clipPath !== 'none'
        if (box.width <= 1 || box.height <= 1 || clipped || style.visibility === 'hidden' || style.opacity === '0') {
          readerOnly = true
          break
        }
        const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip'
        const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip'
        for (const r of rects) {
          const outX = r.left < box.left - 1 || r.right > box.right + 1
          const outY = r.top < box.top - 1 || r.bottom > box.bottom + 1
          if ((clipsX && outX) || (clipsY && outY)) clipper ??= describe(el)
        }
        if (/auto|scroll/.test(style.overflowX)) {
          scrolls = true // a table that scrolls sideways on purpose
          break
        }
      }
      if (readerOnly) continue
      if (clipper) problems.push(`${quote} is cut off by ${clipper}`)
      else if (!scrolls && rects.some((r) => r.left < -1 || r.right > root.clientWidth + 1))
        problems.push(`${quote} runs off the screen (${describe(parent)})`)
    }
    return problems
  })
}

/** Markup or placeholders shown as text: a tag the translation broke, or a value it never got. */
export async function rawMarkup(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText()
  return text.match(/\{\{[^}]*\}\}|<\/?[^\s<>/]+>/g) ?? []
}
