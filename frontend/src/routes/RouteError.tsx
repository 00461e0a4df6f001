import { Button, Container, Heading, Text, VStack } from '@chakra-ui/react'
import { isRouteErrorResponse, useRouteError } from 'react-router'

/** Shown instead of a blank page when a screen fails to render. */
export default function RouteError() {
  const error = useRouteError()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <Container maxW="lg" py="16">
      <VStack gap="4" textAlign="center">
        <Text fontSize="5xl" aria-hidden>
          {notFound ? '🧭' : '🙈'}
        </Text>
        <Heading as="h1" size="2xl">
          {notFound ? "This page doesn't exist" : 'Oops, something broke'}
        </Heading>
        <Text color="fg.muted" role="alert">
          {notFound
            ? 'The link may be old or mistyped.'
            : 'This screen hit a problem it could not handle. Reloading usually fixes it; your answers so far are saved.'}
        </Text>
        <VStack gap="2">
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
          <Button variant="ghost" onClick={() => window.location.assign('/')}>
            Go to the start
          </Button>
        </VStack>
      </VStack>
    </Container>
  )
}
