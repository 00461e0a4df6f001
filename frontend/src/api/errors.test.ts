import i18n from '../i18n'
import { ApiError, errorMessage } from './errors'

describe('ApiError', () => {
  it("says the code's words in the reader's language, not the server's English detail", async () => {
    const body = { detail: 'Session not found', code: 'session_not_found' }
    expect(new ApiError(404, body.detail, body).message).toBe(
      "There's no game with that code. Check the code and try again.",
    )
    await i18n.changeLanguage('vi')
    expect(new ApiError(404, body.detail, body).message).toBe(
      'Không có trò chơi nào với mã này. Bạn kiểm tra lại mã nhé.',
    )
    await i18n.changeLanguage('es')
    expect(errorMessage(new ApiError(404, body.detail, body))).toBe(
      'No hay ninguna partida con ese código. Revísalo y vuelve a intentarlo.',
    )
  })

  it('is read in the language shown now, when that changed after the error came', async () => {
    const body = { detail: 'Session not found', code: 'session_not_found' }
    const error = new ApiError(404, body.detail, body)
    await i18n.changeLanguage('es')
    expect(errorMessage(error)).toBe('No hay ninguna partida con ese código. Revísalo y vuelve a intentarlo.')
  })

  it('puts the wait of a rate limit in the sentence', () => {
    const body = { detail: 'Too many guests; try again in 12 s', code: 'rate_limited', retry_after_s: 12 }
    expect(new ApiError(429, body.detail, body).message).toBe(
      'Too many tries in a short time. Wait 12 s and try again.',
    )
  })

  it("keeps the server's detail for a code it does not know, and the status's words without either", () => {
    const body = { detail: 'Something new went wrong', code: 'something_new' }
    const error = new ApiError(409, body.detail, body)
    expect(error.message).toBe('Something new went wrong')
    expect(error.code).toBeNull()
    expect(new ApiError(403, null).message).toBe("You don't have access to this.")
  })

  it('names the fields of a validation error after a translated opening', async () => {
    await i18n.changeLanguage('es')
    const detail = [{ loc: ['body', 'display_name'], msg: 'String should have at least 1 character' }]
    expect(new ApiError(422, detail, { detail, code: 'invalid_request' }).message).toBe(
      'Revisa lo que has escrito. display name: String should have at least 1 character.',
    )
  })

  it('says the server had trouble, in the language, for a 5xx', async () => {
    await i18n.changeLanguage('vi')
    const body = { detail: 'The database is unavailable', code: 'database_unavailable' }
    expect(new ApiError(503, body.detail, body).message).toBe('Bên mình đang gặp lỗi. Bạn thử lại sau một chút nhé.')
  })
})
