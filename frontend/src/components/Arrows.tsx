import { Icon } from '@chakra-ui/react'
import { LuArrowLeft, LuArrowRight } from 'react-icons/lu'

// Arrows point the way the page reads: mirrored in a right-to-left language.

/** "On to the next": beside Next, Join, Let's play. */
export function ForwardArrow() {
  return (
    <Icon asChild _rtl={{ transform: 'scaleX(-1)' }}>
      <LuArrowRight aria-hidden />
    </Icon>
  )
}

/** "Back to where you came from". */
export function BackArrow() {
  return (
    <Icon asChild _rtl={{ transform: 'scaleX(-1)' }}>
      <LuArrowLeft aria-hidden />
    </Icon>
  )
}
