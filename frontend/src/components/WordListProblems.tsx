import { Alert, List, Text } from '@chakra-ui/react'
import type { RowProblem } from '../api/errors'
import { problemText } from '../lib/wordList'

const SHOWN = 50

/**
 * The bad rows of a word list the server refused, line by line, so the teacher can fix the file.
 * `count` is how many there are in all (the server names only the first of very many); after an
 * import, nothing was added, which a preview need not say.
 */
export function WordListProblems({
  problems,
  count,
  imported,
}: {
  problems: RowProblem[]
  count: number
  imported: boolean
}) {
  return (
    <Alert.Root status="error" borderRadius="lg" data-testid="word-list-problems">
      <Alert.Indicator />
      <Alert.Content gap="2">
        <Alert.Title>
          The word list has {count.toLocaleString()} {count === 1 ? 'problem' : 'problems'}.
          {imported && ' Nothing was added.'}
        </Alert.Title>
        <Alert.Description role="alert">
          <Text mb="2">Fix {count === 1 ? 'it' : 'them'} in the list, then preview again.</Text>
          <List.Root as="ul" gap="1" ps="4" aria-label="Problems in the word list">
            {problems.slice(0, SHOWN).map((problem, index) => (
              <List.Item key={index}>{problemText(problem)}</List.Item>
            ))}
          </List.Root>
          {count > Math.min(SHOWN, problems.length) && (
            <Text mt="2" fontWeight="semibold">
              …and {(count - Math.min(SHOWN, problems.length)).toLocaleString()} more.
            </Text>
          )}
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
