import { Kbd, Text } from '@chakra-ui/react'
import { Trans, useTranslation } from 'react-i18next'
import { LuFlag } from 'react-icons/lu'
import type { LiveHost } from '../../hooks/useLiveHost'
import { ConfirmButton } from '../ConfirmButton'

const SPACE_HINT = {
  start: 'host.hostControls.spaceToStart',
  end: 'host.hostControls.spaceToEnd',
  next: 'host.hostControls.spaceToGoOn',
  podium: 'host.hostControls.spaceToPodium',
} as const

/** Beside the main button: the key that does the same. */
export function SpaceHint({ to }: { to: keyof typeof SPACE_HINT }) {
  return (
    <Text fontSize="sm" color="fg.muted" hideBelow="md">
      <Trans i18nKey={SPACE_HINT[to]} components={{ kbd: <Kbd /> }} />
    </Text>
  )
}

/** Straight to the podium, after asking. */
export function EndGameButton({ host }: { host: LiveHost }) {
  const { t } = useTranslation()
  return (
    <ConfirmButton
      variant="ghost"
      colorPalette="red"
      size="lg"
      title={t('host.hostControls.endGameTitle')}
      description={t('host.hostControls.endGameDescription')}
      confirmLabel={t('host.hostControls.endGame')}
      onConfirm={host.finish}
      pending={host.pending}
      error={host.error}
      disabled={host.pending}
    >
      <LuFlag /> {t('host.hostControls.endGame')}
    </ConfirmButton>
  )
}
