import { Alert, Code } from '@chakra-ui/react'
import { Trans, useTranslation } from 'react-i18next'

/** Shown to the teacher when the join link works on this computer only, with the two ways to fix it. */
export function JoinLinkWarning() {
  const { t } = useTranslation()
  return (
    <Alert.Root status="warning" borderRadius="lg" data-testid="join-link-warning">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{t('host.joinLinkWarning.title')}</Alert.Title>
        <Alert.Description>
          <Trans
            i18nKey="host.joinLinkWarning.description"
            values={{ command: 'make run HOST=0.0.0.0', variable: 'VOCABQUIZ_PUBLIC_URL' }}
            components={{ code: <Code /> }}
          />
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
