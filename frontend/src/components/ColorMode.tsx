import { IconButton } from '@chakra-ui/react'
import { ThemeProvider, useTheme } from 'next-themes'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const { colorMode, toggle } = useColorMode()
  const label = colorMode === 'dark' ? t('common.colorMode.toLight') : t('common.colorMode.toDark')
  return (
    <IconButton aria-label={label} title={label} variant="ghost" size="sm" onClick={toggle}>
      {colorMode === 'dark' ? <LuSun /> : <LuMoon />}
    </IconButton>
  )
}
