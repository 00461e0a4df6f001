import { createSystem, defaultConfig, defineConfig } from '@chakra-ui/react'

const config = defineConfig({
  globalCss: {
    html: { colorPalette: 'purple' },
    body: { bg: 'app.bg', color: 'fg', minHeight: '100dvh' },
  },
  theme: {
    recipes: {
      heading: { base: { fontWeight: 'bold' } },
    },
    tokens: {
      fonts: {
        heading: {
          value: '"Nunito Variable", "Segoe UI Rounded", ui-rounded, "SF Pro Rounded", system-ui, sans-serif',
        },
        body: { value: '"Nunito Variable", "Segoe UI", ui-rounded, system-ui, -apple-system, sans-serif' },
      },
    },
    semanticTokens: {
      colors: {
        app: {
          bg: { value: { _light: '{colors.purple.50}', _dark: '{colors.gray.950}' } },
          card: { value: { _light: '{colors.white}', _dark: '{colors.gray.900}' } },
          header: { value: { _light: '{colors.white}', _dark: '{colors.gray.900}' } },
        },
        me: {
          bg: { value: { _light: '{colors.yellow.100}', _dark: '{colors.yellow.900}' } },
          border: { value: { _light: '{colors.yellow.500}', _dark: '{colors.yellow.400}' } },
        },
      },
    },
  },
})

export const system = createSystem(defaultConfig, config)
