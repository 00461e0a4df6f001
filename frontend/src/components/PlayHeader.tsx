import { Badge, Heading, HStack, VisuallyHidden } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** The top of a player's screen: the quiz's title and the session's code, with `children` beside the code. */
export function PlayHeader({ title, code, children }: { title: string; code: string; children?: ReactNode }) {
  const { t } = useTranslation()
  const badge = (
    <Badge fontFamily="mono" letterSpacing="widest" size="lg" variant="surface">
      <VisuallyHidden>{t('play.header.code')} </VisuallyHidden>
      {code}
    </Badge>
  )
  return (
    <HStack justify="space-between" mb="4" gap="3" wrap="wrap">
      <Heading dir="auto" as="h1" size={{ base: 'lg', md: 'xl' }} truncate>
        {title}
      </Heading>
      {children ? (
        <HStack gap="2">
          {children}
          {badge}
        </HStack>
      ) : (
        badge
      )}
    </HStack>
  )
}
