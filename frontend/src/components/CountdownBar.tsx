import { Box, HStack, Text } from '@chakra-ui/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LuTimer } from 'react-icons/lu'

/** The question's whole time and the time left on the server's clock, ticking until `stopped`. */
function useCountdown(
  servedAt: string,
  deadline: string,
  serverOffsetMs: number,
  stopped: boolean,
  onExpire: (() => void) | undefined,
) {
  const start = Date.parse(servedAt)
  const end = Date.parse(deadline)
  const total = Math.max(1, end - start)
  const serverNow = () => Date.now() + serverOffsetMs
  const [now, setNow] = useState(serverNow)
  const expired = useRef(false)

  useEffect(() => {
    if (stopped) return
    const tick = () => setNow(Date.now() + serverOffsetMs)
    tick()
    const timer = setInterval(tick, 200)
    return () => clearInterval(timer)
  }, [stopped, serverOffsetMs])

  // Never more than the limit, whatever the clocks say: a device clock corrected by the server's
  // one-second Date header could otherwise show 22 s on a 20 s question.
  const remaining = Math.min(total, Math.max(0, end - now))
  useEffect(() => {
    if (remaining === 0 && !expired.current) {
      expired.current = true
      onExpire?.()
    }
  }, [remaining, onExpire])
  return { total, remaining }
}

/**
 * Time left for a timed question, from the server's `served_at` and `deadline`. `serverOffsetMs`
 * corrects for a device clock that is ahead of or behind the server's.
 */
export function CountdownBar({
  servedAt,
  deadline,
  serverOffsetMs = 0,
  stopped = false,
  onExpire,
  size = 'md',
}: {
  servedAt: string
  deadline: string
  serverOffsetMs?: number
  stopped?: boolean
  onExpire?: () => void
  /** "lg" for a screen the whole room reads. */
  size?: 'md' | 'lg'
}) {
  const { t } = useTranslation()
  const { total, remaining } = useCountdown(servedAt, deadline, serverOffsetMs, stopped, onExpire)
  const fraction = remaining / total
  const seconds = Math.ceil(remaining / 1000)
  const palette = fraction > 0.5 ? 'green' : fraction > 0.2 ? 'orange' : 'red'
  const big = size === 'lg'
  return (
    <HStack gap={big ? '5' : '3'}>
      <Box
        role="progressbar"
        aria-label={t('play.countdown.label')}
        aria-valuemin={0}
        aria-valuemax={Math.round(total / 1000)}
        aria-valuenow={seconds}
        aria-valuetext={
          remaining === 0 ? t('play.countdown.timeUp') : t('play.countdown.secondsLeft', { count: seconds })
        }
        flex="1"
        h={big ? '5' : '3'}
        bg="bg.emphasized"
        borderRadius="full"
        overflow="hidden"
      >
        <Box
          h="full"
          w={`${fraction * 100}%`}
          bg={`${palette}.solid`}
          borderRadius="full"
          transition="width 0.2s linear, background-color 0.4s"
        />
      </Box>
      <HStack
        gap="1"
        minW={big ? '28' : '14'}
        justify="end"
        color={`${palette}.fg`}
        fontWeight={big ? 'black' : 'bold'}
        fontSize={big ? '4xl' : undefined}
        fontVariantNumeric="tabular-nums"
        aria-hidden
      >
        <LuTimer />
        <Text>{t('play.countdown.seconds', { seconds })}</Text>
      </HStack>
    </HStack>
  )
}
