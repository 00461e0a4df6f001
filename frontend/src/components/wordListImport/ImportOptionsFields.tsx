import { Fieldset, RadioGroup, SegmentGroup, Stack, Text } from '@chakra-ui/react'
import { CHOICE_COUNTS, DIRECTIONS, type Direction, type ImportOptionsDraft } from '../../lib/wordList'
import { TimeAndPointsFields } from '../TimeAndPointsFields'

type Change = (patch: Partial<ImportOptionsDraft>) => void

function DirectionField({ direction, onChange }: { direction: Direction; onChange: Change }) {
  return (
    <RadioGroup.Root
      value={direction}
      onValueChange={(e) => e.value && onChange({ direction: e.value as Direction })}
      aria-label="What the questions ask"
    >
      <Text fontWeight="medium" mb="2">
        What the questions ask
      </Text>
      <Stack gap="2">
        {DIRECTIONS.map((d) => (
          <RadioGroup.Item key={d.value} value={d.value} alignItems="start">
            <RadioGroup.ItemHiddenInput />
            <RadioGroup.ItemIndicator />
            <RadioGroup.ItemText>
              <Text as="span" fontWeight="semibold">
                {d.label}
              </Text>
              <Text as="span" color="fg.muted">
                {' '}
                {d.example}
              </Text>
            </RadioGroup.ItemText>
          </RadioGroup.Item>
        ))}
      </Stack>
    </RadioGroup.Root>
  )
}

function ChoiceCountField({ choices, onChange }: { choices: number; onChange: Change }) {
  return (
    <Stack gap="2">
      <Text fontWeight="medium" id="choices-label">
        Answers per question
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
  return (
    <Fieldset.Root>
      <Fieldset.Legend fontWeight="bold" fontSize="md">
        Questions
      </Fieldset.Legend>
      <Stack gap="5" mt="2">
        <DirectionField direction={draft.direction} onChange={onChange} />
        <ChoiceCountField choices={draft.choices} onChange={onChange} />
        <TimeAndPointsFields
          timed={draft.timed}
          onTimedChange={(timed) => onChange({ timed })}
          timedLabel="Timed questions"
          untimedText="Untimed: players take as long as they need."
          timeLimit={{
            value: draft.timeLimit,
            onChange: (timeLimit) => onChange({ timeLimit }),
            problem: problems.timeLimit,
            help: '5 to 300.',
          }}
          points={{
            value: draft.points,
            onChange: (points) => onChange({ points }),
            problem: problems.points,
            help: '0 to 10000.',
          }}
          sideBySideFrom="sm"
          fieldMaxW="32"
        />
      </Stack>
    </Fieldset.Root>
  )
}
