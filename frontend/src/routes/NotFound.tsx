import { Container } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuMapPinOff } from 'react-icons/lu'
import { EmptyView } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { LinkButton } from '../components/Links'

export default function NotFound() {
  const { t } = useTranslation()
  useDocumentTitle(t('common.notFound.documentTitle'))
  return (
    <Container maxW="lg" py="16">
      <EmptyView
        icon={<LuMapPinOff />}
        title={t('common.notFound.title')}
        description={t('common.notFound.description')}
      >
        <LinkButton to="/">{t('common.notFound.goToStart')}</LinkButton>
      </EmptyView>
    </Container>
  )
}
