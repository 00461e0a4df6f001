import { Input } from '@chakra-ui/react'

/** The username field of the sign-in and register screens, focused first. */
export function UsernameInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return <Input size="lg" value={value} autoFocus autoComplete="username" onChange={(e) => onChange(e.target.value)} />
}
