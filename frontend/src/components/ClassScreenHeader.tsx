import { Heading, HStack, type HeadingProps } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { Logo } from './Logo'
import { ScreenControls } from './ScreenControls'

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
        <Heading as="h1" size={titleSize} truncate maxW={titleMaxW}>
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
