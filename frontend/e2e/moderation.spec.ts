// A first lesson with a real class: two learners join with the same name, the teacher renames
// one and removes another (who is told, is refused on rejoining, and is let back in), the
// projector holds twelve players without scrolling, and a learner who runs out of time goes on.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { choice, DESKTOP, newPage, PHONE, shot, watchForErrors } from './pages'
import { bearer, createQuiz, joinAsGuest, PROJECTOR, signInAsTeacher, type QuestionPlan } from './steps'

const REMOVED = 'The teacher removed you from this session'

/** A quiz made through the API and a self-paced session of it; its join code. */
async function openQuiz(request: APIRequestContext, token: string, title: string, questions: QuestionPlan[]) {
  const quizId = await createQuiz(request, token, title, questions)
  const session = await request.post(`/api/quizzes/${quizId}/sessions`, {
    headers: bearer(token),
    data: { mode: 'self_paced' },
  })
  expect(session.ok()).toBe(true)
  return (await session.json()).code as string
}

/** Whether the page is taller than the window (the projector's back row cannot scroll). */
function scrolls(page: Page) {
  return page.evaluate(() => document.scrollingElement!.scrollHeight > window.innerHeight)
}

const WORDS: QuestionPlan[] = [
  { prompt: 'What does "huge" mean?', choices: ['very big', 'very small', 'very old'], time_limit_s: null },
  { prompt: 'What does "quick" mean?', choices: ['fast', 'slow', 'loud'], time_limit_s: null },
]

test('the teacher renames and removes players; a removed learner is told, refused, then let back in', async ({
  browser,
}) => {
  const teacher = await newPage(browser, DESKTOP, 'reduce')
  const zoe = await newPage(browser, PHONE, 'reduce')
  const other = await newPage(browser, DESKTOP, 'reduce')
  const problems: string[] = []
  watchForErrors({ teacher, zoe, other }, problems)
  const token = await signInAsTeacher(teacher)
  const code = await openQuiz(teacher.request, token, 'Describing words (moderation)', WORDS)

  await test.step('two learners join as "Zoe": the second is shown as "Zoe 2"', async () => {
    await joinAsGuest(zoe, code, 'Zoe')
    await joinAsGuest(other, code, 'Zoe')
    await expect(other.getByRole('heading', { name: WORDS[0].prompt })).toBeVisible()
    await teacher.goto(`/admin/sessions/${code}`)
    const board = teacher.getByRole('list', { name: 'Leaderboard' })
    await expect(board.getByTestId('leaderboard-row')).toHaveCount(2)
    await expect(board.getByText('Zoe 2', { exact: true })).toBeVisible()
    await expect(board.getByText('Zoe', { exact: true })).toBeVisible()
  })

  await test.step('the teacher renames "Zoe 2"; a name already taken is refused in the dialog', async () => {
    await teacher.getByRole('button', { name: 'Rename Zoe 2' }).click()
    const dialog = teacher.getByRole('dialog', { name: 'Rename Zoe 2' })
    const field = dialog.getByLabel('Name on the leaderboard')
    await expect(field).toHaveValue('Zoe 2')
    await expect(field).toBeFocused()
    await field.fill('zoe ')
    await dialog.getByRole('button', { name: 'Save name' }).click()
    await expect(dialog.getByRole('alert')).toContainText('Another player here already has that name.')
    await shot(teacher, 'moderation-rename-taken', false)
    await field.fill('Zoe B')
    await field.press('Enter')
    await expect(dialog).toBeHidden()
    await expect(teacher.getByRole('button', { name: 'Rename Zoe B' })).toBeFocused()
    await expect(teacher.getByRole('list', { name: 'Leaderboard' }).getByText('Zoe B')).toBeVisible()
  })

  await test.step('on the projector the controls stay hidden until pointed at; the teacher removes Zoe B', async () => {
    await teacher.setViewportSize(PROJECTOR.viewport)
    await teacher.goto(`/admin/sessions/${code}/board`)
    const row = teacher.getByTestId('leaderboard-row').filter({ hasText: 'Zoe B' })
    await expect(row).toBeVisible()
    const actions = row.getByTestId('player-actions').locator('..')
    await expect(actions).toHaveCSS('opacity', '0')
    await shot(teacher, 'moderation-projector-clean', false)
    await row.hover()
    await expect(actions).toHaveCSS('opacity', '1')
    await shot(teacher, 'moderation-projector-hover', false)
    await row.getByRole('button', { name: 'Remove Zoe B' }).click()
    const confirm = teacher.getByRole('alertdialog', { name: 'Remove Zoe B?' })
    await expect(confirm).toContainText('they cannot rejoin unless you let them back in')
    await confirm.getByRole('button', { name: 'Remove Zoe B' }).click()
    await expect(teacher.getByTestId('participant-count')).toHaveText('1 player')
    await expect(teacher.getByTestId('leaderboard-row')).toHaveCount(1)
  })

  await test.step("the removed learner's screen says so, and their rejoin is refused with the reason", async () => {
    await expect(other.getByRole('heading', { name: REMOVED })).toBeVisible()
    await expect(other.getByRole('heading', { name: WORDS[0].prompt })).toBeHidden()
    await shot(other, 'moderation-removed-learner', false)
    await other.goto(`/join/${code}`)
    await expect(other.getByRole('alert')).toContainText(
      'Your teacher removed you from this game. Ask them to let you back in.',
    )
    await shot(other, 'moderation-rejoin-refused', false)
    // Zoe plays on undisturbed.
    await choice(zoe, 'very big').click()
    await expect(zoe.getByTestId('answer-feedback')).toContainText('Correct!')
  })

  await test.step('the teacher lets them back in from the session screen, and they join again', async () => {
    await teacher.setViewportSize(DESKTOP.viewport)
    await teacher.goto(`/admin/sessions/${code}`)
    const removed = teacher.getByTestId('removed-players')
    await expect(removed).toContainText('Zoe B')
    await shot(teacher, 'moderation-session-removed-list')
    await removed.getByRole('button', { name: 'Let Zoe B back in' }).click()
    await expect(teacher.getByRole('heading', { name: 'Removed players' })).toBeHidden()
    await other.getByRole('button', { name: /Join/ }).click()
    await expect(other).toHaveURL(new RegExp(`/play/${code}$`))
    await expect(other.getByRole('heading', { name: WORDS[0].prompt })).toBeVisible()
    await expect(teacher.getByTestId('participant-count')).toHaveText('2')
  })

  expect(problems).toEqual([])
})

test('the projector holds twelve players at 1920×1080 and does not scroll at 1366×768', async ({ browser }) => {
  const teacher = await newPage(browser, PROJECTOR, 'reduce')
  const problems: string[] = []
  watchForErrors({ teacher }, problems)
  const token = await signInAsTeacher(teacher)
  const code = await openQuiz(teacher.request, token, 'A full class', WORDS)
  const names = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jade', 'Kai', 'Lou']
  for (const [i, name] of names.entries()) {
    const guest = await teacher.request.post('/api/auth/guest', { data: { display_name: name } })
    const player = (await guest.json()).access_token as string
    expect((await teacher.request.post(`/api/sessions/${code}/join`, { headers: bearer(player) })).ok()).toBe(true)
    if (i % 3 === 0) continue // some have not answered yet
    const turn = await (await teacher.request.get(`/api/sessions/${code}/question`, { headers: bearer(player) })).json()
    const answer = await teacher.request.post(`/api/sessions/${code}/answers`, {
      headers: bearer(player),
      data: { question_id: turn.question.id, choice_id: turn.question.choices[i % 2].id },
    })
    expect(answer.ok()).toBe(true)
  }

  await teacher.goto(`/admin/sessions/${code}/board`)
  await expect(teacher.getByTestId('participant-count')).toHaveText('12 players')
  const rows = teacher.getByTestId('leaderboard-row')
  await expect(rows.first()).toBeVisible()
  await teacher.evaluate(() => document.fonts.ready)
  const shown = await rows.count()
  if (shown < 12) await expect(teacher.getByTestId('more-players')).toHaveText(`and ${12 - shown} more players`)
  else await expect(teacher.getByTestId('more-players')).toBeHidden()
  expect(await scrolls(teacher)).toBe(false)
  await shot(teacher, 'moderation-projector-12-1920', false)

  await teacher.setViewportSize({ width: 1366, height: 768 })
  await expect(teacher.getByTestId('more-players')).toBeVisible()
  await expect.poll(() => scrolls(teacher)).toBe(false)
  const fewer = await rows.count()
  await expect(teacher.getByTestId('more-players')).toHaveText(`and ${12 - fewer} more players`)
  await shot(teacher, 'moderation-projector-12-1366', false)
  expect(problems).toEqual([])
})

test('a learner whose time runs out presses Next and goes on; the answer counts as late', async ({ browser }) => {
  const teacher = await newPage(browser, DESKTOP, 'reduce')
  const learner = await newPage(browser, PHONE, 'reduce')
  const problems: string[] = []
  watchForErrors({ teacher, learner }, problems)
  const token = await signInAsTeacher(teacher)
  const questions: QuestionPlan[] = [
    { prompt: 'What does "tiny" mean?', choices: ['very small', 'very big', 'very loud'], time_limit_s: 5 },
    WORDS[1],
  ]
  const code = await openQuiz(teacher.request, token, 'Against the clock', questions)

  await joinAsGuest(learner, code, 'Noor')
  await expect(learner.getByRole('heading', { name: questions[0].prompt })).toBeVisible()
  const next = learner.getByRole('button', { name: 'Next', exact: true })
  await expect(next).toBeVisible({ timeout: 8_000 })
  await expect(learner.getByText("Time's up! Press Next to go on")).toBeVisible()
  await shot(learner, 'moderation-time-up', false)
  await next.click()
  const feedback = learner.getByTestId('answer-feedback')
  await expect(feedback).toContainText("Time's up")
  await expect(feedback).toContainText('The time ran out before you answered.')
  await expect(feedback).toContainText('The answer was very small')
  await expect(feedback).not.toContainText('Correct')
  await shot(learner, 'moderation-time-up-feedback', false)
  await learner.getByRole('button', { name: /Next question/ }).click()
  await expect(learner.getByRole('heading', { name: questions[1].prompt })).toBeVisible()

  const results = await teacher.request.get(`/api/sessions/${code}/results`, { headers: bearer(token) })
  const [noor] = (await results.json()) as {
    answers: { late: boolean; correct: boolean; choice_id: string | null }[]
  }[]
  expect(noor.answers[0]).toMatchObject({ late: true, correct: false, choice_id: null })
  await teacher.goto(`/admin/sessions/${code}/analytics`)
  await expect(teacher.getByText('1 too late')).toBeVisible()
  expect(problems).toEqual([])
})
