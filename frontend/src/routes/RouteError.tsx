import { Button, Container, Heading, Text, VStack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { isRouteErrorResponse, useRouteError } from 'react-router'

/** Shown instead of a blank page when a screen fails to render. */
export default function RouteError() {
  const { t } = useTranslation()
  const error = useRouteError()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <Container maxW="lg" py="16">
      <VStack gap="4" textAlign="center">
        <Text fontSize="5xl" aria-hidden>
          {notFound ? '🧭' : '🙈'}
        </Text>
        <Heading as="h1" size="2xl">
          {notFound ? t('common.notFound.title') : t('common.routeError.title')}
        </Heading>
        <Text color="fg.muted" role="alert">
          {notFound ? t('common.notFound.description') : t('common.routeError.description')}
        </Text>
        <VStack gap="2">
          <Button onClick={() => window.location.reload()}>{t('common.routeError.reload')}</Button>
          <Button variant="ghost" onClick={() => window.location.assign('/')}>
            {t('common.notFound.goToStart')}
          </Button>
        </VStack>
      </VStack>
    </Container>
  )
}
