import { Button } from '@chakra-ui/react'
import { LuArrowLeft, LuMaximize, LuMinimize } from 'react-icons/lu'
import { useFullscreen } from '../hooks/useFullscreen'
import { ColorModeToggle } from './ColorMode'
import { LinkButton } from './Links'

/** The controls at the top of a screen for the class: back to the session, full screen, light or dark. */
export function ScreenControls({ code, backLabel }: { code: string; backLabel: string }) {
  const fullscreen = useFullscreen()
  return (
    <>
      <LinkButton to={`/admin/sessions/${code}`} variant="ghost" size="sm">
        <LuArrowLeft /> {backLabel}
      </LinkButton>
      {fullscreen.supported && (
        <Button variant="ghost" size="sm" onClick={fullscreen.toggle}>
          {fullscreen.on ? <LuMinimize /> : <LuMaximize />} {fullscreen.on ? 'Leave full screen' : 'Full screen'}
        </Button>
      )}
      <ColorModeToggle />
    </>
  )
}
