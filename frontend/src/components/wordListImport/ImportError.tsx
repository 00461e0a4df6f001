import { Alert } from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { errorMessage, isApiError, rowProblemCount, rowProblems } from '../../api/errors'
import { WORD_LIST_MAX_ROWS } from '../../lib/wordList'
import { WordListProblems } from '../WordListProblems'

/** Plain words for what can go wrong with a word list besides bad rows. */
function importFailure(error: unknown, t: TFunction): { title: string; description: string } {
  if (isApiError(error, 409))
    return { title: t('admin.importError.openTitle'), description: t('admin.importError.openDescription') }
  if (isApiError(error, 413))
    return {
      title: t('admin.importError.tooLargeTitle'),
      description: t('admin.importError.tooLargeDescription', { rows: WORD_LIST_MAX_ROWS }),
    }
  if (isApiError(error, 415))
    return { title: t('admin.importError.notCsvTitle'), description: t('admin.importError.notCsvDescription') }
  return { title: t('admin.importError.failedTitle'), description: errorMessage(error) }
}

/** Why a preview or an import of a word list failed: its bad rows, or what else went wrong. */
export function ImportError({ error, imported }: { error: unknown; imported: boolean }) {
  const { t } = useTranslation()
  if (!error) return null
  const problems = rowProblems(error)
  if (problems && problems.length > 0)
    return <WordListProblems problems={problems} count={rowProblemCount(error, problems.length)} imported={imported} />
  const { title, description } = importFailure(error, t)
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
