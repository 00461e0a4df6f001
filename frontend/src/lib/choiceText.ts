/** The words of one of a question's choices ('' when there is no such choice). */
export function choiceText(question: { choices: { id: string; text: string }[] }, choiceId: string | null | undefined) {
  return question.choices.find((c) => c.id === choiceId)?.text ?? ''
}
