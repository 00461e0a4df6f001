/** The base URL of the app in this browser: what players open when the server offers nothing better. */
export function currentOrigin(): string {
  return window.location.origin
}

/** The address players open to join a session, on the base URL they can reach (the server says which). */
export function joinLink(code: string, base: string = currentOrigin()): string {
  return `${base.replace(/\/+$/, '')}/join/${code}`
}

/** The join address without the scheme, short enough to read off a projector. */
export function joinLinkForDisplay(code: string, base?: string): string {
  return joinLink(code, base).replace(/^https?:\/\//, '')
}

/** Where to type the code by hand, for those without a camera: "quiz.school.org/join". */
export function joinPageForDisplay(base: string = currentOrigin()): string {
  return `${base.replace(/\/+$/, '').replace(/^https?:\/\//, '')}/join`
}
