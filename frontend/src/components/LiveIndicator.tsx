import { Badge, Box, Spinner } from '@chakra-ui/react'
import type { StreamStatus } from '../api/sessionEvents'

/** A small badge that says whether the standings are updating live. */
export function LiveIndicator({ status, closed = false }: { status: StreamStatus; closed?: boolean }) {
  const view = closed
    ? { palette: 'gray', text: 'Final results', dot: false, spin: false }
    : status === 'live'
      ? { palette: 'green', text: 'Live', dot: true, spin: false }
      : status === 'reconnecting'
        ? { palette: 'orange', text: 'Reconnecting…', dot: false, spin: true }
        : status === 'connecting'
          ? { palette: 'gray', text: 'Connecting…', dot: false, spin: true }
          : { palette: 'red', text: 'Live updates stopped', dot: false, spin: false }
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
