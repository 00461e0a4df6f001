import { Alert, Button, Center, EmptyState, Spinner, Stack, Text, VStack } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LuCloudOff, LuInbox } from 'react-icons/lu'
import { errorMessage } from '../api/errors'

/** Shown while something loads, so the page is never blank. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <Center py="16" role="status" aria-live="polite">
      <VStack gap="3">
        <Spinner size="lg" color="colorPalette.solid" borderWidth="3px" />
        <Text color="fg.muted">{label ?? t('common.loading')}</Text>
      </VStack>
    </Center>
  )
}

/** A failed load, in plain words, with a way to try again. */
export function ErrorState({
  error,
  title,
  onRetry,
  children,
}: {
  error: unknown
  title?: string
  onRetry?: () => void
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <EmptyState.Root>
      <EmptyState.Content>
        <EmptyState.Indicator color="red.fg">
          <LuCloudOff />
        </EmptyState.Indicator>
        <VStack textAlign="center">
          <EmptyState.Title>{title ?? t('common.loadFailed')}</EmptyState.Title>
          <EmptyState.Description role="alert">{errorMessage(error)}</EmptyState.Description>
        </VStack>
        <Stack direction="row" gap="3">
          {onRetry && (
            <Button onClick={onRetry} variant="solid">
              {t('common.actions.tryAgain')}
            </Button>
          )}
          {children}
        </Stack>
      </EmptyState.Content>
    </EmptyState.Root>
  )
}

/** Nothing to show yet, and what to do about it. */
export function EmptyView({
  title,
  description,
  icon = <LuInbox />,
  children,
}: {
  title: string
  description?: string
  icon?: ReactNode
  children?: ReactNode
}) {
  return (
    <EmptyState.Root borderWidth="1px" borderStyle="dashed" borderRadius="xl">
      <EmptyState.Content>
        <EmptyState.Indicator>{icon}</EmptyState.Indicator>
        <VStack textAlign="center">
          <EmptyState.Title>{title}</EmptyState.Title>
          {description && <EmptyState.Description>{description}</EmptyState.Description>}
        </VStack>
        {children}
      </EmptyState.Content>
    </EmptyState.Root>
  )
}

/** An error next to a form or button, announced to screen readers. */
export function InlineError({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null
  return (
    <Alert.Root status="error" borderRadius="lg">
      <Alert.Indicator />
      <Alert.Content>
        {title && <Alert.Title>{title}</Alert.Title>}
        <Alert.Description role="alert">{errorMessage(error)}</Alert.Description>
      </Alert.Content>
    </Alert.Root>
  )
}
