import { Button } from '@chakra-ui/react'
import { Link as RouterLink } from 'react-router'
import { LuArrowLeft, LuMaximize, LuMinimize } from 'react-icons/lu'
import { useFullscreen } from '../hooks/useFullscreen'
import { ColorModeToggle } from './ColorMode'

/** The controls at the top of a screen for the class: back to the session, full screen, light or dark. */
export function ScreenControls({ code, backLabel }: { code: string; backLabel: string }) {
  const fullscreen = useFullscreen()
  return (
    <>
      <Button asChild variant="ghost" size="sm">
        <RouterLink to={`/admin/sessions/${code}`}>
          <LuArrowLeft /> {backLabel}
        </RouterLink>
      </Button>
      {fullscreen.supported && (
        <Button variant="ghost" size="sm" onClick={fullscreen.toggle}>
          {fullscreen.on ? <LuMinimize /> : <LuMaximize />} {fullscreen.on ? 'Leave full screen' : 'Full screen'}
        </Button>
      )}
      <ColorModeToggle />
    </>
  )
}
