// The steps the end-to-end tests share: the teacher signs in and writes a quiz through the API,
// a learner joins a session as a guest.
import { expect, type APIRequestContext, type Page } from '@playwright/test'

export const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 }

export type QuestionPlan = { prompt: string; choices: string[]; time_limit_s: number | null }

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

/** Signs the demo teacher in through the sign-in screen; their token, for calls to the API. */
export async function signInAsTeacher(page: Page): Promise<string> {
  await page.goto('/signin')
  await page.getByLabel('Username').fill(process.env.E2E_ADMIN_USERNAME!)
  await page.getByLabel('Password', { exact: true }).fill(process.env.E2E_ADMIN_PASSWORD!)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/admin$/)
  return (await page.evaluate(() => localStorage.getItem('vocabquiz.token')))!
}

/** A quiz made through the API, each question's first choice the right one; its id. */
export async function createQuiz(
  request: APIRequestContext,
  token: string,
  title: string,
  questions: QuestionPlan[],
): Promise<string> {
  const quiz = await request.post('/api/quizzes', {
    headers: bearer(token),
    data: {
      title,
      questions: questions.map((q) => ({
        prompt: q.prompt,
        time_limit_s: q.time_limit_s,
        choices: q.choices.map((text, i) => ({ text, correct: i === 0 })),
      })),
    },
  })
  expect(quiz.status()).toBe(201)
  return (await quiz.json()).id as string
}

/** Opens the join link as a guest named `name`, which lands on the session's play screen. */
export async function joinAsGuest(page: Page, code: string, name: string) {
  await page.goto(`/join/${code}`)
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Your name').press('Enter')
  await expect(page).toHaveURL(new RegExp(`/play/${code}$`))
}
