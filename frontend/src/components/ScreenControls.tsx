import { Button } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuMaximize, LuMinimize } from 'react-icons/lu'
import { useFullscreen } from '../hooks/useFullscreen'
import { ColorModeToggle } from './ColorMode'
import { LanguageMenu } from './LanguageMenu'
import { LinkButton } from './Links'
import { BackArrow } from './Arrows'

/**
 * The controls at the top of a screen for the class: back to the session, full screen, the
 * language the class reads (apart from the teacher's own), light or dark.
 */
export function ScreenControls({ code, backLabel }: { code: string; backLabel: string }) {
  const { t } = useTranslation()
  const fullscreen = useFullscreen()
  return (
    <>
      <LinkButton to={`/admin/sessions/${code}`} variant="ghost" size="sm">
        <BackArrow /> {backLabel}
      </LinkButton>
      {fullscreen.supported && (
        <Button variant="ghost" size="sm" onClick={fullscreen.toggle}>
          {fullscreen.on ? <LuMinimize /> : <LuMaximize />}{' '}
          {fullscreen.on ? t('host.screenControls.leaveFullscreen') : t('host.screenControls.fullscreen')}
        </Button>
      )}
      <LanguageMenu />
      <ColorModeToggle />
    </>
  )
}
