/** The longest name on the leaderboard the server takes (API.md). */
export const DISPLAY_NAME_MAX = 40
