import { ChakraProvider, LocaleProvider } from '@chakra-ui/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthProvider } from './auth/AuthProvider'
import { ColorModeProvider } from './components/ColorMode'
import { Toaster } from './components/Toaster'
import './i18n'
import { system } from './theme'

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  })
}

/** Chakra's components (menus, dialogs, number fields) read the language and its direction from here. */
export function AppLocale({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  return <LocaleProvider locale={i18n.language}>{children}</LocaleProvider>
}

/** Everything a screen needs around it: theme, language, colour mode, data cache and the signed-in user. */
export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient())
  return (
    <ChakraProvider value={system}>
      <AppLocale>
        <ColorModeProvider>
          <QueryClientProvider client={client}>
            <AuthProvider>
              {children}
              <Toaster />
            </AuthProvider>
          </QueryClientProvider>
        </ColorModeProvider>
      </AppLocale>
    </ChakraProvider>
  )
}
