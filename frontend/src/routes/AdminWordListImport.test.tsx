import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Job, Quiz, WordListPreview } from '../api/types'
import { toaster } from '../components/Toaster'
import i18n from '../i18n'
import { installFakeApi, json } from '../test/fakeApi'
import { renderScreen, teacher } from '../test/render'
import AdminWordListImport from './AdminWordListImport'

const quiz: Quiz = {
  id: 'z1',
  title: 'Feelings',
  description: '',
  created_at: '2030-01-01T10:00:00Z',
  updated_at: '2030-01-01T10:00:00Z',
  scoring: 'speed',
  streak_bonus: false,
  owner_id: teacher.id,
  owner_name: teacher.display_name,
  shared: false,
  questions: [
    {
      id: 'q1',
      position: 0,
      prompt: 'happy',
      choices: [
        { id: 'c1', text: 'glad', correct: true },
        { id: 'c2', text: 'sad', correct: false },
      ],
      time_limit_s: 20,
      points: 1000,
    },
  ],
}

const CSV = 'word,meaning\nexhausted,very tired\ncheerful,happy and positive\nreluctant,not willing\n'

const preview: WordListPreview = {
  seed: 424242,
  word_count: 3,
  questions: [
    {
      prompt: 'What does “exhausted” mean?',
      choices: [
        { text: 'not willing', correct: false },
        { text: 'very tired', correct: true },
        { text: 'happy and positive', correct: false },
      ],
      time_limit_s: null,
      points: 500,
    },
    {
      prompt: 'What does “cheerful” mean?',
      choices: [
        { text: 'happy and positive', correct: true },
        { text: 'very tired', correct: false },
        { text: 'not willing', correct: false },
      ],
      time_limit_s: null,
      points: 500,
    },
  ],
}

function renderImport(routes: Parameters<typeof installFakeApi>[0]) {
  const api = installFakeApi({
    'GET /api/quizzes/z1': () => json(quiz),
    'GET /api/quizzes/z1/sessions': () => json([]),
    ...routes,
  })
  const user = userEvent.setup({ delay: null })
  const editor = { path: '/admin/quizzes/:quizId', element: <p>The quiz editor</p> }
  const screenUtils = renderScreen(<AdminWordListImport />, {
    path: '/admin/quizzes/:quizId/import',
    url: '/admin/quizzes/z1/import',
    user: teacher,
    extraRoutes: [editor],
  })
  return { api, user, ...screenUtils }
}

/** Pastes the list and sets: untimed, 3 answers, 500 points. */
async function fillForm(user: ReturnType<typeof userEvent.setup>) {
  const list = await screen.findByLabelText(/Word list \(CSV\)/)
  await user.click(list)
  await user.paste(CSV)
  await user.click(screen.getByRole('checkbox', { name: 'Timed questions' }))
  await user.click(screen.getByRole('radio', { name: '3' }))
  const points = screen.getByLabelText('Points')
  await user.clear(points)
  await user.type(points, '500')
}

describe('AdminWordListImport', () => {
  it('previews the questions of a pasted list, with the right answers marked', async () => {
    const { api, user } = renderImport({ 'POST /api/quizzes/z1/import/preview': () => json(preview) })
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Preview' }))

    const previewed = await screen.findByRole('list', { name: 'Previewed questions' })
    expect(within(previewed).getAllByRole('article')).toHaveLength(2)
    expect(within(previewed).getByRole('heading', { name: /What does “exhausted” mean\?/ })).toBeInTheDocument()
    const first = within(previewed).getAllByRole('article')[0]
    expect(within(first).getByText('very tired').closest('li')).toHaveTextContent('very tired(correct)')
    expect(within(first).getByText('not willing').closest('li')).not.toHaveTextContent('(correct)')
    expect(screen.getByTestId('word-count')).toHaveTextContent('3 words')
    expect(screen.getByText('They will be added after your 1 question.')).toBeInTheDocument()

    const request = api.requests.find((r) => r.path === '/api/quizzes/z1/import/preview')!
    expect(request.body).toBe(CSV)
    expect(request.headers.get('Content-Type')).toBe('text/csv')
    expect(Object.fromEntries(request.url.searchParams)).toEqual({
      direction: 'word_to_meaning',
      choices: '3',
      time_limit_s: '0',
      points: '500',
    })
  })

  // The server's words for three problems: two it has codes for, and one of a code this app does not know yet.
  const refused = () =>
    json(
      {
        detail: [],
        errors: [
          { line: 3, reason: 'the word is empty', code: 'word_empty', params: {} },
          {
            line: 7,
            reason: '“Calm” is already on line 2',
            code: 'word_repeated',
            params: { word: 'Calm', line: 2 },
          },
          { line: null, reason: 'the list is too colourful', code: 'too_colourful', params: {} },
        ],
        error_count: 3,
        code: 'word_list_rejected',
      },
      422,
    )

  it('lists the problems of a refused list by line, and imports nothing', async () => {
    const { api, user } = renderImport({ 'POST /api/quizzes/z1/import/preview': refused })
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Preview' }))

    const problems = await screen.findByTestId('word-list-problems')
    // A preview adds nothing anyway: it does not say so.
    expect(within(problems).getByText('The word list has 3 problems.')).toBeInTheDocument()
    const items = within(problems)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(items).toEqual([
      'Line 3: The word is empty.',
      'Line 7: “Calm” is already on line 2.',
      'The whole list: the list is too colourful',
    ])
    expect(screen.queryByRole('button', { name: /^Import/ })).toBeNull()
    expect(api.requests.some((r) => r.path === '/api/quizzes/z1/import')).toBe(false)
  })

  it("says a refused list's problems in the teacher's language", async () => {
    await i18n.changeLanguage('es')
    const { user } = renderImport({ 'POST /api/quizzes/z1/import/preview': refused })
    await user.click(await screen.findByLabelText(/Lista de palabras \(CSV\)/))
    await user.paste(CSV)
    await user.click(screen.getByRole('button', { name: 'Previsualizar' }))

    const problems = await screen.findByTestId('word-list-problems')
    const items = within(problems)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(items).toEqual([
      'Línea 3: La palabra está vacía.',
      'Línea 7: “Calm” ya está en la línea 2.',
      'Toda la lista: the list is too colourful',
    ])
  })

  it('imports exactly the previewed questions: the same list and options with the preview seed', async () => {
    const imported: Quiz = {
      ...quiz,
      questions: [
        ...quiz.questions,
        ...preview.questions.map((q, i) => ({
          ...q,
          id: `n${i}`,
          position: i + 1,
          choices: q.choices.map((c, j) => ({ ...c, id: `n${i}-${j}` })),
        })),
      ],
    }
    const { api, user, router } = renderImport({
      'POST /api/quizzes/z1/import/preview': () => json(preview),
      'POST /api/quizzes/z1/import': () => json(imported, 201),
    })
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Preview' }))
    await user.click(await screen.findByRole('button', { name: 'Import 2 questions' }))

    expect(await screen.findByText('The quiz editor')).toBeInTheDocument()
    const request = api.requests.find((r) => r.path === '/api/quizzes/z1/import')!
    expect(request.method).toBe('POST')
    expect(request.body).toBe(CSV)
    expect(Object.fromEntries(request.url.searchParams)).toEqual({
      direction: 'word_to_meaning',
      choices: '3',
      time_limit_s: '0',
      points: '500',
      seed: '424242',
    })
    expect(router.state.location.state).toEqual({ imported: { first: 1, count: 2 } })
  })

  it('adds a long list by a job: shows its progress, then the same success once it is done', async () => {
    const job: Job = {
      id: 'j1',
      kind: 'import_word_list',
      status: 'queued',
      progress: 0,
      result: null,
      error: null,
    }
    const polls: Job[] = [
      { ...job, status: 'running', progress: 0.4 },
      { ...job, status: 'done', progress: 1, result: { quiz_id: 'z1', added: 2, question_count: 3 } },
    ]
    let polled = 0
    const { api, user, router } = renderImport({
      'POST /api/quizzes/z1/import/preview': () => json({ ...preview, word_count: 2000 }),
      'POST /api/quizzes/z1/import': () => json(job, 202),
      'GET /api/jobs/j1': () => json(polls[Math.min(polled++, polls.length - 1)]),
    })
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Preview' }))
    const toast = vi.spyOn(toaster, 'create')
    await user.click(await screen.findByRole('button', { name: 'Import 2 questions' }))

    const bar = await screen.findByRole('progressbar', { name: 'Adding 2,000 words…' })
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '40'))
    expect(screen.getByText('Adding 2,000 words…')).toBeInTheDocument()
    expect(screen.getByText('40%')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Adding…/ })).toBeDisabled()
    const quizReads = () => api.requests.filter((r) => r.method === 'GET' && r.path === '/api/quizzes/z1').length
    const readsWhileRunning = quizReads()

    expect(await screen.findByText('The quiz editor', {}, { timeout: 3000 })).toBeInTheDocument()
    expect(toast).toHaveBeenCalledWith({ title: '2 questions added', type: 'success' })
    toast.mockRestore()
    expect(router.state.location.state).toEqual({ imported: { first: 1, count: 2 } })
    // The quiz is read again, so the editor shows the questions the job added.
    await waitFor(() => expect(quizReads()).toBe(readsWhileRunning + 1))
    expect(api.requests.filter((r) => r.path === '/api/jobs/j1')).toHaveLength(2)
  })

  it('shows why a job failed where other refusals show, and lets the teacher import again', async () => {
    const job: Job = {
      id: 'j2',
      kind: 'import_word_list',
      status: 'running',
      progress: 0.1,
      result: null,
      error: null,
    }
    // The app's words for the code, not the server's English sentence.
    const sentence = 'This quiz has an open session. Close it before changing the questions.'
    let imports = 0
    const { api, user } = renderImport({
      'POST /api/quizzes/z1/import/preview': () => json(preview),
      'POST /api/quizzes/z1/import': () => (imports++ === 0 ? json(job, 202) : json(quiz, 201)),
      'GET /api/jobs/j2': () =>
        json({ ...job, status: 'failed', error: 'quiz locked (server words)', error_code: 'quiz_locked' }),
    })
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Preview' }))
    await user.click(await screen.findByRole('button', { name: 'Import 2 questions' }))
    expect(await screen.findByRole('progressbar', { name: 'Adding 3 words…' })).toBeInTheDocument()

    expect(await screen.findByText(sentence, {}, { timeout: 3000 })).toBeInTheDocument()
    expect(screen.getByText("That didn't work")).toBeInTheDocument()
    expect(screen.queryByRole('progressbar')).toBeNull()
    const again = screen.getByRole('button', { name: 'Import 2 questions' })
    expect(again).toBeEnabled()

    await user.click(again)
    expect(await screen.findByText('The quiz editor')).toBeInTheDocument()
    expect(api.requests.filter((r) => r.path === '/api/quizzes/z1/import')).toHaveLength(2)
  })

  it('asks for a new preview when the options change after one', async () => {
    const { user } = renderImport({ 'POST /api/quizzes/z1/import/preview': () => json(preview) })
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Preview' }))
    const importButton = await screen.findByRole('button', { name: 'Import 2 questions' })
    expect(importButton).toBeEnabled()
    await user.click(screen.getByRole('radio', { name: '4' }))
    expect(screen.getByText(/You changed the list or the options since this preview/)).toBeInTheDocument()
    expect(importButton).toBeDisabled()
  })

  it('explains a refusal because a session is open', async () => {
    const { user } = renderImport({
      'POST /api/quizzes/z1/import/preview': () => json(preview),
      'POST /api/quizzes/z1/import': () =>
        json({ detail: 'This quiz has an open session; close it before changing questions' }, 409),
    })
    await fillForm(user)
    await user.click(screen.getByRole('button', { name: 'Preview' }))
    await user.click(await screen.findByRole('button', { name: 'Import 2 questions' }))
    expect(await screen.findByText('A session of this quiz is open')).toBeInTheDocument()
    expect(screen.getByText(/Close the session, then import the word list/)).toBeInTheDocument()
  })

  it('reads a picked .csv file into the list, and refuses a file that is not UTF-8', async () => {
    const { user } = renderImport({})
    const input = await screen.findByLabelText('Choose a .csv file')
    await user.upload(input, new File([CSV], 'feelings.csv', { type: 'text/csv' }))
    await waitFor(() => expect(screen.getByLabelText(/Word list \(CSV\)/)).toHaveValue(CSV))
    expect(screen.getByText(/From “feelings.csv”/)).toBeInTheDocument()

    const latin1 = new Uint8Array([
      0x77, 0x6f, 0x72, 0x64, 0x2c, 0x6d, 0x65, 0x61, 0x6e, 0x69, 0x6e, 0x67, 0x0a, 0xe9, 0x74, 0xe9,
    ])
    await user.upload(screen.getByLabelText('Choose a .csv file'), new File([latin1], 'old.csv', { type: 'text/csv' }))
    expect(await screen.findByText(/“old.csv” isn't UTF-8 text/)).toBeInTheDocument()
    expect(screen.getByLabelText(/Word list \(CSV\)/)).toHaveValue(CSV)
  })

  it('says what is missing instead of sending an empty list', async () => {
    const { api, user } = renderImport({})
    await screen.findByLabelText(/Word list \(CSV\)/)
    await user.click(screen.getByRole('button', { name: 'Preview' }))
    expect(screen.getByText('Paste a word list, or choose a .csv file.')).toBeInTheDocument()
    await waitFor(() => expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0))
  })
})
