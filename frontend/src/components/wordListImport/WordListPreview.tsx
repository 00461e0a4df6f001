import { Alert, Badge, Box, Button, Card, HStack, Progress, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuListPlus } from 'react-icons/lu'
import type { Previewed, useImportWordList } from '../../hooks/queries/wordLists'
import { useFormat } from '../../hooks/useFormat'
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

/** How far the server got adding a long list: "Adding 2,000 words… 40%". */
function ImportProgress({ words, progress }: { words: number; progress: number }) {
  const { t } = useTranslation()
  const f = useFormat()
  const fraction = Math.min(1, Math.max(0, progress))
  const percent = Math.round(fraction * 100)
  const label = t('admin.wordListPreview.adding', { count: words })
  return (
    <Progress.Root value={percent} colorPalette="green" size="lg">
      <HStack justify="space-between" mb="1" gap="3">
        <Progress.Label fontWeight="bold">{label}</Progress.Label>
        <Progress.ValueText>{f.percent(fraction)}</Progress.ValueText>
      </HStack>
      <Progress.Track borderRadius="full" aria-label={label} aria-valuetext={f.percent(fraction)}>
        <Progress.Range />
      </Progress.Track>
    </Progress.Root>
  )
}

/** What a preview found, and the button that adds exactly those questions to the quiz. */
function PreviewSummary({ previewed, existing, stale, locked, add }: Props) {
  const { t } = useTranslation()
  const count = previewed.result.questions.length
  return (
    <Card.Root bg="app.card" borderRadius="xl" borderWidth="2px" borderColor="colorPalette.solid">
      <Card.Body gap="3">
        <HStack gap="2" wrap="wrap">
          <Badge colorPalette="purple" variant="subtle" size="lg" data-testid="word-count">
            {t('admin.wordListPreview.words', { count: previewed.result.word_count })}
          </Badge>
          <Text aria-hidden _rtl={{ transform: 'scaleX(-1)' }}>
            →
          </Text>
          <Badge colorPalette="green" variant="subtle" size="lg">
            {t('admin.wordListPreview.questions', { count })}
          </Badge>
        </HStack>
        <Text fontSize="sm" color="fg.muted">
          {existing === 0
            ? t('admin.wordListPreview.onlyQuestions')
            : t('admin.wordListPreview.afterYours', { count: existing })}
        </Text>
        {stale && (
          <Alert.Root status="info" borderRadius="lg">
            <Alert.Indicator />
            <Alert.Content>
              <Alert.Description>{t('admin.wordListPreview.stale')}</Alert.Description>
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
          loadingText={t('admin.wordListPreview.addingShort')}
          disabled={stale || locked || count === 0}
        >
          <LuListPlus /> {t('admin.wordListPreview.import', { count })}
        </Button>
      </Card.Body>
    </Card.Root>
  )
}

/** The questions a word list makes, numbered after the quiz's own, and how to add them. */
export function WordListPreview(props: Props) {
  const { t } = useTranslation()
  const { previewed, existing } = props
  const questions = previewed.result.questions
  return (
    <Stack gap="4">
      <PreviewSummary {...props} />
      <Stack as="ol" gap="3" listStyleType="none" m="0" p="0" aria-label={t('admin.wordListPreview.listLabel')}>
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
          {t('admin.wordListPreview.more', { count: questions.length - PREVIEW_SHOWN })}
        </Text>
      )}
    </Stack>
  )
}
