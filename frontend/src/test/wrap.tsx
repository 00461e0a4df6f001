import { ChakraProvider } from '@chakra-ui/react'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { system } from '../theme'

/** Renders a component with the app's theme only, for components that need no data or routes. */
export function renderWithTheme(ui: ReactElement) {
  const utils = render(<ChakraProvider value={system}>{ui}</ChakraProvider>)
  return {
    ...utils,
    rerender: (next: ReactElement) => utils.rerender(<ChakraProvider value={system}>{next}</ChakraProvider>),
  }
}
