import { Box, Text, VisuallyHidden } from '@chakra-ui/react'
import { Trans, useTranslation } from 'react-i18next'
import { joinPageForDisplay } from '../lib/joinLink'

/** The join code, large enough to read from the back of the classroom, and where to type it (on `base`). */
export function SessionCodeDisplay({ code, base, size = 'lg' }: { code: string; base: string; size?: 'lg' | 'xl' }) {
  const { t } = useTranslation()
  return (
    <Box textAlign="center">
      <Text fontSize={size === 'xl' ? '2xl' : 'md'} color="fg.muted" fontWeight="semibold">
        <Trans
          i18nKey="host.sessionCode.joinAt"
          values={{ address: joinPageForDisplay(base) }}
          components={{ b: <Text as="span" color="fg" fontWeight="bold" /> }}
        />
      </Text>
      <Text
        as="p"
        fontFamily="mono"
        fontWeight="black"
        // On the projector the code shares the width with the leaderboard from xl up: one size smaller there.
        fontSize={size === 'xl' ? { base: '6xl', md: '8xl', xl: '7xl', '2xl': '8xl' } : { base: '5xl', md: '6xl' }}
        letterSpacing="0.15em"
        lineHeight="1.1"
        color="purple.fg"
        data-testid="session-code"
      >
        <VisuallyHidden>{t('host.sessionCode.codeLabel')} </VisuallyHidden>
        {code}
      </Text>
    </Box>
  )
}
