import { Stack, Switch, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { NumberField, type NumberFieldProps } from './NumberField'

/** Whether questions are timed, the seconds to answer them, and their points: for one question or a word list. */
export function TimeAndPointsFields({
  timed,
  onTimedChange,
  timedLabel,
  untimedText,
  timeLimit,
  points,
  sideBySideFrom,
  fieldMaxW,
}: {
  timed: boolean
  onTimedChange: (timed: boolean) => void
  timedLabel: string
  untimedText: string
  timeLimit: NumberFieldProps
  points: NumberFieldProps
  /** The breakpoint from which the two stand side by side. */
  sideBySideFrom: 'sm' | 'md'
  fieldMaxW: string
}) {
  const { t } = useTranslation()
  return (
    <Stack direction={{ base: 'column', [sideBySideFrom]: 'row' }} gap="5" align={{ [sideBySideFrom]: 'start' }}>
      <Stack gap="2" flex="1">
        <Switch.Root checked={timed} onCheckedChange={(e) => onTimedChange(e.checked)}>
          <Switch.HiddenInput />
          <Switch.Control />
          <Switch.Label>{timedLabel}</Switch.Label>
        </Switch.Root>
        {timed ? (
          <NumberField label={t('admin.timeAndPoints.seconds')} maxW={fieldMaxW} {...timeLimit} />
        ) : (
          <Text fontSize="sm" color="fg.muted">
            {untimedText}
          </Text>
        )}
      </Stack>
      <NumberField label={t('admin.timeAndPoints.points')} flex="1" maxW={fieldMaxW} {...points} />
    </Stack>
  )
}
