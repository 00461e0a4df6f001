import { Alert, Badge, Box, Button, Card, HStack, Progress, Stack, Text } from '@chakra-ui/react'
import { LuListPlus } from 'react-icons/lu'
import type { Previewed, useImportWordList } from '../../hooks/queries/wordLists'
import { plural } from '../../lib/plural'
import { QuestionCard } from '../QuestionCard'
import { ImportError } from './ImportError'

const PREVIEW_SHOWN = 100

type Props = {
  previewed: Previewed
  /** How many questions the quiz has already: the new ones come after them. */
  existing: number
  /** The list or the options changed since the preview, which then no longer says what would be added. */
  stale: boolean
  /** A session of the quiz is open, and its questions cannot change. */
  locked: boolean
  add: ReturnType<typeof useImportWordList>
}

/** How far the server got adding a long list: "Adding 2,000 words… 40 %". */
function ImportProgress({ words, progress }: { words: number; progress: number }) {
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100)
  const label = `Adding ${words.toLocaleString()} ${words === 1 ? 'word' : 'words'}…`
  return (
    <Progress.Root value={percent} colorPalette="green" size="lg">
      <HStack justify="space-between" mb="1" gap="3">
        <Progress.Label fontWeight="bold">{label}</Progress.Label>
        <Progress.ValueText>{percent} %</Progress.ValueText>
      </HStack>
      <Progress.Track borderRadius="full" aria-label={label} aria-valuetext={`${percent} %`}>
        <Progress.Range />
      </Progress.Track>
    </Progress.Root>
  )
}

/** What a preview found, and the button that adds exactly those questions to the quiz. */
function PreviewSummary({ previewed, existing, stale, locked, add }: Props) {
  const count = previewed.result.questions.length
  return (
    <Card.Root bg="app.card" borderRadius="xl" borderWidth="2px" borderColor="colorPalette.solid">
      <Card.Body gap="3">
        <HStack gap="2" wrap="wrap">
          <Badge colorPalette="purple" variant="subtle" size="lg" data-testid="word-count">
            {plural(previewed.result.word_count, 'word')}
          </Badge>
          <Text aria-hidden>→</Text>
          <Badge colorPalette="green" variant="subtle" size="lg">
            {plural(count, 'question')}
          </Badge>
        </HStack>
        <Text fontSize="sm" color="fg.muted">
          {existing === 0
            ? 'They will be the questions of this quiz.'
            : `They will be added after your ${plural(existing, 'question')}.`}
        </Text>
        {stale && (
          <Alert.Root status="info" borderRadius="lg">
            <Alert.Indicator />
            <Alert.Content>
              <Alert.Description>
                You changed the list or the options since this preview. Preview again to import.
              </Alert.Description>
            </Alert.Content>
          </Alert.Root>
        )}
        {add.importing && (
          <ImportProgress words={add.importing.from.result.word_count} progress={add.importing.progress} />
        )}
        <ImportError error={add.error} imported />
        <Button
          size="lg"
          colorPalette="green"
          onClick={() => add.mutate(previewed)}
          loading={add.isPending}
          loadingText="Adding…"
          disabled={stale || locked || count === 0}
        >
          <LuListPlus /> Import {plural(count, 'question')}
        </Button>
      </Card.Body>
    </Card.Root>
  )
}

/** The questions a word list makes, numbered after the quiz's own, and how to add them. */
export function WordListPreview(props: Props) {
  const { previewed, existing } = props
  const questions = previewed.result.questions
  return (
    <Stack gap="4">
      <PreviewSummary {...props} />
      <Stack as="ol" gap="3" listStyleType="none" m="0" p="0" aria-label="Previewed questions">
        {questions.slice(0, PREVIEW_SHOWN).map((question, index) => (
          <Box as="li" key={index}>
            <QuestionCard
              number={existing + index + 1}
              question={{
                ...question,
                id: `preview-${index}`,
                choices: question.choices.map((c, i) => ({ ...c, id: `preview-${index}-${i}` })),
              }}
            />
          </Box>
        ))}
      </Stack>
      {questions.length > PREVIEW_SHOWN && (
        <Text color="fg.muted" textAlign="center">
          …and {questions.length - PREVIEW_SHOWN} more questions like these.
        </Text>
      )}
    </Stack>
  )
}
