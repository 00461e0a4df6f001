// What the end-to-end tests share: browser contexts of their own at phone and desktop sizes,
// screenshots (without the toasts over them), the errors that end a test, and finding an answer
// button by its text.
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test'
import path from 'node:path'
import { OUTPUT_DIR } from './server'

export const SHOTS = path.join(OUTPUT_DIR, 'screens')
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
export const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 }

export const baseURL = () => {
  const url = process.env.E2E_BASE_URL
  if (!url) throw new Error('E2E_BASE_URL is not set: the global setup (e2e/server.ts) did not run')
  return url
}

/**
 * A browser context of its own (its own storage, so its own user). `reducedMotion` stills the
 * endless "Live" pulse, which on two cores otherwise costs a quarter of the run's CPU.
 */
export async function newPage(
  browser: Browser,
  device: BrowserContextOptions,
  reducedMotion: 'reduce' | 'no-preference',
): Promise<Page> {
  const context = await browser.newContext({
    ...device,
    baseURL: baseURL(),
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion,
  })
  return context.newPage()
}

export async function shot(page: Page, name: string, fullPage = true) {
  // From the top, so that the sticky header sits at the top of a full-page picture.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0))
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide' })
}

/** Closes the confirmations still showing, so that they don't cover a screenshot. */
export async function dismissToasts(page: Page) {
  const close = page.getByRole('button', { name: 'Dismiss' })
  for (const button of await close.all()) await button.click().catch(() => undefined)
  await expect(close).toHaveCount(0)
}

/** Uncaught errors, and what a Content-Security-Policy refused, end the test: the app must run under the server's CSP. */
export function watchForErrors(pages: Record<string, Page>, problems: string[]) {
  for (const [name, page] of Object.entries(pages)) {
    page.on('pageerror', (error) => problems.push(`${name}: uncaught ${error.message}`))
    page.on('console', (message) => {
      if (process.env.E2E_DEBUG_CONSOLE) console.log(`[${name}] ${message.type()}: ${message.text()}`)
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
        problems.push(`${name}: ${message.text()}`)
    })
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The answer button showing `text`, wherever this player's own order put it. */
export function choice(page: Page, text: string) {
  return page.getByRole('button', { name: new RegExp(`^Answer \\d: ${escapeRegExp(text)}( \\(|$)`) })
}

export async function timeLeft(page: Page): Promise<number> {
  return Number(await page.getByRole('progressbar', { name: 'Time left' }).getAttribute('aria-valuenow'))
}
