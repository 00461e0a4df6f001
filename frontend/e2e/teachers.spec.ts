// A school where teachers share one installation: the admin adds two teachers on the Teachers
// screen and hands them the passwords it made up; Ms Lan writes a private quiz and shares another
// with the school; Mr Diego finds only the shared one in the School library, reads it and copies
// it into his own library; the admin sees every quiz, hands Lan's private one over to Diego and
// disables Lan, whose open page is signed out on its next request and whose sign-in is refused.
// Each screen is saved at desktop and phone size, and at phone size no page scrolls sideways.
import { expect, test, type Locator, type Page } from '@playwright/test'
import path from 'node:path'
import { DESKTOP, dismissToasts, newPage, PHONE, shot, watchForErrors } from './pages'
import { OUTPUT_DIR } from './server'
import { createQuiz, signInAsTeacher } from './steps'

// The words the app gives the API's account_disabled code.
const DISABLED = 'This account is disabled. Ask an admin of your school.'
const PRIVATE = "Lan's private words"
const SHARED = "Lan's shared words"
const COPY = `${SHARED} (copy)`

function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
}

/** The screen at desktop size, then narrowed to a phone's width, where it must not scroll sideways. */
async function shotBoth(page: Page, name: string, fullPage = true) {
  const desktop = page.viewportSize()!
  await shot(page, `${name}-desktop`, fullPage)
  await page.setViewportSize(PHONE.viewport)
  await expect.poll(() => scrollsSideways(page), { message: `${name} scrolls sideways on a phone` }).toBe(false)
  await shot(page, `${name}-phone`, fullPage)
  await page.setViewportSize(desktop)
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/signin')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Adds a teacher on the Teachers screen without a password; the one made up, read from the dialog. */
async function addTeacher(admin: Page, username: string, name: string, screenshot?: string): Promise<string> {
  await admin.getByRole('button', { name: 'Add teacher' }).first().click()
  const form = admin.getByRole('dialog', { name: 'Add a teacher' })
  await form.getByLabel('Username').fill(username)
  await form.getByLabel('Name (optional)').fill(name)
  await form.getByRole('button', { name: 'Add teacher' }).click()
  const shown = admin.getByRole('alertdialog', { name: `Password for ${name}` })
  await expect(shown).toContainText(`Give this password to ${name}; it is shown only now`)
  const password = (await shown.getByTestId('new-password').textContent()) ?? ''
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
  if (screenshot) await shotBoth(admin, screenshot, false)
  await shown.getByRole('button', { name: 'Done' }).click()
  await expect(shown).toBeHidden()
  await expect(row(admin, 'teacher-row', name)).toContainText('Active')
  return password
}

function row(page: Page, testId: 'quiz-row' | 'teacher-row', text: string): Locator {
  return page.getByTestId(testId).filter({ has: page.getByText(text, { exact: true }) })
}

test('teachers share a school library; the admin hands a quiz over and disables an account', async ({ browser }) => {
  const admin = await newPage(browser, DESKTOP, 'reduce')
  const lan = await newPage(browser, DESKTOP, 'reduce')
  const diego = await newPage(browser, DESKTOP, 'reduce')
  const pages = { admin, lan, diego }
  const problems: string[] = []
  watchForErrors(pages, problems)
  const passwords = { lan: '', diego: '' }

  try {
    await test.step('the admin adds Ms Lan and Mr Diego and reads the passwords made up for them', async () => {
      await signInAsTeacher(admin)
      await admin.getByRole('navigation').getByRole('link', { name: 'Teachers' }).click()
      await expect(admin).toHaveURL(/\/admin\/teachers$/)
      await expect(admin.getByText('No teachers yet')).toBeVisible()
      passwords.lan = await addTeacher(admin, 'lan', 'Ms Lan', 'teachers-password-dialog')
      passwords.diego = await addTeacher(admin, 'diego', 'Mr Diego')
      await dismissToasts(admin)
      await shotBoth(admin, 'teachers')
    })

    await test.step('Ms Lan writes a private quiz and shares another with the school', async () => {
      await signIn(lan, 'lan', passwords.lan)
      await expect(lan).toHaveURL(/\/admin$/)
      await expect(lan.getByText('No quizzes of your own yet')).toBeVisible()
      // The Teachers screen is the admin's alone.
      await expect(lan.getByRole('navigation').getByRole('link', { name: 'Teachers' })).toHaveCount(0)

      await lan.getByRole('button', { name: 'New quiz' }).first().click()
      const dialog = lan.getByRole('dialog', { name: 'New quiz' })
      await dialog.getByLabel('Title').fill(PRIVATE)
      await dialog.getByRole('button', { name: 'Create and add questions' }).click()
      await expect(lan.getByRole('heading', { name: PRIVATE, level: 1 })).toBeVisible()

      const token = (await lan.evaluate(() => localStorage.getItem('vocabquiz.token')))!
      await createQuiz(lan.request, token, SHARED, [
        { prompt: 'What does "huge" mean?', choices: ['very big', 'very small', 'very old'], time_limit_s: null },
        { prompt: 'What does "quick" mean?', choices: ['fast', 'slow', 'loud'], time_limit_s: 20 },
      ])
      // Made through the API behind the app's back: the list is read afresh.
      await lan.goto('/admin')
      const shared = row(lan, 'quiz-row', SHARED)
      await shared.getByRole('button', { name: 'Share with the school' }).click()
      await expect(shared.getByText('Shared', { exact: true })).toBeVisible()
      await expect(shared.getByRole('button', { name: 'Stop sharing' })).toBeVisible()
      await expect(row(lan, 'quiz-row', PRIVATE).getByText('Shared', { exact: true })).toHaveCount(0)
    })

    await test.step('Mr Diego finds only the shared quiz in the School library, reads it and copies it', async () => {
      await signIn(diego, 'diego', passwords.diego)
      await expect(diego.getByText('No quizzes of your own yet')).toBeVisible()
      await expect(diego.getByTestId('quiz-row')).toHaveCount(0)
      await dismissToasts(diego)
      await shotBoth(diego, 'quizzes-mine-empty')

      await diego.getByRole('tab', { name: 'School library' }).click()
      await expect(diego).toHaveURL(/\/admin\?tab=school$/)
      await expect(row(diego, 'quiz-row', SHARED)).toContainText('by Ms Lan')
      await expect(row(diego, 'quiz-row', PRIVATE)).toHaveCount(0)
      // The tab survives a reload.
      await diego.reload()
      await expect(diego.getByRole('tab', { name: 'School library' })).toHaveAttribute('aria-selected', 'true')
      await expect(row(diego, 'quiz-row', SHARED)).toBeVisible()
      await expect(diego.getByText(PRIVATE)).toHaveCount(0)
      await shotBoth(diego, 'quizzes-school')

      await row(diego, 'quiz-row', SHARED).getByRole('link', { name: 'View' }).click()
      await expect(diego.getByRole('heading', { name: SHARED, level: 1 })).toBeVisible()
      await expect(
        diego.getByText('This quiz is shared by Ms Lan. Duplicate it to change it or to run it with your class'),
      ).toBeVisible()
      await expect(diego.getByRole('heading', { name: /What does "huge" mean\?/ })).toBeVisible()
      for (const name of [/Edit details/, /Add a question/, /Open a session/, /Import word list/])
        await expect(diego.getByRole('button', { name })).toHaveCount(0)
      await shotBoth(diego, 'quiz-shared-read-only')

      await diego.getByRole('button', { name: 'Duplicate' }).click()
      await expect(diego.getByText('Copied to your library')).toBeVisible()
      await expect(diego.getByRole('heading', { name: COPY, level: 1 })).toBeVisible()
      await expect(diego.getByRole('button', { name: /Edit details/ })).toBeVisible()
      await diego.getByRole('navigation').getByRole('link', { name: 'Quizzes' }).click()
      await expect(row(diego, 'quiz-row', COPY)).toContainText('by Mr Diego')
      await expect(row(diego, 'quiz-row', COPY).getByText('Shared', { exact: true })).toHaveCount(0)
      await dismissToasts(diego)
      await shotBoth(diego, 'quizzes-mine')
    })

    await test.step("the admin sees all of Lan's quizzes and hands the private one over to Diego", async () => {
      await admin.getByRole('navigation').getByRole('link', { name: 'Quizzes' }).click()
      await admin.getByRole('tab', { name: 'All quizzes' }).click()
      await expect(admin).toHaveURL(/\/admin\?tab=all$/)
      await expect(row(admin, 'quiz-row', PRIVATE)).toContainText('by Ms Lan')
      await expect(row(admin, 'quiz-row', SHARED)).toContainText('by Ms Lan')
      await expect(row(admin, 'quiz-row', COPY)).toContainText('by Mr Diego')
      await shotBoth(admin, 'quizzes-all')

      await row(admin, 'quiz-row', PRIVATE)
        .getByRole('button', { name: /Hand over/ })
        .click()
      const dialog = admin.getByRole('dialog', { name: `Hand over “${PRIVATE}”` })
      await dialog.getByLabel('New owner').selectOption({ label: 'Mr Diego (@diego)' })
      await shotBoth(admin, 'quizzes-hand-over-dialog', false)
      await dialog.getByRole('button', { name: 'Hand over', exact: true }).click()
      await expect(dialog).toBeHidden()
      await expect(row(admin, 'quiz-row', PRIVATE)).toContainText('by Mr Diego')

      await diego.reload()
      await expect(row(diego, 'quiz-row', PRIVATE)).toContainText('by Mr Diego')
    })

    await test.step('the admin disables Lan: her open page is signed out and her sign-in refused', async () => {
      await admin.getByRole('navigation').getByRole('link', { name: 'Teachers' }).click()
      await expect(row(admin, 'teacher-row', 'Ms Lan')).toContainText('1 quiz')
      await row(admin, 'teacher-row', 'Ms Lan').getByRole('button', { name: 'Disable' }).click()
      const confirm = admin.getByRole('alertdialog', { name: 'Disable Ms Lan?' })
      await expect(confirm).toContainText('They are signed out at once and cannot sign in')
      await confirm.getByRole('button', { name: 'Disable' }).click()
      await expect(row(admin, 'teacher-row', 'Ms Lan')).toContainText('Disabled')
      await expect(row(admin, 'teacher-row', 'Ms Lan').getByRole('button', { name: 'Enable' })).toBeVisible()
      await dismissToasts(admin)
      await shotBoth(admin, 'teachers-one-disabled')

      // Her page is still open on her quizzes; the next request tells it she is out.
      await lan.getByRole('tab', { name: 'School library' }).click()
      await expect(lan).toHaveURL(/\/signin\?next=/)
      await expect(lan.getByText('You were signed out')).toBeVisible()
      await expect(lan.getByText(DISABLED)).toBeVisible()
      expect(await lan.evaluate(() => localStorage.getItem('vocabquiz.token'))).toBeNull()
      await shotBoth(lan, 'signed-out-disabled')

      await lan.getByLabel('Username').fill('lan')
      await lan.getByLabel('Password', { exact: true }).fill(passwords.lan)
      await lan.getByRole('button', { name: 'Sign in' }).click()
      await expect(lan.getByRole('alert')).toContainText(DISABLED)
      await expect(lan).toHaveURL(/\/signin/)
    })

    expect(problems, 'errors in the pages').toEqual([])
  } catch (error) {
    for (const [name, page] of Object.entries(pages)) {
      await page
        .screenshot({ path: path.join(OUTPUT_DIR, `failure-teachers-${name}.png`), fullPage: true })
        .catch(() => undefined)
    }
    throw error
  } finally {
    await Promise.all(Object.values(pages).map((page) => page.context().close()))
  }
})
