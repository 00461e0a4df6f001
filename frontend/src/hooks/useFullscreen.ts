import { useEffect, useState } from 'react'

/** Whether the page fills the screen, and a toggle for it (for a projector). */
export function useFullscreen() {
  const [on, setOn] = useState(() => Boolean(document.fullscreenElement))
  useEffect(() => {
    const sync = () => setOn(Boolean(document.fullscreenElement))
    document.addEventListener('fullscreenchange', sync)
    return () => document.removeEventListener('fullscreenchange', sync)
  }, [])
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen()
    else void document.documentElement.requestFullscreen?.()
  }
  return { on, toggle, supported: typeof document.documentElement.requestFullscreen === 'function' }
}
