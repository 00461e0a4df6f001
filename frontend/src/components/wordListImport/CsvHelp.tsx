import { Box, Button, Code, Stack, Text } from '@chakra-ui/react'
import { LuFileText } from 'react-icons/lu'
import { EXAMPLE_CSV, WORD_LIST_MAX_ROWS } from '../../lib/wordList'

/** What a word list's CSV looks like, with an example to start from. */
export function CsvHelp({ onUseExample }: { onUseExample: () => void }) {
  return (
    <Box bg="bg.muted" borderRadius="lg" p="4" fontSize="sm">
      <Stack gap="2">
        <Text fontWeight="bold">The CSV format</Text>
        <Text>
          The first line names the columns: <Code>word</Code> and <Code>meaning</Code> are needed; <Code>example</Code>{' '}
          and <Code>distractor_1</Code> to <Code>distractor_3</Code> (wrong answers of your own) are optional. Separate
          fields with commas or semicolons, and put a field in double quotes when it holds one.
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
        <Text color="fg.muted">
          Wrong answers are drawn from the other words of the list. When the answer is the word, its example becomes a
          fill-in-the-blank question. Up to {WORD_LIST_MAX_ROWS.toLocaleString()} rows.
        </Text>
        <Button size="xs" variant="outline" alignSelf="start" onClick={onUseExample}>
          <LuFileText /> Use this example
        </Button>
      </Stack>
    </Box>
  )
}
