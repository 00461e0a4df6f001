import { describe, expect, it } from 'vitest'
import { followStandings, type LeaderboardFrame, type Step } from './standings'
import type { Leaderboard, LeaderboardEntry } from './types'

type Player = { id: string; name: string; score: number; answered: number; reached: number }

/** The server's order: score, then who got there first. */
function ranked(players: Player[]): Player[] {
  return [...players].sort((a, b) => b.score - a.score || a.reached - b.reached)
}

function entry(players: Player[], id: string): LeaderboardEntry {
  const order = ranked(players)
  const p = order.find((x) => x.id === id)!
  return {
    rank: order.indexOf(p) + 1,
    participant_id: p.id,
    display_name: p.name,
    score: p.score,
    answered_count: p.answered,
    correct_count: p.answered,
    streak: 0,
  }
}

function full(players: Player[], version: number, me: string): Leaderboard {
  return {
    session_code: 'K7P2QX',
    status: 'open',
    participant_count: players.length,
    version,
    entries: ranked(players)
      .slice(0, 3)
      .map((p) => entry(players, p.id)),
    me: entry(players, me),
  }
}

describe('followStandings', () => {
  it('shows a full frame as it is', () => {
    const players = [{ id: 'a', name: 'Ann', score: 0, answered: 0, reached: 1 }]
    const board = full(players, 1, 'a')
    expect(followStandings(null, board)).toEqual(board)
  })

  it('keeps my own entry exact through random changes by everyone, frame after frame', () => {
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const players: Player[] = Array.from({ length: 12 }, (_, i) => ({
      id: `p${i}`,
      name: `P${i}`,
      score: 0,
      answered: 0,
      reached: i,
    }))
    let version = players.length
    let clock = players.length
    const viewers = ['p0', 'p5', 'p11']
    const shown = new Map(viewers.map((id) => [id, full(players, version, id)]))
    for (let tick = 0; tick < 60; tick++) {
      const since = version
      const changes: Step[] = []
      for (let k = Math.floor(random() * 4); k > 0; k--) {
        const p = players[Math.floor(random() * players.length)]
        const before = entry(players, p.id).rank
        p.answered += 1
        if (random() < 0.7) {
          p.score += 500 + Math.floor(random() * 500)
          p.reached = ++clock
        }
        version += 1
        const after = entry(players, p.id).rank
        changes.push([version, p.id, before, after, [p.name, p.score, p.answered, p.answered, 0]])
      }
      const frame: LeaderboardFrame = { ...full(players, version, 'p0'), since, changes }
      delete frame.me
      for (const id of viewers) {
        const next = followStandings(shown.get(id)!, frame)
        expect(next?.me).toEqual(entry(players, id))
        shown.set(id, next!)
      }
    }
  })

  it('skips the steps a client has already seen, and counts a newcomer', () => {
    const players: Player[] = [
      { id: 'a', name: 'Ann', score: 900, answered: 1, reached: 5 },
      { id: 'b', name: 'Bob', score: 0, answered: 0, reached: 2 },
    ]
    const shown = full(players, 3, 'b')
    const frame: LeaderboardFrame = {
      ...full(players, 4, 'b'),
      since: 2,
      changes: [
        [3, 'a', 2, 1, ['Ann', 900, 1, 1, 1]], // already in what is shown
        [4, 'c', null, 3, ['Cy', 0, 0, 0, 0]],
      ],
    }
    delete frame.me
    expect(followStandings(shown, frame)?.me?.rank).toBe(2)
  })

  it('cannot follow changes from after what it shows', () => {
    const players = [{ id: 'a', name: 'Ann', score: 0, answered: 0, reached: 1 }]
    const frame: LeaderboardFrame = { ...full(players, 9, 'a'), since: 8, changes: [] }
    expect(followStandings(full(players, 5, 'a'), frame)).toBeNull()
  })
})
