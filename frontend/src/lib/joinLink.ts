/** The address players open to join a session: the app's own origin, so it works wherever it is served. */
export function joinLink(code: string): string {
  return `${window.location.origin}/join/${code}`
}

/** The join address without the scheme, short enough to read off a projector. */
export function joinLinkForDisplay(code: string): string {
  return joinLink(code).replace(/^https?:\/\//, '')
}

/** Where to type the code by hand, for those without a camera: "quiz.school.org/join". */
export function joinPageForDisplay(): string {
  return `${window.location.host}/join`
}
