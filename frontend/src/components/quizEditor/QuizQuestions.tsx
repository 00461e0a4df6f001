import { Alert, Box, Button, Heading, HStack, IconButton, Stack } from '@chakra-ui/react'
import { LuPencil, LuPlus } from 'react-icons/lu'
import type { Question, Quiz } from '../../api/types'
import type { useSaveQuestion } from '../../hooks/queries/quizzes'
import type { Imported } from '../../hooks/useImportedQuestions'
import { plural } from '../../lib/plural'
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
  return (
    <Alert.Root status="success" borderRadius="lg">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{plural(imported.count, 'question')} added from your word list</Alert.Title>
        <Alert.Description>They are marked “New” below. Edit or delete any of them as usual.</Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}

function QuestionItem({ question, index, ...props }: Props & { question: Question; index: number }) {
  const { quizId, quiz, editing, onEdit, save, locked, imported } = props
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
            aria-label={`Edit question ${number}`}
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
  const count = quiz.questions.length
  return (
    <>
      <HStack justify="space-between" gap="3" wrap="wrap">
        <Heading as="h2" size="lg">
          Questions ({count})
        </Heading>
        {count > 0 && <ImportWordListButton quizId={quizId} disabled={locked} />}
      </HStack>
      {imported && <ImportedAlert imported={imported} />}
      {count === 0 && editing.kind !== 'new' && (
        <EmptyView
          title="No questions yet"
          description="Add a question with 2 to 6 answers, one of them correct, or make questions from a word list."
        >
          <Stack direction={{ base: 'column', sm: 'row' }} gap="3">
            <Button onClick={() => onEdit({ kind: 'new' })} disabled={locked}>
              <LuPlus /> Add the first question
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
            <LuPlus /> Add a question
          </Button>
        )
      )}
    </>
  )
}
