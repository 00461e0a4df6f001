import { Button, Stack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { InlineError } from './StateViews'

/** An answer that didn't reach the server, with the button that sends it again. */
export function AnswerNotSent({ error, onResend }: { error: unknown; onResend: () => void }) {
  const { t } = useTranslation()
  return (
    <Stack gap="2">
      <InlineError error={error} title={t('play.answerNotSent.title')} />
      <Button alignSelf="start" variant="outline" onClick={onResend}>
        {t('play.answerNotSent.resend')}
      </Button>
    </Stack>
  )
}
