import { Box, Heading, HStack, type HeadingProps } from '@chakra-ui/react'
import { useState, type ReactNode } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { createScreenI18n } from '../i18n/screen'
import { AppLocale } from '../Providers'
import { Logo } from './Logo'
import { ScreenControls } from './ScreenControls'

/** Marks the class screen's language and direction, for screen readers, fonts and mirroring. */
function ScreenLanguageRoot({ children }: { children: ReactNode }) {
  const { i18n: screen } = useTranslation()
  return (
    <Box lang={screen.language} dir={screen.dir()} display="contents">
      {children}
    </Box>
  )
}

/**
 * A screen for the class (the projector, the live host) in a language of its own, apart from the
 * teacher's: everything inside reads it, and the language menu of its controls changes it alone.
 */
export function ClassScreenLanguage({ children }: { children: ReactNode }) {
  const [screen] = useState(createScreenI18n)
  return (
    <I18nextProvider i18n={screen}>
      <AppLocale>
        <ScreenLanguageRoot>{children}</ScreenLanguageRoot>
      </AppLocale>
    </I18nextProvider>
  )
}

/**
 * The top of a screen for the class (the projector, the live host): the logo and the quiz's title,
 * a `tag` beside it, then `children` (how current the screen is) and the screen's controls.
 */
export function ClassScreenHeader({
  title,
  titleSize,
  titleMaxW,
  tag,
  code,
  backLabel,
  children,
}: {
  title: string
  titleSize: HeadingProps['size']
  titleMaxW: string
  tag?: ReactNode
  code: string
  backLabel: string
  children: ReactNode
}) {
  return (
    <HStack justify="space-between" gap="3" wrap="wrap">
      {/* Beside a tag, the title is what gives way on a narrow screen. */}
      <HStack gap="4" minW={tag ? '0' : undefined}>
        <Logo size="lg" />
        <Heading dir="auto" as="h1" size={titleSize} truncate maxW={titleMaxW}>
          {title}
        </Heading>
        {tag}
      </HStack>
      <HStack gap="2" wrap="wrap">
        {children}
        <ScreenControls code={code} backLabel={backLabel} />
      </HStack>
    </HStack>
  )
}
