import { Alert, List, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import type { RowProblem } from '../api/errors'
import { problemText } from '../lib/wordList'

const SHOWN = 50

/**
 * The bad rows of a word list the server refused, line by line, so the teacher can fix the file.
 * `count` is how many there are in all (the server names only the first of very many); after an
 * import, nothing was added, which a preview need not say. Each reason is in the teacher's
 * language, from its code (problemText).
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
  const { t } = useTranslation()
  const more = count - Math.min(SHOWN, problems.length)
  return (
    <Alert.Root status="error" borderRadius="lg" data-testid="word-list-problems">
      <Alert.Indicator />
      <Alert.Content gap="2">
        <Alert.Title>
          {imported
            ? t('admin.wordListProblems.titleNothingAdded', { count })
            : t('admin.wordListProblems.title', { count })}
        </Alert.Title>
        <Alert.Description role="alert">
          <Text mb="2">{t('admin.wordListProblems.fix', { count })}</Text>
          <List.Root as="ul" gap="1" ps="4" aria-label={t('admin.wordListProblems.listLabel')}>
            {problems.slice(0, SHOWN).map((problem, index) => (
              <List.Item key={index}>{problemText(problem, t)}</List.Item>
            ))}
          </List.Root>
          {more > 0 && (
            <Text mt="2" fontWeight="semibold">
              {t('admin.wordListProblems.more', { more })}
            </Text>
          )}
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
