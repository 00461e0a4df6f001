import { Badge, Box, Spinner } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import type { StreamStatus } from '../api/sessionEvents'

/** A small badge that says whether the standings are updating live. */
export function LiveIndicator({ status, closed = false }: { status: StreamStatus; closed?: boolean }) {
  const { t } = useTranslation()
  const view = closed
    ? { palette: 'gray', text: t('live.indicator.final'), dot: false, spin: false }
    : status === 'live'
      ? { palette: 'green', text: t('live.indicator.live'), dot: true, spin: false }
      : status === 'reconnecting'
        ? { palette: 'orange', text: t('live.indicator.reconnecting'), dot: false, spin: true }
        : status === 'connecting'
          ? { palette: 'gray', text: t('live.indicator.connecting'), dot: false, spin: true }
          : { palette: 'red', text: t('live.indicator.stopped'), dot: false, spin: false }
  return (
    <Badge role="status" colorPalette={view.palette} variant="subtle" size="md" gap="1.5" borderRadius="full" px="2.5">
      {view.dot && (
        <Box
          aria-hidden
          w="2"
          h="2"
          borderRadius="full"
          bg="green.solid"
          animation="pulse"
          animationDuration="1.6s"
          _motionReduce={{ animation: 'none' }}
        />
      )}
      {view.spin && <Spinner size="xs" aria-hidden />}
      {view.text}
    </Badge>
  )
}
