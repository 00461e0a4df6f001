import { Alert, Box, Button, Heading, HStack, IconButton, Stack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuPencil, LuPlus } from 'react-icons/lu'
import type { Question, Quiz } from '../../api/types'
import type { useSaveQuestion } from '../../hooks/queries/quizzes'
import type { Imported } from '../../hooks/useImportedQuestions'
import { MAX_CHOICES, MIN_CHOICES } from '../../lib/questionRules'
import { QuestionCard } from '../QuestionCard'
import { QuestionEditor } from '../QuestionEditor'
import { EmptyView } from '../StateViews'
import { DeleteQuestionButton } from './DeleteQuestionButton'
import { ImportWordListButton } from './ImportWordListButton'

/** What the teacher is changing on the quiz's screen: nothing, a new question, a question, or the details. */
export type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'question'; id: string } | { kind: 'details' }

type Props = {
  /** As in the address, which the quiz's cache entries are keyed by. */
  quizId: string
  quiz: Quiz
  editing: Editing
  onEdit: (next: Editing) => void
  save: ReturnType<typeof useSaveQuestion>
  /** A session is open: its players are answering these questions, which cannot change now. */
  locked: boolean
  imported: Imported | undefined
}

function ImportedAlert({ imported }: { imported: Imported }) {
  const { t } = useTranslation()
  return (
    <Alert.Root status="success" borderRadius="lg">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{t('admin.questions.imported', { count: imported.count })}</Alert.Title>
        <Alert.Description>{t('admin.questions.importedDescription')}</Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}

function QuestionItem({ question, index, ...props }: Props & { question: Question; index: number }) {
  const { quizId, quiz, editing, onEdit, save, locked, imported } = props
  const { t } = useTranslation()
  const number = index + 1
  if (editing.kind === 'question' && editing.id === question.id)
    return (
      <QuestionEditor
        question={question}
        number={number}
        scoring={quiz.scoring}
        onSave={(input) => save.mutate({ id: question.id, input })}
        onCancel={() => onEdit({ kind: 'none' })}
        saving={save.isPending}
        error={save.error}
      />
    )
  return (
    <QuestionCard
      question={question}
      number={number}
      isNew={imported !== undefined && index >= imported.first && index < imported.first + imported.count}
      actions={
        <>
          <IconButton
            aria-label={t('admin.questions.edit', { number })}
            variant="ghost"
            size="sm"
            disabled={locked}
            onClick={() => onEdit({ kind: 'question', id: question.id })}
          >
            <LuPencil />
          </IconButton>
          <DeleteQuestionButton quizId={quizId} question={question} number={number} disabled={locked} />
        </>
      }
    />
  )
}

/** A quiz's questions, each to edit or delete, and the ways to add more (by hand or from a word list). */
export function QuizQuestions(props: Props) {
  const { quizId, quiz, editing, onEdit, save, locked, imported } = props
  const { t } = useTranslation()
  const count = quiz.questions.length
  return (
    <>
      <HStack justify="space-between" gap="3" wrap="wrap">
        <Heading as="h2" size="lg">
          {t('admin.questions.heading', { total: count })}
        </Heading>
        {count > 0 && <ImportWordListButton quizId={quizId} disabled={locked} />}
      </HStack>
      {imported && <ImportedAlert imported={imported} />}
      {count === 0 && editing.kind !== 'new' && (
        <EmptyView
          title={t('admin.questions.emptyTitle')}
          description={t('admin.questions.emptyDescription', { min: MIN_CHOICES, max: MAX_CHOICES })}
        >
          <Stack direction={{ base: 'column', sm: 'row' }} gap="3">
            <Button onClick={() => onEdit({ kind: 'new' })} disabled={locked}>
              <LuPlus /> {t('admin.questions.addFirst')}
            </Button>
            <ImportWordListButton quizId={quizId} disabled={locked} />
          </Stack>
        </EmptyView>
      )}
      <Stack as="ol" gap="3" listStyleType="none" m="0" p="0">
        {quiz.questions.map((question, index) => (
          <Box as="li" key={question.id}>
            <QuestionItem {...props} question={question} index={index} />
          </Box>
        ))}
      </Stack>
      {editing.kind === 'new' ? (
        <QuestionEditor
          number={count + 1}
          scoring={quiz.scoring}
          onSave={(input) => save.mutate({ input })}
          onCancel={() => onEdit({ kind: 'none' })}
          saving={save.isPending}
          error={save.error}
        />
      ) : (
        count > 0 && (
          <Button
            variant="outline"
            size="lg"
            borderStyle="dashed"
            onClick={() => onEdit({ kind: 'new' })}
            disabled={locked}
          >
            <LuPlus /> {t('admin.questions.add')}
          </Button>
        )
      )}
    </>
  )
}
