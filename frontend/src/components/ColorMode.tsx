import { IconButton } from '@chakra-ui/react'
import { ThemeProvider, useTheme } from 'next-themes'
import type { ReactNode } from 'react'
import { LuMoon, LuSun } from 'react-icons/lu'

/** Light or dark, following the system until the user picks one (the choice is remembered). */
export function ColorModeProvider({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider attribute="class" disableTransitionOnChange storageKey="vocabquiz.colorMode">
      {children}
    </ThemeProvider>
  )
}

export function useColorMode() {
  const { resolvedTheme, setTheme } = useTheme()
  const colorMode = resolvedTheme === 'dark' ? 'dark' : 'light'
  return { colorMode, toggle: () => setTheme(colorMode === 'dark' ? 'light' : 'dark') } as const
}

export function ColorModeToggle() {
  const { colorMode, toggle } = useColorMode()
  const label = colorMode === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'
  return (
    <IconButton aria-label={label} title={label} variant="ghost" size="sm" onClick={toggle}>
      {colorMode === 'dark' ? <LuSun /> : <LuMoon />}
    </IconButton>
  )
}
