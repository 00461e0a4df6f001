import { useSyncExternalStore } from 'react'

function subscribe(onChange: () => void) {
  window.addEventListener('resize', onChange)
  return () => window.removeEventListener('resize', onChange)
}

/** The window's inner width or height, followed through resizes (e.g. a projector's resolution). */
export function useWindowSize(side: 'width' | 'height'): number {
  return useSyncExternalStore(subscribe, () => (side === 'width' ? window.innerWidth : window.innerHeight))
}
