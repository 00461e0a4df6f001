import { Box, Button, Menu, Portal } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuLanguages } from 'react-icons/lu'
import { LANGUAGES } from '../i18n'

/**
 * Picks the language of the interface; the choice is remembered in this browser. Quiz content
 * (prompts and choices) stays as its teacher wrote it.
 */
export function LanguageMenu({ size = 'sm' }: { size?: 'sm' | 'md' }) {
  const { t, i18n } = useTranslation()
  const current = LANGUAGES.find((l) => l.code === i18n.resolvedLanguage) ?? LANGUAGES[0]
  return (
    <Menu.Root positioning={{ placement: 'bottom-end' }}>
      <Menu.Trigger asChild>
        <Button variant="ghost" size={size} aria-label={`${t('common.language.menu')}: ${current.name}`} px="2">
          <LuLanguages aria-hidden />
          {/* On a phone the icon alone: the header is full there. */}
          <Box as="span" aria-hidden hideBelow="sm">
            {current.code.toUpperCase()}
          </Box>
        </Button>
      </Menu.Trigger>
      <Portal>
        <Menu.Positioner>
          <Menu.Content minW="40">
            <Menu.RadioItemGroup value={current.code} onValueChange={(e) => void i18n.changeLanguage(e.value)}>
              <Menu.ItemGroupLabel>{t('common.language.label')}</Menu.ItemGroupLabel>
              {LANGUAGES.map((l) => (
                <Menu.RadioItem key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                  <Menu.ItemIndicator />
                </Menu.RadioItem>
              ))}
            </Menu.RadioItemGroup>
          </Menu.Content>
        </Menu.Positioner>
      </Portal>
    </Menu.Root>
  )
}
