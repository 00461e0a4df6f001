import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach, vi } from 'vitest'
import i18n from '../i18n'

// A key with no English string fails the test that renders it, instead of showing the key.
i18n.options.saveMissing = true
i18n.on('missingKey', (_languages, _namespace, key) => {
  throw new Error(`No English string for the key ${key}`)
})

afterEach(async () => {
  cleanup()
  await i18n.changeLanguage('en')
  localStorage.clear()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

// jsdom lacks these browser APIs that Chakra UI and the app rely on.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList
}
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
}
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => {}
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {}
