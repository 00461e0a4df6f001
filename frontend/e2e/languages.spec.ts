// The app in the learner's language: the main screens in a test language a third longer than
// English (accented, `en-XA`) at phone size cut off no text and never scroll sideways; a right-to-left
// test language (`ar-XB`) mirrors the screen; a phone set to Vietnamese or Spanish plays and sees
// its results in that language (screenshots of both), switches language from the header and keeps the
// choice; a class screen keeps a language of its own apart from the teacher's.
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { layoutProblems, rawMarkup } from './layout'
import { baseURL, newPage, PHONE, shot, watchForErrors } from './pages'
import { say, type Language } from './say'
import { bearer, createQuiz, PROJECTOR, type QuestionPlan } from './steps'

const QUESTIONS: QuestionPlan[] = [
  { prompt: 'What does "brave" mean?', choices: ['not afraid', 'very tired', 'a little late'], time_limit_s: null },
  { prompt: 'What does "calm" mean?', choices: ['quiet and still', 'very loud'], time_limit_s: 60 },
]
const RIGHT = QUESTIONS.map((q) => q.choices[0])

async function teacherToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/auth/login', {
    data: { username: process.env.E2E_ADMIN_USERNAME, password: process.env.E2E_ADMIN_PASSWORD },
  })
  expect(response.status()).toBe(200)
  return (await response.json()).access_token as string
}

async function openSession(request: APIRequestContext, token: string, quizId: string, mode: 'self_paced' | 'live') {
  const response = await request.post(`/api/quizzes/${quizId}/sessions`, { headers: bearer(token), data: { mode } })
  expect(response.status()).toBe(201)
  return (await response.json()).code as string
}

/** A step of the host's game through the API, from the phase the session is at. */
async function hostStep(request: APIRequestContext, token: string, code: string, action: string) {
  const state = await request.get(`/api/sessions/${code}/live`, { headers: bearer(token) })
  const { phase_version } = await state.json()
  const response = await request.post(`/api/sessions/${code}/live/${action}`, {
    headers: bearer(token),
    data: { phase_version },
  })
  expect(response.status()).toBe(200)
}

/** A browser context set to a language, as a phone whose owner reads it would be. */
async function phoneIn(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({
    ...PHONE,
    baseURL: baseURL(),
    locale,
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  })
  return context.newPage()
}

/** Nothing cut off and no sideways scrolling; a screenshot of it to look at. */
async function expectTidy(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready)
  await shot(page, name)
  expect(await layoutProblems(page), `${name}: text cut off or off the screen`).toEqual([])
  expect(await rawMarkup(page), `${name}: markup shown as text`).toEqual([])
}

/** A guest joins by the join link and plays both questions, the first right and the second wrong. */
async function playThrough(
  page: Page,
  code: string,
  language: Language,
  name: string,
  screen: (s: string) => Promise<void>,
) {
  await page.goto(`/join/${code}`)
  await expect(page.getByRole('heading', { name: say(language, 'auth.welcome.title') })).toBeVisible()
  await screen('welcome')
  await page.getByLabel(say(language, 'auth.welcome.nameLabel')).fill(name)
  await page.getByRole('button', { name: say(language, 'auth.welcome.submit') }).tap()
  await expect(page).toHaveURL(new RegExp(`/play/${code}$`))

  await expect(page.getByRole('heading', { name: QUESTIONS[0].prompt })).toBeVisible()
  await expect(page.getByText(say(language, 'play.progress.question', { current: 1, total: 2 }))).toBeVisible()
  await screen('question')
  await page.getByTestId('answer-button').filter({ hasText: RIGHT[0] }).tap()
  await expect(page.getByTestId('answer-feedback')).toContainText(say(language, 'play.feedback.correct'))
  await screen('feedback')
  await page.getByRole('button', { name: say(language, 'play.feedback.next') }).tap()

  await expect(page.getByRole('heading', { name: QUESTIONS[1].prompt })).toBeVisible()
  await expect(page.getByRole('progressbar', { name: say(language, 'play.countdown.label') })).toBeVisible()
  await screen('timed-question')
  await page.getByTestId('answer-button').filter({ hasNotText: RIGHT[1] }).tap()
  await expect(page.getByTestId('answer-feedback')).toContainText(say(language, 'play.feedback.notQuite'))
  await screen('feedback-wrong')
  await page.getByRole('button', { name: say(language, 'play.feedback.seeResults') }).tap()

  await expect(page.getByTestId('final-rank')).toContainText(say(language, 'play.finalRank.finished'))
  await expect(page.getByTestId('final-rank')).toContainText(say(language, 'common.place', { count: 1, ordinal: true }))
  await screen('results')
}

test.describe('the app in other languages', () => {
  test.afterEach(async ({ browser }) => {
    for (const context of browser.contexts()) await context.close()
  })

  let token = ''
  let quizId = ''

  test.beforeAll(async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: baseURL() })
    token = await teacherToken(request)
    quizId = await createQuiz(request, token, 'Feelings', QUESTIONS)
    await request.dispose()
  })

  test('the checks find text cut off, off the screen, and markup shown as text', async ({ browser }) => {
    const page = await phoneIn(browser, 'en-US')
    await page.setContent(`
      <meta name="viewport" content="width=device-width">
      <div style="width: 80px; overflow: hidden; white-space: nowrap">Ţĥîš îš ţöö ļöñĝ ţö ƒîţ</div>
      <p style="white-space: nowrap">Á ļîñé ŵîðéŕ ţĥáñ á þĥöñé, ŵĥîçĥ ñéṽéŕ ŵŕáþš áñð ŕûñš öñ áñð öñ</p>
      <span style="position: absolute; width: 1px; height: 1px; overflow: hidden">for screen readers</span>
      <p>Join at <b>{{address}}</b></p>`)
    const problems = await layoutProblems(page)
    expect(problems).toContainEqual(expect.stringContaining('"Ţĥîš îš ţöö ļöñĝ ţö ƒîţ" is cut off by <div'))
    expect(problems).toContainEqual(expect.stringMatching(/^"Á ļîñé ŵîðéŕ.* runs off the screen/))
    expect(problems).toContainEqual(expect.stringContaining('the page scrolls sideways'))
    expect(problems.join()).not.toContain('for screen readers')
    expect(await rawMarkup(page)).toEqual(['{{address}}'])
  })

  test('a third longer (en-XA) at phone size, the main screens cut off no text and never scroll sideways', async ({
    browser,
  }) => {
    const learner = await phoneIn(browser, 'en-US')
    const teacher = await phoneIn(browser, 'en-US')
    const problems: string[] = []
    watchForErrors({ learner, teacher }, problems)
    const language = 'en-XA'
    let played = ''

    await test.step('signed out: sign-in, account and join screens', async () => {
      await learner.goto('/signin?lng=en-XA') // remembered from here on
      await expect(learner.locator('html')).toHaveAttribute('lang', 'en-XA')
      await expect(learner.getByRole('heading', { name: say(language, 'auth.signIn.title') })).toBeVisible()
      await expectTidy(learner, 'pseudo-sign-in-phone')
      await learner.goto('/register')
      await expect(learner.getByRole('heading', { name: say(language, 'auth.register.title') })).toBeVisible()
      await expectTidy(learner, 'pseudo-register-phone')
    })

    await test.step('a self-paced quiz: every step of it, then the history and the join screen', async () => {
      played = await openSession(learner.request, token, quizId, 'self_paced')
      await playThrough(learner, played, language, 'Ana', (s) => expectTidy(learner, `pseudo-${s}-phone`))
      await learner.goto('/history')
      await expect(learner.getByRole('heading', { name: say(language, 'play.history.title') })).toBeVisible()
      await expect(learner.getByRole('listitem').filter({ hasText: 'Feelings' })).toBeVisible()
      await expectTidy(learner, 'pseudo-history-phone')
      await learner.goto('/join')
      await expect(learner.getByLabel(say(language, 'play.joinCode.label'))).toBeVisible()
      await expectTidy(learner, 'pseudo-join-phone')
    })

    await test.step('a live game: lobby, question, locked in, reveal, podium', async () => {
      const code = await openSession(learner.request, token, quizId, 'live')
      await learner.goto(`/play/${code}`)
      await expect(learner.getByTestId('live-lobby')).toContainText(say(language, 'live.lobby.title'))
      await expectTidy(learner, 'pseudo-live-lobby-phone')
      await hostStep(learner.request, token, code, 'start')
      await expect(learner.getByRole('heading', { name: QUESTIONS[0].prompt })).toBeVisible()
      await expectTidy(learner, 'pseudo-live-question-phone')
      await learner.getByTestId('answer-button').filter({ hasText: RIGHT[0] }).tap()
      // The only player: the answer ends the question at once.
      await expect(learner.getByTestId('reveal-result')).toContainText(say(language, 'play.feedback.correct'))
      await expectTidy(learner, 'pseudo-live-reveal-phone')
      await hostStep(learner.request, token, code, 'finish')
      await expect(learner.getByTestId('podium')).toBeVisible()
      await expectTidy(learner, 'pseudo-live-podium-phone')
    })

    await test.step("the teacher's screens on a phone: quizzes, a new quiz, editor, import, session, results", async () => {
      await teacher.addInitScript((value) => localStorage.setItem('vocabquiz.token', value), token)
      await teacher.goto('/admin?lng=en-XA')
      await expect(teacher.getByRole('link', { name: 'Feelings' }).first()).toBeVisible()
      await expectTidy(teacher, 'pseudo-quizzes-phone')
      await teacher
        .getByRole('button', { name: say(language, 'admin.quizzes.newQuiz') })
        .first()
        .tap()
      await expect(teacher.getByRole('dialog')).toBeVisible()
      await expectTidy(teacher, 'pseudo-new-quiz-phone')
      await teacher.keyboard.press('Escape')
      await expect(teacher.getByRole('dialog')).toBeHidden()
      await teacher.goto(`/admin/quizzes/${quizId}`)
      await expect(teacher.getByRole('heading', { name: QUESTIONS[0].prompt })).toBeVisible()
      await expectTidy(teacher, 'pseudo-quiz-editor-phone')
      await teacher.goto(`/admin/quizzes/${quizId}/import`)
      await expect(teacher.getByRole('heading', { name: say(language, 'admin.wordListImport.title') })).toBeVisible()
      await expectTidy(teacher, 'pseudo-import-phone')
      // The session Ana played: her row on its leaderboard, then in the results table.
      await teacher.goto(`/admin/sessions/${played}`)
      await expect(teacher.getByTestId('leaderboard-row').filter({ hasText: 'Ana' })).toBeVisible()
      await expectTidy(teacher, 'pseudo-session-phone')
      const closed = await teacher.request.post(`/api/sessions/${played}/close`, { headers: bearer(token) })
      expect(closed.status()).toBe(200)
      await teacher.goto(`/admin/sessions/${played}/results`)
      await expect(teacher.getByRole('row').filter({ hasText: 'Ana' })).toBeVisible()
      await expectTidy(teacher, 'pseudo-results-phone')
    })
    expect(problems).toEqual([])
  })

  test('right to left (ar-XB), the play screen is mirrored and nothing is cut off', async ({ browser }) => {
    const page = await phoneIn(browser, 'en-US')
    const code = await openSession(page.request, token, quizId, 'self_paced')
    await page.goto(`/join/${code}?lng=ar-XB`)
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
    // Names marked right to left (a leading U+200F) don't match a locator's text: found by role.
    await page.getByRole('textbox').fill('Omar')
    await page.getByRole('textbox').press('Enter')
    await expect(page.getByRole('heading', { name: QUESTIONS[0].prompt })).toBeVisible()
    // The logo starts the header on the right; the menus are on the left.
    const logo = await page
      .getByRole('banner')
      .getByRole('link', { name: /vocabquiz/ })
      .boundingBox()
    const menu = await page
      .getByRole('banner')
      .getByRole('button', { name: /language/ })
      .boundingBox()
    expect(logo!.x).toBeGreaterThan(menu!.x)
    // Quiz content keeps the direction of its own words: an English prompt reads left to right.
    const prompt = page.getByRole('heading', { name: QUESTIONS[0].prompt })
    expect(await prompt.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr')
    expect(await page.locator('html').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl')
    await expectTidy(page, 'rtl-question-phone')
    await page.getByTestId('answer-button').filter({ hasText: RIGHT[0] }).tap()
    await expect(page.getByTestId('answer-feedback')).toBeVisible()
    await expectTidy(page, 'rtl-feedback-phone')
  })

  for (const [language, locale] of [
    ['vi', 'vi-VN'],
    ['es', 'es-ES'],
  ] as const) {
    test(`a phone set to ${locale} reads a refused sign-in, plays and sees its results in that language, and can switch`, async ({
      browser,
    }) => {
      const page = await phoneIn(browser, locale)
      const problems: string[] = []
      watchForErrors({ page }, problems)
      // An error of the API reaches the learner in their language, by its code.
      await page.goto('/signin')
      await page.getByLabel(say(language, 'auth.fields.username')).fill('nobody')
      await page.getByLabel(say(language, 'auth.fields.password'), { exact: true }).fill('not the password')
      await page.getByRole('button', { name: say(language, 'auth.signIn.submit'), exact: true }).tap()
      await expect(page.getByRole('alert')).toContainText(say(language, 'errors.api.login_failed'))

      const code = await openSession(page.request, token, quizId, 'self_paced')
      await playThrough(page, code, language, language === 'vi' ? 'Linh' : 'Lucía', async (screen) => {
        await expect(page.locator('html')).toHaveAttribute('lang', new RegExp(`^${language}`))
        if (screen === 'feedback' || screen === 'results') await expectTidy(page, `lang-${language}-${screen}-phone`)
      })

      // The header's menu switches to English; the choice outlasts a reload, over the phone's language.
      await page.getByRole('button', { name: new RegExp(say(language, 'common.language.menu')) }).tap()
      await page.getByRole('menuitemradio', { name: 'English' }).tap()
      await expect(page.getByTestId('final-rank')).toContainText(say('en', 'play.finalRank.finished'))
      await page.reload()
      await expect(page.locator('html')).toHaveAttribute('lang', /^en/)
      await expect(page.getByTestId('final-rank')).toContainText(say('en', 'play.finalRank.finished'))
      expect(problems).toEqual([])
    })
  }

  test("the class screen keeps a language of its own, apart from the teacher's", async ({ browser }) => {
    const page = await newPage(browser, PROJECTOR, 'reduce')
    await page.addInitScript((value) => localStorage.setItem('vocabquiz.token', value), token)
    const code = await openSession(page.request, token, quizId, 'self_paced')
    await page.goto(`/admin/sessions/${code}/board`)
    await expect(page.getByText(say('en', 'host.projector.howToJoin'))).toBeVisible()
    await page.getByRole('button', { name: new RegExp(say('en', 'common.language.menu')) }).click()
    await page.getByRole('menuitemradio', { name: 'Español' }).click()
    await expect(page.getByText(say('es', 'host.projector.howToJoin'))).toBeVisible()
    await shot(page, 'lang-es-projector-desktop', false)

    // Back to the session in the app (no reload): the teacher's own screens stay in English, and
    // the class screen keeps Spanish when opened again.
    await page.getByRole('link', { name: say('es', 'common.actions.back') }).click()
    await expect(page).toHaveURL(new RegExp(`/admin/sessions/${code}$`))
    await expect(page.locator('html')).toHaveAttribute('lang', /^en/)
    await page.getByRole('link', { name: say('en', 'host.session.projectorView') }).click()
    await expect(page.getByText(say('es', 'host.projector.howToJoin'))).toBeVisible()
  })
})
