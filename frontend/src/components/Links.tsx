import { Button, Icon, Link, type ButtonProps, type LinkProps } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { Link as RouterLink } from 'react-router'
import { LuArrowLeft } from 'react-icons/lu'

/** A button that goes to another screen of the app. */
export function LinkButton({ to, children, ...props }: { to: string; children: ReactNode } & ButtonProps) {
  return (
    <Button asChild {...props}>
      <RouterLink to={to}>{children}</RouterLink>
    </Button>
  )
}

/** A link in a sentence to another screen, e.g. "Create an account" (its text may come from a <Trans>). */
export function TextLink({ to, children, ...props }: { to: string; children?: ReactNode } & LinkProps) {
  return (
    <Link asChild colorPalette="purple" fontWeight="semibold" {...props}>
      <RouterLink to={to}>{children}</RouterLink>
    </Link>
  )
}

/** The small link over a screen's heading back to where it was opened from. */
export function BackLink({ to, children, ...props }: { to: string; children: ReactNode } & LinkProps) {
  return (
    <Link asChild mb="4" fontSize="sm" color="fg.muted" {...props}>
      <RouterLink to={to}>
        {/* "Back" points the way the page reads from: right in a right-to-left language. */}
        <Icon asChild _rtl={{ transform: 'scaleX(-1)' }}>
          <LuArrowLeft aria-hidden />
        </Icon>{' '}
        {children}
      </RouterLink>
    </Link>
  )
}
