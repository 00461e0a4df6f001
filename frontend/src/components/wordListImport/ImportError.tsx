import { Alert } from '@chakra-ui/react'
import { errorMessage, isApiError, rowProblemCount, rowProblems } from '../../api/errors'
import { WORD_LIST_MAX_ROWS } from '../../lib/wordList'
import { WordListProblems } from '../WordListProblems'

/** Plain words for what can go wrong with a word list besides bad rows. */
function importFailure(error: unknown): { title: string; description: string } {
  if (isApiError(error, 409))
    return {
      title: 'A session of this quiz is open',
      description: 'Players are answering this quiz right now. Close the session, then import the word list.',
    }
  if (isApiError(error, 413))
    return {
      title: 'The word list is too large',
      description: `A list can be up to 4 MB and ${WORD_LIST_MAX_ROWS.toLocaleString()} rows. Split it into smaller lists and import them one by one.`,
    }
  if (isApiError(error, 415))
    return {
      title: "That isn't a CSV word list",
      description: 'Save the list as CSV (comma-separated values, UTF-8) and try again.',
    }
  return { title: "That didn't work", description: errorMessage(error) }
}

/** Why a preview or an import of a word list failed: its bad rows, or what else went wrong. */
export function ImportError({ error, imported }: { error: unknown; imported: boolean }) {
  if (!error) return null
  const problems = rowProblems(error)
  if (problems && problems.length > 0)
    return <WordListProblems problems={problems} count={rowProblemCount(error, problems.length)} imported={imported} />
  const { title, description } = importFailure(error)
  return (
    <Alert.Root status="error" borderRadius="lg">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{title}</Alert.Title>
        <Alert.Description role="alert">{description}</Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
