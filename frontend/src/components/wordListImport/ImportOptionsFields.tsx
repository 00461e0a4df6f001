import { Fieldset, RadioGroup, SegmentGroup, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { POINTS_MAX, TIME_LIMIT_MAX, TIME_LIMIT_MIN } from '../../lib/questionRules'
import { CHOICE_COUNTS, DIRECTIONS, type Direction, type ImportOptionsDraft } from '../../lib/wordList'
import { TimeAndPointsFields } from '../TimeAndPointsFields'

type Change = (patch: Partial<ImportOptionsDraft>) => void

function DirectionField({ direction, onChange }: { direction: Direction; onChange: Change }) {
  const { t } = useTranslation()
  return (
    <RadioGroup.Root
      value={direction}
      onValueChange={(e) => e.value && onChange({ direction: e.value as Direction })}
      aria-label={t('admin.importOptions.direction')}
    >
      <Text fontWeight="medium" mb="2">
        {t('admin.importOptions.direction')}
      </Text>
      <Stack gap="2">
        {DIRECTIONS.map((d) => (
          <RadioGroup.Item key={d.value} value={d.value} alignItems="start">
            <RadioGroup.ItemHiddenInput />
            <RadioGroup.ItemIndicator />
            <RadioGroup.ItemText>
              <Text as="span" fontWeight="semibold">
                {t(d.label)}
              </Text>
              <Text as="span" color="fg.muted">
                {' '}
                {'prompt' in d.example ? d.example.prompt : t(d.example.explained)}
              </Text>
            </RadioGroup.ItemText>
          </RadioGroup.Item>
        ))}
      </Stack>
    </RadioGroup.Root>
  )
}

function ChoiceCountField({ choices, onChange }: { choices: number; onChange: Change }) {
  const { t } = useTranslation()
  return (
    <Stack gap="2">
      <Text fontWeight="medium" id="choices-label">
        {t('admin.importOptions.choices')}
      </Text>
      <SegmentGroup.Root
        value={String(choices)}
        onValueChange={(e) => e.value && onChange({ choices: Number(e.value) })}
        aria-labelledby="choices-label"
        alignSelf="start"
      >
        <SegmentGroup.Indicator />
        <SegmentGroup.Items items={CHOICE_COUNTS.map(String)} minW="10" justifyContent="center" />
      </SegmentGroup.Root>
    </Stack>
  )
}

/** How a word list becomes questions: what they ask, how many answers, the clock and the points. */
export function ImportOptionsFields({
  draft,
  onChange,
  problems,
}: {
  draft: ImportOptionsDraft
  onChange: Change
  problems: { timeLimit?: string; points?: string }
}) {
  const { t } = useTranslation()
  return (
    <Fieldset.Root>
      <Fieldset.Legend fontWeight="bold" fontSize="md">
        {t('admin.importOptions.legend')}
      </Fieldset.Legend>
      <Stack gap="5" mt="2">
        <DirectionField direction={draft.direction} onChange={onChange} />
        <ChoiceCountField choices={draft.choices} onChange={onChange} />
        <TimeAndPointsFields
          timed={draft.timed}
          onTimedChange={(timed) => onChange({ timed })}
          timedLabel={t('admin.importOptions.timed')}
          untimedText={t('admin.importOptions.untimed')}
          timeLimit={{
            value: draft.timeLimit,
            onChange: (timeLimit) => onChange({ timeLimit }),
            problem: problems.timeLimit,
            help: t('admin.timeAndPoints.range', { min: TIME_LIMIT_MIN, max: TIME_LIMIT_MAX }),
          }}
          points={{
            value: draft.points,
            onChange: (points) => onChange({ points }),
            problem: problems.points,
            help: t('admin.timeAndPoints.range', { min: 0, max: POINTS_MAX }),
          }}
          sideBySideFrom="sm"
          fieldMaxW="32"
        />
      </Stack>
    </Fieldset.Root>
  )
}
