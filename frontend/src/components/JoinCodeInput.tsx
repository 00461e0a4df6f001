import { Field, Input } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { JOIN_CODE_LENGTH, normalizeJoinCode } from '../lib/joinCode'

/**
 * The one big field for a session code. It accepts any case, spaces, dashes or a pasted join
 * link, and shows the cleaned-up code as the player types.
 */
export function JoinCodeInput({
  value,
  onChange,
  error,
  autoFocus,
}: {
  value: string
  onChange: (code: string) => void
  error?: string | null
  autoFocus?: boolean
}) {
  const { t } = useTranslation()
  return (
    <Field.Root invalid={Boolean(error)}>
      <Field.Label fontSize="lg">{t('play.joinCode.label')}</Field.Label>
      <Input
        value={value}
        onChange={(e) => onChange(normalizeJoinCode(e.target.value))}
        autoFocus={autoFocus}
        size="2xl"
        height="20"
        fontSize={{ base: '3xl', sm: '4xl' }}
        fontFamily="mono"
        fontWeight="bold"
        letterSpacing="0.3em"
        textAlign="center"
        placeholder={'•'.repeat(JOIN_CODE_LENGTH)}
        autoCapitalize="characters"
        autoCorrect="off"
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="go"
        borderWidth="2px"
        borderRadius="xl"
        bg="app.card"
      />
      {error ? (
        <Field.ErrorText fontSize="md" lineHeight="moderate">
          {error}
        </Field.ErrorText>
      ) : (
        <Field.HelperText fontSize="md" lineHeight="moderate">
          {t('play.joinCode.help', { length: JOIN_CODE_LENGTH })}
        </Field.HelperText>
      )}
    </Field.Root>
  )
}
