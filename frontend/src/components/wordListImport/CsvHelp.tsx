import { Box, Button, Code, Stack, Text } from '@chakra-ui/react'
import { Trans, useTranslation } from 'react-i18next'
import { LuFileText } from 'react-icons/lu'
import { EXAMPLE_CSV, WORD_LIST_MAX_ROWS } from '../../lib/wordList'

/** The columns by the names a file must use, in English in every language. */
const COLUMNS = { word: 'word', meaning: 'meaning', example: 'example', first: 'distractor_1', last: 'distractor_3' }

/** What a word list's CSV looks like, with an example to start from. */
export function CsvHelp({ onUseExample }: { onUseExample: () => void }) {
  const { t } = useTranslation()
  return (
    <Box bg="bg.muted" borderRadius="lg" p="4" fontSize="sm">
      <Stack gap="2">
        <Text fontWeight="bold">{t('admin.csvHelp.title')}</Text>
        <Text>
          <Trans i18nKey="admin.csvHelp.columns" values={COLUMNS} components={{ c: <Code /> }} />
        </Text>
        <Box
          as="pre"
          bg="app.card"
          borderWidth="1px"
          borderRadius="md"
          p="3"
          fontFamily="mono"
          fontSize="xs"
          overflowX="auto"
          data-testid="csv-example"
        >
          {EXAMPLE_CSV}
        </Box>
        <Text color="fg.muted">{t('admin.csvHelp.notes', { rows: WORD_LIST_MAX_ROWS })}</Text>
        <Button size="xs" variant="outline" alignSelf="start" onClick={onUseExample}>
          <LuFileText /> {t('admin.csvHelp.useExample')}
        </Button>
      </Stack>
    </Box>
  )
}
