// A whole live game through the real server and browser: the teacher opens a live session and
// runs it on a projector-sized screen; Mia (phone) and Leo (laptop) join in the lobby, Zoe (phone)
// joins in the middle of the second question, and Mia refreshes during it. Every phase is
// screenshot at projector and phone size.
import { expect, test, type Page } from '@playwright/test'
import { choice, newPage, PHONE, shot, timeLeft, watchForErrors } from './pages'
import { createQuiz, joinAsGuest, PROJECTOR, signInAsTeacher } from './steps'

const LAPTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 }
const QUESTIONS = [
  { prompt: 'What does "enormous" mean?', choices: ['very big', 'very small', 'very old'], time_limit_s: null },
  { prompt: 'What does "brief" mean?', choices: ['short in time', 'bright', 'heavy', 'noisy'], time_limit_s: 60 },
  { prompt: 'What does "fragile" mean?', choices: ['easily broken', 'strong'], time_limit_s: null },
]
const RIGHT = QUESTIONS.map((q) => q.choices[0])

async function expectLiveQuestion(page: Page, number: number) {
  await expect(page.getByRole('heading', { name: QUESTIONS[number - 1].prompt, exact: true })).toBeVisible()
}

/** Answers; the last player to answer goes straight on to the reveal, the others wait locked in. */
async function lockIn(page: Page, text: string, last = false) {
  await choice(page, text).click()
  if (last) await expect(page.getByTestId('reveal-result')).toBeVisible()
  else await expect(page.getByTestId('locked-in')).toContainText('Answer locked in')
}

test('a teacher runs a live game on the projector; three learners play, one joins late, one refreshes', async ({
  browser,
}) => {
  const host = await newPage(browser, PROJECTOR, 'reduce')
  const mia = await newPage(browser, PHONE, 'reduce')
  const leo = await newPage(browser, LAPTOP, 'reduce')
  const zoe = await newPage(browser, PHONE, 'reduce')
  const problems: string[] = []
  watchForErrors({ host, mia, leo, zoe }, problems)
  let code = ''

  await test.step('the teacher opens a live session of a quiz', async () => {
    const token = await signInAsTeacher(host)
    const quizId = await createQuiz(host.request, token, 'Describing words', QUESTIONS)
    await host.goto(`/admin/quizzes/${quizId}`)
    await host.getByText('Live (you lead it)').click()
    await host.getByRole('button', { name: 'Open a live session' }).click()
    await expect(host).toHaveURL(/\/admin\/sessions\/[A-Z2-9]{6}\/live$/)
    code = host.url().split('/').at(-2)!
    await expect(host.getByRole('img', { name: `QR code to join session ${code}` })).toBeVisible()
    await expect(host.getByTestId('main-action')).toBeDisabled() // nobody has joined yet
  })

  await test.step('Mia and Leo join and wait in the lobby', async () => {
    await joinAsGuest(mia, code, 'Mia')
    await expect(mia.getByRole('heading', { name: "You're in!" })).toBeVisible()
    await expect(mia.getByTestId('my-name')).toHaveText('Mia')
    await joinAsGuest(leo, code, 'Leo')
    await expect(host.getByText('Mia')).toBeVisible()
    await expect(host.getByText('Leo')).toBeVisible()
    await shot(host, 'live-lobby-projector', false)
    await shot(mia, 'live-lobby-phone', false)
  })

  await test.step('the teacher starts; both answer; the last answer reveals', async () => {
    await host.getByTestId('main-action').click()
    await expectLiveQuestion(host, 1)
    await expectLiveQuestion(mia, 1)
    await expectLiveQuestion(leo, 1)
    await shot(host, 'live-question-projector', false)
    await shot(mia, 'live-question-phone', false)
    await lockIn(mia, RIGHT[0])
    await expect(host.getByTestId('answered-count')).toContainText('1')
    await shot(mia, 'live-locked-in-phone', false)
    await lockIn(leo, QUESTIONS[0].choices[1], true)
    await expect(host.getByRole('heading', { name: RIGHT[0] })).toBeVisible()
    await expect(host.getByRole('heading', { name: 'Top 2' })).toBeVisible()
    await expect(mia.getByTestId('reveal-result').getByRole('heading')).toContainText('Correct')
    await expect(leo.getByTestId('standing-line')).toContainText('2nd place')
    await shot(host, 'live-reveal-projector', false)
    await shot(mia, 'live-reveal-phone', false)
  })

  await test.step('question 2: Zoe joins late, Mia refreshes, the teacher ends it early', async () => {
    await host.getByTestId('main-action').click()
    await expectLiveQuestion(host, 2)
    await expectLiveQuestion(mia, 2)
    const before = await timeLeft(mia)
    await joinAsGuest(zoe, code, 'Zoe')
    await expectLiveQuestion(zoe, 2) // she starts at the question everyone is on
    await mia.reload()
    await expectLiveQuestion(mia, 2)
    expect(await timeLeft(mia)).toBeLessThanOrEqual(before) // the same clock, not a new one
    await lockIn(mia, RIGHT[1])
    await lockIn(zoe, RIGHT[1])
    await expect(host.getByTestId('answered-count')).toContainText('2')
    await host.getByRole('button', { name: 'End question' }).click()
    await expect(host.getByRole('heading', { name: RIGHT[1] })).toBeVisible()
    await expect(leo.getByText("You didn't answer this one.")).toBeVisible()
    await shot(zoe, 'live-reveal-late-joiner-phone', false)
  })

  await test.step('question 3, then the podium and the close', async () => {
    await host.getByTestId('main-action').click()
    await expectLiveQuestion(leo, 3)
    await lockIn(mia, RIGHT[2])
    await lockIn(leo, RIGHT[2])
    await lockIn(zoe, RIGHT[2], true)
    await expect(host.getByRole('button', { name: 'Show podium' })).toBeVisible()
    await host.getByRole('button', { name: 'Show podium' }).click()
    await expect(host.getByRole('heading', { name: /The podium/ })).toBeVisible()
    await expect(mia.getByRole('heading', { name: 'The podium' })).toBeVisible()
    await shot(host, 'live-podium-projector', false)
    await shot(mia, 'live-podium-phone', false)
    await host.getByRole('button', { name: 'Close session' }).click()
    const token = await host.evaluate(() => localStorage.getItem('vocabquiz.token'))
    await expect
      .poll(async () => {
        const r = await host.request.get(`/api/sessions/${code}`, { headers: { Authorization: `Bearer ${token}` } })
        return (await r.json()).status
      })
      .toBe('closed')
    const results = await host.request.get(`/api/sessions/${code}/results`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    const rows = (await results.json()) as { display_name: string; answered_count: number; score: number }[]
    expect(Object.fromEntries(rows.map((r) => [r.display_name, r.answered_count]))).toEqual({ Mia: 3, Leo: 2, Zoe: 2 })
    expect(rows[0].display_name).toBe('Mia')
  })

  expect(problems).toEqual([])
})
