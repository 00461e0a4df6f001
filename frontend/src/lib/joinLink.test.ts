import { describe, expect, it } from 'vitest'
import { joinLink, joinLinkForDisplay, joinPageForDisplay } from './joinLink'

describe('joinLink', () => {
  it('builds the link on the base the server offers', () => {
    expect(joinLink('K7P2QX', 'http://192.168.1.20:8000')).toBe('http://192.168.1.20:8000/join/K7P2QX')
    expect(joinLink('K7P2QX', 'https://quiz.school.org/')).toBe('https://quiz.school.org/join/K7P2QX')
    expect(joinLinkForDisplay('K7P2QX', 'http://192.168.1.20:8000')).toBe('192.168.1.20:8000/join/K7P2QX')
    expect(joinPageForDisplay('https://quiz.school.org/')).toBe('quiz.school.org/join')
  })

  it("falls back to this browser's origin", () => {
    expect(joinLink('K7P2QX')).toBe(`${window.location.origin}/join/K7P2QX`)
    expect(joinPageForDisplay()).toBe(`${window.location.host}/join`)
  })
})
