import { Button, Container } from '@chakra-ui/react'
import { Link as RouterLink } from 'react-router'
import { LuMapPinOff } from 'react-icons/lu'
import { EmptyView } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'

export default function NotFound() {
  useDocumentTitle('Page not found')
  return (
    <Container maxW="lg" py="16">
      <EmptyView icon={<LuMapPinOff />} title="This page doesn't exist" description="The link may be old or mistyped.">
        <Button asChild>
          <RouterLink to="/">Go to the start</RouterLink>
        </Button>
      </EmptyView>
    </Container>
  )
}
