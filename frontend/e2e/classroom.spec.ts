// A whole lesson through the real server and browser: the teacher writes a quiz, adds questions
// from a word list and turns the streak bonus on, then opens a session; two learners (a phone and a
// laptop) join and play while each watches the other's score on the live leaderboard; the teacher
// closes the session, downloads the results and sees which questions were hard; a learner practises
// the questions she missed. Along the way it saves a screenshot of each main screen at phone and
// desktop sizes. Each player sees the choices in an order of their own, so answers are found by text.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { choice, DESKTOP, dismissToasts, newPage, PHONE, shot, SHOTS, timeLeft, watchForErrors } from './pages'
import { OUTPUT_DIR } from './server'

type QuestionPlan = { prompt: string; choices: string[]; correct: number; seconds: number | null }
const QUIZ = { title: 'Animals in French', description: 'Pets and farm animals for year 7.' }
const QUESTIONS: QuestionPlan[] = [
  {
    prompt: 'What is "the dog" in French?',
    choices: ['le chat', 'le chien', 'la vache', 'le cheval'],
    correct: 1,
    seconds: null,
  },
  { prompt: 'What is "the apple" in French?', choices: ['la pomme', 'la poire'], correct: 0, seconds: 20 },
  {
    prompt: 'What is "the house" in French?',
    choices: ['la maison', 'la voiture', 'le jardin'],
    correct: 0,
    seconds: 30,
  },
  {
    prompt: 'What is "the book" in French?',
    choices: ['le cahier', 'le livre', 'le stylo', 'la table'],
    correct: 1,
    seconds: null,
  },
]

// Imported with "Meaning → word", 3 answers, untimed, 500 points: "Which word means “the rabbit”?".
const WORDS = [
  { word: 'le lapin', meaning: 'the rabbit', example: '' },
  { word: 'le cochon', meaning: 'the pig', example: '' },
  { word: 'le mouton', meaning: 'the sheep', example: "Le mouton mange de l'herbe." },
  { word: 'la chèvre', meaning: 'the goat', example: '' },
]
const WORD_LIST = ['word,meaning,example', ...WORDS.map((w) => `${w.word},${w.meaning},${w.example}`)].join('\n')
// The same list with a row that has no word, on line 3 of the file.
const BROKEN_WORD_LIST = WORD_LIST.replace('le cochon,', ',')
const IMPORTED_PROMPTS = WORDS.map((w) => (w.example ? "___ mange de l'herbe." : `Which word means “${w.meaning}”?`))
const TOTAL = QUESTIONS.length + WORDS.length

const points = (score: number) => score.toLocaleString('en-US')

/** The teacher's screens at both sizes: the desktop window is narrowed to a phone's width and back. */
async function shotBoth(page: Page, name: string, fullPage = true) {
  const desktop = page.viewportSize()!
  await page.setViewportSize(PHONE.viewport)
  await shot(page, `${name}-phone`, fullPage)
  await page.setViewportSize(desktop)
  await shot(page, `${name}-desktop`, fullPage)
}

async function darkShot(page: Page, name: string, fullPage = true) {
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('html')).toHaveClass(/\bdark\b/)
  await shot(page, name, fullPage)
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/)
}

/** Pastes `text` into a field through the clipboard, as a teacher copying from a spreadsheet would. */
async function paste(page: Page, field: Locator, text: string) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text)
  await field.focus()
  await page.keyboard.press('ControlOrMeta+V')
  await expect(field).toHaveValue(text)
}

async function markNoReload(page: Page) {
  await page.evaluate(() => Object.assign(window, { __e2eSamePage: true }))
}

async function expectSamePage(page: Page) {
  expect(await page.evaluate(() => '__e2eSamePage' in window), 'the page was not reloaded').toBe(true)
}

function leaderboardRow(page: Page, name: string) {
  return page.getByTestId('leaderboard-row').filter({ hasText: name })
}

async function expectQuestion(page: Page, number: number) {
  const prompt =
    number <= QUESTIONS.length ? QUESTIONS[number - 1].prompt : IMPORTED_PROMPTS[number - 1 - QUESTIONS.length]
  await expect(page.getByText(`Question ${number} of ${TOTAL}`, { exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: prompt, exact: true })).toBeVisible()
}

/** The number key that answers with `text` for this player. */
async function choiceKey(page: Page, text: string): Promise<string> {
  const label = (await choice(page, text).getAttribute('aria-label')) ?? ''
  const match = /^Answer (\d):/.exec(label)
  expect(match, `the number of "${text}" in "${label}"`).not.toBeNull()
  return match![1]
}

/** The new total shown after an answer, checked against the headline. */
async function expectFeedback(page: Page, headline: 'Correct!' | 'Not quite'): Promise<number> {
  const feedback = page.getByTestId('answer-feedback')
  await expect(feedback.getByRole('heading')).toContainText(headline)
  const text = (await feedback.getByText(/Your score:/).textContent()) ?? ''
  const match = /Your score: ([\d,]+)/.exec(text)
  expect(match, `score in "${text}"`).not.toBeNull()
  return Number(match![1].replace(/,/g, ''))
}

/** Fills the open question editor; `seconds: null` makes the question untimed. */
async function fillQuestion(page: Page, plan: QuestionPlan) {
  const editor = page.getByRole('region', { name: /New question/ })
  await editor.getByLabel('Question', { exact: true }).fill(plan.prompt)
  for (let n = 4; n > plan.choices.length; n--) await editor.getByRole('button', { name: `Remove answer ${n}` }).click()
  for (const [index, text] of plan.choices.entries())
    await editor.getByLabel(`Answer ${index + 1}`, { exact: true }).fill(text)
  // The radio input is visually hidden under its round control: click the control's label, as a person would.
  const correct = editor.getByLabel(`Answer ${plan.correct + 1} is the correct one`)
  await correct.locator('xpath=..').click()
  await expect(correct).toBeChecked()
  const timed = editor.getByRole('checkbox', { name: 'Timed question' })
  if (plan.seconds === null) {
    await editor.getByText('Timed question').click()
    await expect(timed).not.toBeChecked()
  } else {
    await expect(timed).toBeChecked()
    await editor.getByLabel('Seconds to answer').fill(String(plan.seconds))
  }
  return editor
}

test.beforeAll(() => {
  rmSync(SHOTS, { recursive: true, force: true })
  mkdirSync(SHOTS, { recursive: true })
})

test('a class plays a live quiz: teacher hosts, a phone and a laptop play, results download', async ({ browser }) => {
  const teacher = await newPage(browser, DESKTOP, 'reduce')
  await teacher.context().grantPermissions(['clipboard-read', 'clipboard-write']) // pastes a word list
  const mia = await newPage(browser, PHONE, 'reduce')
  const leo = await newPage(browser, DESKTOP, 'no-preference') // Leo's leaderboard rows glide (FLIP)
  const pages = { teacher, mia, leo }
  const problems: string[] = []
  watchForErrors(pages, problems)
  let code = ''

  try {
    await test.step('the teacher signs in', async () => {
      await teacher.goto('/signin')
      await expect(teacher.getByRole('heading', { name: 'Welcome back' })).toBeVisible()
      await shotBoth(teacher, 'sign-in')
      await teacher.getByLabel('Username').fill(process.env.E2E_ADMIN_USERNAME!)
      await teacher.getByLabel('Password', { exact: true }).fill(process.env.E2E_ADMIN_PASSWORD!)
      await teacher.getByRole('button', { name: 'Sign in' }).click()
      await expect(teacher).toHaveURL(/\/admin$/)
      await expect(teacher.getByText('No quizzes of your own yet')).toBeVisible()
    })

    await test.step('an earlier quiz exists, made through the API', async () => {
      const token = await teacher.evaluate(() => localStorage.getItem('vocabquiz.token'))
      const response = await teacher.request.post('/api/quizzes', {
        headers: { Authorization: `Bearer ${token}` },
        data: {
          title: 'Colours in Spanish',
          description: 'Warm-up for Monday.',
          questions: [
            {
              prompt: 'rojo',
              choices: [
                { text: 'red', correct: true },
                { text: 'blue', correct: false },
              ],
            },
            {
              prompt: 'verde',
              choices: [
                { text: 'yellow', correct: false },
                { text: 'green', correct: true },
              ],
            },
          ],
        },
      })
      expect(response.status()).toBe(201)
    })

    await test.step('the teacher writes a quiz in the editor', async () => {
      await teacher.getByRole('button', { name: 'New quiz' }).first().click()
      const dialog = teacher.getByRole('dialog', { name: 'New quiz' })
      await dialog.getByLabel('Title').fill(QUIZ.title)
      await dialog.getByLabel('Description (optional)').fill(QUIZ.description)
      await dialog.getByRole('button', { name: 'Create and add questions' }).click()
      await expect(teacher).toHaveURL(/\/admin\/quizzes\/[0-9a-f-]+$/)
      await expect(teacher.getByRole('heading', { name: QUIZ.title, level: 1 })).toBeVisible()

      await teacher.getByRole('button', { name: 'Add the first question' }).click()
      for (const [index, plan] of QUESTIONS.entries()) {
        if (index > 0) await teacher.getByRole('button', { name: 'Add a question' }).click()
        const editor = await fillQuestion(teacher, plan)
        if (index === QUESTIONS.length - 1) {
          // The same answer twice is caught as the teacher types, before anything is sent.
          await editor.getByLabel('Answer 3', { exact: true }).fill('Le Cahier')
          await editor.getByLabel('Answer 4', { exact: true }).click()
          await expect(editor.getByText('Same as answer 1. Each answer must be different.')).toBeVisible()
          await editor.getByRole('button', { name: 'Add question' }).click()
          await expect(editor.getByText('Same as answer 1. Each answer must be different.')).toBeVisible()
          await expect(teacher.getByRole('heading', { name: `Questions (${index})` })).toBeVisible()
          await shotBoth(teacher, 'quiz-editor')
          await editor.getByLabel('Answer 3', { exact: true }).fill(plan.choices[2])
          await expect(editor.getByText('Same as answer 1. Each answer must be different.')).toBeHidden()
        }
        await editor.getByRole('button', { name: 'Add question' }).click()
        await expect(teacher.getByRole('heading', { name: `Questions (${index + 1})` })).toBeVisible()
        await expect(teacher.getByRole('heading', { name: plan.prompt })).toBeVisible()
      }
      await expect(teacher.getByText('Untimed')).toHaveCount(2)
      await expect(teacher.getByText('20 s')).toBeVisible()
      await expect(teacher.getByText('30 s')).toBeVisible()
    })

    await test.step('the teacher adds questions from a word list: paste, preview, fix, import', async () => {
      await teacher.getByRole('link', { name: 'Import word list' }).click()
      await expect(teacher).toHaveURL(/\/admin\/quizzes\/[0-9a-f-]+\/import$/)
      await expect(teacher.getByRole('heading', { name: 'Import a word list' })).toBeVisible()
      await expect(teacher.getByText('Nothing to preview yet')).toBeVisible()
      const list = teacher.getByLabel('Word list (CSV)')
      await paste(teacher, list, BROKEN_WORD_LIST)
      await teacher.getByText('Meaning → word').click()
      await teacher.getByRole('radiogroup', { name: 'Answers per question' }).getByText('3', { exact: true }).click()
      await expect(teacher.getByRole('radio', { name: '3', exact: true })).toBeChecked()
      await teacher.getByText('Timed questions').click()
      await expect(teacher.getByRole('checkbox', { name: 'Timed questions' })).not.toBeChecked()
      await teacher.getByLabel('Points').fill('500')
      await teacher.getByRole('button', { name: 'Preview', exact: true }).click()
      const problems = teacher.getByTestId('word-list-problems')
      await expect(problems).toContainText('The word list has 1 problem.')
      await expect(problems).not.toContainText('Nothing was added')
      await expect(problems.getByRole('listitem')).toHaveText(['Line 3: The word is empty.'])
      await shot(teacher, 'import-errors-desktop')

      await list.fill('')
      await paste(teacher, list, WORD_LIST)
      await teacher.getByRole('button', { name: 'Preview', exact: true }).click()
      const previewed = teacher.getByRole('list', { name: 'Previewed questions' })
      await expect(previewed.getByRole('article')).toHaveCount(WORDS.length)
      await expect(teacher.getByTestId('word-count')).toHaveText(`${WORDS.length} words`)
      for (const prompt of IMPORTED_PROMPTS)
        await expect(previewed.getByRole('heading', { name: prompt })).toBeVisible()
      // The fill-in-the-blank question has the word as its right answer, and three answers in all.
      const blank = previewed.getByRole('article').filter({ hasText: IMPORTED_PROMPTS[2] })
      await expect(blank.getByRole('listitem')).toHaveCount(3)
      await expect(blank.getByRole('listitem').filter({ hasText: '(correct)' })).toHaveText('le mouton(correct)')
      await shotBoth(teacher, 'import-preview')

      await teacher.getByRole('button', { name: `Import ${WORDS.length} questions` }).click()
      await expect(teacher).toHaveURL(/\/admin\/quizzes\/[0-9a-f-]+$/)
      await expect(teacher.getByRole('heading', { name: `Questions (${TOTAL})` })).toBeVisible()
      await expect(teacher.getByText(`${WORDS.length} questions added from your word list`)).toBeVisible()
      await expect(teacher.getByText('New', { exact: true })).toHaveCount(WORDS.length)
      await shot(teacher, 'quiz-editor-imported-desktop', false)
    })

    await test.step('the teacher turns the streak bonus on', async () => {
      await teacher.getByRole('button', { name: 'Edit details' }).click()
      await expect(teacher.getByRole('radio', { name: /Speed/ })).toBeChecked()
      await teacher.getByText('Streak bonus', { exact: true }).click()
      await expect(teacher.getByRole('checkbox', { name: 'Streak bonus' })).toBeChecked()
      await shot(teacher, 'quiz-details-desktop', false)
      await teacher.getByRole('button', { name: 'Save', exact: true }).click()
      await expect(teacher.getByTestId('scoring-badges')).toContainText('Streak bonus')
    })

    await test.step('the teacher opens a session', async () => {
      await teacher.getByRole('button', { name: 'Open a session' }).click()
      await expect(teacher).toHaveURL(/\/admin\/sessions\/[A-Z2-9]{6}$/)
      code = teacher.url().split('/').pop()!
      await expect(teacher.getByTestId('session-code')).toContainText(code)
      await expect(teacher.getByRole('img', { name: `QR code to join session ${code}` })).toBeVisible()
      await expect(teacher.getByTestId('participant-count')).toHaveText('0')
    })

    await test.step('Mia joins on her phone by typing the code in lower case with a space', async () => {
      await mia.goto('/join')
      await expect(mia).toHaveURL(/\/welcome\?next=%2Fjoin$/)
      await expect(mia.getByRole('heading', { name: "Hi! What's your name?" })).toBeVisible()
      await shot(mia, 'welcome-phone')
      await mia.getByLabel('Your name').fill('Mia')
      await mia.getByRole('button', { name: "Let's play" }).tap()
      await expect(mia.getByRole('heading', { name: 'Ready, Mia?' })).toBeVisible()
      const field = mia.getByLabel('Join code')
      await field.pressSequentially(`${code.slice(0, 3)} ${code.slice(3)}`.toLowerCase())
      await expect(field).toHaveValue(code)
      await shot(mia, 'join-phone')
      await mia.getByRole('button', { name: 'Join' }).tap()
      await expect(mia).toHaveURL(new RegExp(`/play/${code}$`))
      await expectQuestion(mia, 1)
    })

    await test.step('Leo joins on his laptop through the join link', async () => {
      await leo.goto(`/join/${code}`)
      await expect(leo.getByText(`You're joining quiz ${code}`)).toBeVisible()
      await shot(leo, 'welcome-desktop')
      await leo.getByLabel('Your name').fill('Leo')
      await leo.getByLabel('Your name').press('Enter')
      await expect(leo).toHaveURL(new RegExp(`/play/${code}$`))
      await expectQuestion(leo, 1)
    })

    await test.step('the teacher sees two players', async () => {
      await expect(teacher.getByTestId('participant-count')).toHaveText('2')
      await expect(leaderboardRow(teacher, 'Mia')).toBeVisible()
      await expect(leaderboardRow(teacher, 'Leo')).toBeVisible()
    })

    let miaScore = 0
    let leoScore = 0
    await test.step('each sees the other score on the live leaderboard, without a reload', async () => {
      await markNoReload(mia)
      await markNoReload(leo)
      await choice(mia, 'le chien').tap()
      miaScore = await expectFeedback(mia, 'Correct!')
      expect(miaScore).toBe(1000) // untimed: all the points, and no bonus for the first in a row
      await shot(mia, 'feedback-phone')
      await expect(leaderboardRow(leo, 'Mia')).toContainText(`${points(miaScore)} points`)

      await leo.keyboard.press(await choiceKey(leo, 'le chien'))
      leoScore = await expectFeedback(leo, 'Correct!')
      await expect(leaderboardRow(mia, 'Leo')).toContainText(`${points(leoScore)} points`)
      await expect(leaderboardRow(leo, 'Leo')).toContainText('(you)')
      await shot(leo, 'feedback-desktop')
      await mia
        .getByRole('region', { name: 'Leaderboard' })
        .evaluate((panel) => panel.scrollIntoView({ block: 'center' }))
      await shot(mia, 'leaderboard-phone', false)
      await expectSamePage(mia)
      await expectSamePage(leo)
    })

    await test.step('the teacher puts the leaderboard on the projector', async () => {
      await teacher.getByRole('link', { name: 'Projector view' }).click()
      await expect(teacher).toHaveURL(new RegExp(`/admin/sessions/${code}/board$`))
      await expect(teacher.getByTestId('leaderboard-row')).toHaveCount(2)
      await expect(teacher.getByTestId('participant-count')).toHaveText('2 players')
      await expect(leaderboardRow(teacher, 'Mia')).toContainText(`${points(miaScore)} points`)
      await shotBoth(teacher, 'projector', false)
      await darkShot(teacher, 'projector-dark-desktop', false)
      await teacher.getByRole('link', { name: 'Back' }).click()
      await expect(teacher).toHaveURL(new RegExp(`/admin/sessions/${code}$`))
      await expect(teacher.getByTestId('participant-count')).toHaveText('2')
      await expect(leaderboardRow(teacher, 'Leo')).toContainText(`${points(leoScore)} points`)
      await shotBoth(teacher, 'session')
    })

    await test.step('question 2: Mia taps, Leo plays with the keyboard only', async () => {
      await mia.getByRole('button', { name: 'Next question' }).tap()
      await expectQuestion(mia, 2)
      await expect(mia.getByRole('progressbar', { name: 'Time left' })).toBeVisible()
      await shot(mia, 'question-phone')
      await choice(mia, 'la pomme').tap()
      const before = miaScore
      miaScore = await expectFeedback(mia, 'Correct!')
      await expect(mia.getByTestId('streak-line')).toHaveText('incl. +100 streak bonus · 🔥 2 in a row')
      expect(miaScore - before).toBeGreaterThan(100)

      await leo.keyboard.press('Enter') // "Next question" has the focus
      await expectQuestion(leo, 2)
      await expect(leaderboardRow(leo, 'Mia')).toContainText(`${points(miaScore)} points`)
      await shot(leo, 'question-desktop')
      await leo.keyboard.press(await choiceKey(leo, 'la pomme'))
      leoScore = await expectFeedback(leo, 'Correct!')
      await expect(leaderboardRow(mia, 'Leo')).toContainText(`${points(leoScore)} points`)
      await shot(leo, 'leaderboard-desktop')
      await expectSamePage(mia)
      await expectSamePage(leo)
    })

    await test.step('question 3: a refresh brings Mia back to the same question and clock', async () => {
      await mia.getByRole('button', { name: 'Next question' }).tap()
      await expectQuestion(mia, 3)
      await expect.poll(() => timeLeft(mia)).toBeLessThan(30)
      const before = await timeLeft(mia)
      await mia.reload()
      await expectQuestion(mia, 3)
      const after = await timeLeft(mia)
      expect(after).toBeGreaterThan(0)
      expect(after).toBeLessThanOrEqual(before)
      await darkShot(mia, 'question-dark-phone')
      await choice(mia, 'la maison').tap()
      miaScore = await expectFeedback(mia, 'Correct!')

      await leo.keyboard.press('Enter')
      await expectQuestion(leo, 3)
      await choice(leo, 'la voiture').click()
      const unchanged = await expectFeedback(leo, 'Not quite')
      expect(unchanged).toBe(leoScore)
      await expect(leo.getByTestId('answer-feedback')).toContainText('The answer was la maison.')
      await shot(leo, 'feedback-wrong-desktop')
    })

    await test.step('question 4: Mia gets it wrong and her run ends', async () => {
      await mia.getByRole('button', { name: 'Next question' }).tap()
      await expectQuestion(mia, 4)
      await choice(mia, 'le cahier').tap()
      expect(await expectFeedback(mia, 'Not quite')).toBe(miaScore)
      await expect(mia.getByTestId('streak-line')).toHaveCount(0)

      await leo.keyboard.press('Enter')
      await expectQuestion(leo, 4)
      await leo.keyboard.press(await choiceKey(leo, 'le livre'))
      leoScore = await expectFeedback(leo, 'Correct!')
    })

    await test.step('questions 5 to 8, from the word list: Mia mixes up the last word', async () => {
      for (const [index, word] of WORDS.entries()) {
        const number = QUESTIONS.length + index + 1
        await mia.getByRole('button', { name: 'Next question' }).tap()
        await expectQuestion(mia, number)
        await expect(mia.getByText('No time limit: take your time.')).toBeVisible()
        if (index < WORDS.length - 1) {
          await choice(mia, word.word).tap()
          miaScore = await expectFeedback(mia, 'Correct!')
        } else {
          await mia.getByTestId('answer-button').filter({ hasNotText: word.word }).first().tap()
          expect(await expectFeedback(mia, 'Not quite')).toBe(miaScore)
          await expect(mia.getByTestId('answer-feedback')).toContainText(`The answer was ${word.word}.`)
        }
        if (index === 2) {
          // Third right in a row since question 4: +200, on the fill-in-the-blank question.
          await expect(mia.getByTestId('streak-line')).toHaveText('incl. +200 streak bonus · 🔥 3 in a row')
          await shot(mia, 'feedback-streak-phone')
        }

        await leo.keyboard.press('Enter')
        await expectQuestion(leo, number)
        await leo.keyboard.press(await choiceKey(leo, word.word))
        leoScore = await expectFeedback(leo, 'Correct!')
      }
      await expect(leo.getByTestId('streak-line')).toHaveText('incl. +400 streak bonus · 🔥 5 in a row')
      await expect(leaderboardRow(mia, 'Leo').getByTestId('streak-badge')).toContainText('5 right in a row')
    })

    await test.step('the end screens', async () => {
      await mia.getByRole('button', { name: 'See my results' }).tap()
      await leo.keyboard.press('Enter') // "See my results"

      const miaRank = miaScore > leoScore ? 1 : 2
      const place = (rank: number) => (rank === 1 ? '1st place of 2' : '2nd place of 2')
      await expect(mia.getByTestId('final-rank')).toContainText('You finished!')
      await expect(mia.getByTestId('final-rank')).toContainText(place(miaRank))
      await expect(mia.getByTestId('final-rank')).toContainText(points(miaScore))
      await expect(leo.getByTestId('final-rank')).toContainText(place(3 - miaRank))
      await expect(leo.getByTestId('final-rank')).toContainText(points(leoScore))
      await expect(leaderboardRow(mia, 'Leo')).toContainText(`${points(leoScore)} points`)
      await shot(mia, 'end-phone')
      await shot(leo, 'end-desktop')
    })

    await test.step('the teacher closes the session and downloads the results', async () => {
      await teacher.getByRole('button', { name: 'Close session' }).click()
      await teacher.getByRole('alertdialog').getByRole('button', { name: 'Close session' }).click()
      await expect(teacher.getByRole('heading', { name: 'Session closed' })).toBeVisible()
      // The players' screens learn it from the event stream.
      await expect(mia.getByRole('status').filter({ hasText: 'Final results' })).toBeVisible()
      await expect(leo.getByRole('status').filter({ hasText: 'Final results' })).toBeVisible()
      await expectSamePage(leo)

      await teacher.getByRole('link', { name: 'Results' }).click()
      await expect(teacher.getByRole('heading', { name: 'Results' })).toBeVisible()
      await expect(teacher.getByText('Final', { exact: true })).toBeVisible()
      await expect(teacher.getByRole('row').filter({ hasText: 'Mia' })).toContainText(points(miaScore))
      await expect(teacher.getByRole('row').filter({ hasText: 'Leo' })).toContainText(points(leoScore))
      await expect(teacher.getByRole('row').filter({ hasText: 'Mia' }).getByTestId('streak-bonuses')).toHaveText(
        '🔥 Streak bonus: Q2 +100 · Q3 +200 · Q6 +100 · Q7 +200',
      )
      await dismissToasts(teacher)
      await shotBoth(teacher, 'results')

      const [download] = await Promise.all([
        teacher.waitForEvent('download'),
        teacher.getByRole('button', { name: 'Download CSV' }).click(),
      ])
      expect(download.suggestedFilename()).toBe(`results-${code}.csv`)
      const file = readFileSync(await download.path(), 'utf8')
      expect(file.startsWith('\ufeff'), 'a byte order mark for Excel').toBe(true)
      const csv = file.slice(1).trim().split(/\r?\n/)
      expect(csv[0]).toMatch(/^rank,name,score,answered,correct,"?Q1: /)
      const miaRank = miaScore > leoScore ? 1 : 2
      expect(csv).toContainEqual(expect.stringMatching(new RegExp(`^${miaRank},Mia,${miaScore},${TOTAL},6,`)))
      expect(csv).toContainEqual(expect.stringMatching(new RegExp(`^${3 - miaRank},Leo,${leoScore},${TOTAL},7,`)))
      expect(csv).toHaveLength(3)
    })

    await test.step('the teacher sees which questions were hard, and which wrong answer fooled the class', async () => {
      await teacher.getByRole('link', { name: 'Question analytics' }).click()
      await expect(teacher).toHaveURL(new RegExp(`/admin/sessions/${code}/analytics$`))
      const cards = teacher.getByTestId('question-stats')
      await expect(cards).toHaveCount(TOTAL)
      // Questions 3, 4 and 8 were each missed by one of the two: most missed first, then in quiz order.
      await expect(cards.nth(0)).toContainText(QUESTIONS[2].prompt)
      await expect(cards.nth(1)).toContainText(QUESTIONS[3].prompt)
      await expect(cards.nth(2)).toContainText(IMPORTED_PROMPTS[3])
      await expect(cards.nth(0)).toContainText('50% right')
      await expect(cards.nth(3)).toContainText('100% right')
      const bars = cards.nth(0).getByTestId('choice-bar')
      await expect(bars).toHaveCount(3)
      await expect(bars.filter({ hasText: 'la voiture' })).toContainText('Most picked wrong answer')
      await expect(bars.filter({ hasText: 'la maison' })).toHaveAttribute('data-correct', 'true')
      await expect(bars.filter({ hasText: 'le jardin' })).toContainText('0 · 0%')
      await shotBoth(teacher, 'analytics')
    })

    await test.step('each player sees the quiz in their history', async () => {
      await mia.getByRole('link', { name: 'My history' }).first().tap()
      await expect(mia.getByRole('heading', { name: 'My history' })).toBeVisible()
      await expect(mia.getByRole('listitem').filter({ hasText: QUIZ.title })).toContainText(points(miaScore))
      await shot(mia, 'history-phone')
      await leo.getByRole('link', { name: 'My history' }).first().click()
      await expect(leo.getByRole('listitem').filter({ hasText: QUIZ.title })).toContainText('Finished')
      await shot(leo, 'history-desktop')
    })

    await test.step('Mia practises the two questions she missed, on her own', async () => {
      await mia.getByRole('link', { name: 'Practise 2 missed' }).tap()
      await expect(mia).toHaveURL(new RegExp(`/practice/${code}$`))
      await expect(mia.getByRole('heading', { name: QUESTIONS[3].prompt })).toBeVisible()
      await expect(mia.getByText('Question 1 of 2')).toBeVisible()
      await choice(mia, 'le livre').tap()
      await expect(mia.getByTestId('practice-feedback')).toContainText('Right!')
      await expect(choice(mia, 'le livre')).toHaveAccessibleName(/\(the right answer\)$/)
      await shot(mia, 'practice-phone')
      await mia.getByRole('button', { name: 'Next question' }).tap()
      await expect(mia.getByRole('heading', { name: IMPORTED_PROMPTS[3] })).toBeVisible()
      await mia.getByTestId('answer-button').filter({ hasNotText: WORDS[3].word }).first().tap()
      await expect(mia.getByTestId('practice-feedback')).toContainText(`The answer is ${WORDS[3].word}.`)
      await shot(mia, 'practice-wrong-phone')
      await mia.getByRole('button', { name: 'See how I did' }).tap()
      await expect(mia.getByTestId('practice-summary')).toContainText('You got 1 of 2 right')
      await shot(mia, 'practice-summary-phone')

      await leo.getByRole('link', { name: 'Practise 1 missed' }).click()
      await expect(leo.getByRole('heading', { name: QUESTIONS[2].prompt })).toBeVisible()
      await leo.keyboard.press(await choiceKey(leo, 'le jardin'))
      await expect(leo.getByTestId('practice-feedback')).toContainText('The answer is la maison.')
      await shot(leo, 'practice-desktop')
      await darkShot(leo, 'practice-dark-desktop', false)
    })

    await test.step('the join screen and the quiz list afterwards', async () => {
      await leo.getByRole('navigation').getByRole('link', { name: 'Join' }).click()
      await expect(leo.getByRole('heading', { name: 'Ready, Leo?' })).toBeVisible()
      await shot(leo, 'join-desktop')

      await teacher.getByRole('navigation').getByRole('link', { name: 'Quizzes' }).click()
      await expect(teacher.getByRole('heading', { name: QUIZ.title })).toBeVisible()
      await expect(teacher.getByRole('listitem').filter({ hasText: QUIZ.title })).toContainText(`${TOTAL} questions`)
      await expect(teacher.getByRole('listitem').filter({ hasText: QUIZ.title })).toContainText('1 session')
      await shotBoth(teacher, 'quizzes')

      // Across all sessions of the quiz, from its editor.
      await teacher.getByRole('link', { name: QUIZ.title }).click()
      await teacher.getByRole('link', { name: 'Question analytics' }).click()
      await expect(teacher).toHaveURL(/\/admin\/quizzes\/[0-9a-f-]+\/analytics$/)
      await expect(teacher.getByText(`${QUIZ.title} · all sessions`)).toBeVisible()
      await expect(teacher.getByTestId('question-stats')).toHaveCount(TOTAL)
      await darkShot(teacher, 'analytics-dark-desktop', false)
    })

    expect(problems, 'errors in the pages').toEqual([])
  } catch (error) {
    for (const [name, page] of Object.entries(pages)) {
      await page
        .screenshot({ path: path.join(OUTPUT_DIR, `failure-${name}.png`), fullPage: true })
        .catch(() => undefined)
    }
    throw error
  } finally {
    await Promise.all(Object.values(pages).map((page) => page.context().close()))
  }
})
