import { defineConfig } from '@playwright/test'

// End-to-end tests: a real server (started by e2e/server.ts) and Debian's Chromium, not a
// browser downloaded by Playwright. Run with `npm run e2e` after `npm run build`.
export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/output/test-results',
  globalSetup: './e2e/server.ts',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking'],
    },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
  },
})
