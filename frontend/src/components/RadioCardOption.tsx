import { RadioCard } from '@chakra-ui/react'
import type { ReactNode } from 'react'

/** One choice of a RadioCard group: its name, with an icon if it has one, and what it means. */
export function RadioCardOption({
  value,
  label,
  icon,
  description,
  ...itemProps
}: { value: string; label: string; icon?: ReactNode; description: string } & RadioCard.ItemProps) {
  return (
    <RadioCard.Item value={value} {...itemProps}>
      <RadioCard.ItemHiddenInput />
      <RadioCard.ItemControl>
        <RadioCard.ItemContent>
          {icon ? (
            <RadioCard.ItemText display="flex" alignItems="center" gap="1.5">
              {icon}
              {label}
            </RadioCard.ItemText>
          ) : (
            <RadioCard.ItemText>{label}</RadioCard.ItemText>
          )}
          <RadioCard.ItemDescription>{description}</RadioCard.ItemDescription>
        </RadioCard.ItemContent>
        <RadioCard.ItemIndicator />
      </RadioCard.ItemControl>
    </RadioCard.Item>
  )
}
