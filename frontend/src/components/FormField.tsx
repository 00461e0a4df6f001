import { Field } from '@chakra-ui/react'
import type { ReactNode } from 'react'

/** A labelled field of a form: what is wrong with it when there is something, else its help. */
export function FormField({
  label,
  error,
  help,
  required,
  children,
}: {
  label: string
  error: string | null | undefined
  help?: string
  required?: boolean
  children: ReactNode
}) {
  return (
    <Field.Root invalid={Boolean(error)} required={required}>
      <Field.Label>{label}</Field.Label>
      {children}
      {error ? <Field.ErrorText>{error}</Field.ErrorText> : help && <Field.HelperText>{help}</Field.HelperText>}
    </Field.Root>
  )
}
