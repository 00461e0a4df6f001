import { Button, Link, type ButtonProps, type LinkProps } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { Link as RouterLink } from 'react-router'
import { BackArrow } from './Arrows'

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
        <BackArrow /> {children}
      </RouterLink>
    </Link>
  )
}
