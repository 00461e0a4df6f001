import { Button, Field, Input, Stack, Textarea, chakra } from '@chakra-ui/react'
import { useState, type FormEvent } from 'react'
import { InlineError } from './StateViews'

const TITLE_MAX = 200
const DESCRIPTION_MAX = 2000

export type QuizDetails = { title: string; description: string }

/** Title and description of a quiz, for a new one or to rename one. */
export function QuizDetailsForm({
  initial = { title: '', description: '' },
  submitLabel,
  onSubmit,
  pending,
  error,
  onCancel,
}: {
  initial?: QuizDetails
  submitLabel: string
  onSubmit: (details: QuizDetails) => void
  pending?: boolean
  error?: unknown
  onCancel?: () => void
}) {
  const [title, setTitle] = useState(initial.title)
  const [description, setDescription] = useState(initial.description)
  const [touched, setTouched] = useState(false)
  const titleProblem =
    title.trim() === ''
      ? 'Give the quiz a title.'
      : title.trim().length > TITLE_MAX
        ? `Keep the title under ${TITLE_MAX} characters.`
        : null
  const descriptionProblem =
    description.length > DESCRIPTION_MAX ? `Keep the description under ${DESCRIPTION_MAX} characters.` : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!titleProblem && !descriptionProblem) onSubmit({ title: title.trim(), description: description.trim() })
  }

  return (
    <chakra.form display="flex" flexDirection="column" gap="4" onSubmit={submit} noValidate>
      <Field.Root invalid={touched && titleProblem !== null} required>
        <Field.Label>Title</Field.Label>
        <Input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Animals in French"
          autoFocus
        />
        <Field.ErrorText>{titleProblem}</Field.ErrorText>
      </Field.Root>
      <Field.Root invalid={touched && descriptionProblem !== null}>
        <Field.Label>Description (optional)</Field.Label>
        <Textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          placeholder="Who is it for, what does it practise?"
        />
        <Field.ErrorText>{descriptionProblem}</Field.ErrorText>
      </Field.Root>
      <InlineError error={error} />
      <Stack direction="row" gap="3">
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </Stack>
    </chakra.form>
  )
}
