import { Alert, List, Text } from '@chakra-ui/react'
import type { RowProblem } from '../api/errors'
import { problemText } from '../lib/wordList'

const SHOWN = 50

/** Every bad row of a word list the server refused, line by line, so the teacher can fix the file. */
export function WordListProblems({ problems }: { problems: RowProblem[] }) {
  const count = problems.length
  return (
    <Alert.Root status="error" borderRadius="lg" data-testid="word-list-problems">
      <Alert.Indicator />
      <Alert.Content gap="2">
        <Alert.Title>
          The word list has {count} {count === 1 ? 'problem' : 'problems'}. Nothing was added.
        </Alert.Title>
        <Alert.Description role="alert">
          <Text mb="2">Fix {count === 1 ? 'it' : 'them'} in the list, then preview again.</Text>
          <List.Root as="ul" gap="1" ps="4" aria-label="Problems in the word list">
            {problems.slice(0, SHOWN).map((problem, index) => (
              <List.Item key={index}>{problemText(problem)}</List.Item>
            ))}
          </List.Root>
          {count > SHOWN && (
            <Text mt="2" fontWeight="semibold">
              …and {count - SHOWN} more.
            </Text>
          )}
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
