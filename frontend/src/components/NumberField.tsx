import { Field, Input } from '@chakra-ui/react'

export type NumberFieldProps = {
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  /** What is wrong with the value, shown instead of the help. */
  problem?: string
  help: string
}

/** A whole-number setting typed as text, with its range as help or what is wrong with it. */
export function NumberField({
  label,
  value,
  onChange,
  onBlur,
  problem,
  help,
  flex,
  maxW,
}: NumberFieldProps & { label: string; flex?: string; maxW: string }) {
  return (
    <Field.Root flex={flex} invalid={Boolean(problem)}>
      <Field.Label>{label}</Field.Label>
      <Input inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} maxW={maxW} />
      {problem ? <Field.ErrorText>{problem}</Field.ErrorText> : <Field.HelperText>{help}</Field.HelperText>}
    </Field.Root>
  )
}
