import { Container } from '@chakra-ui/react'
import { LuMapPinOff } from 'react-icons/lu'
import { EmptyView } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { LinkButton } from '../components/Links'

export default function NotFound() {
  useDocumentTitle('Page not found')
  return (
    <Container maxW="lg" py="16">
      <EmptyView icon={<LuMapPinOff />} title="This page doesn't exist" description="The link may be old or mistyped.">
        <LinkButton to="/">Go to the start</LinkButton>
      </EmptyView>
    </Container>
  )
}
