import { Container } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/errors'
import { EmptyView, ErrorState } from './StateViews'
import { LinkButton } from './Links'

/** An admin screen of one quiz whose quiz did not load: gone (404), or a retry. */
export function QuizLoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <Container maxW="lg" py="10">
      {isApiError(error, 404) ? (
        <EmptyView title={t('host.notFound.quiz')} description={t('host.quizLoadFailed.description')}>
          <LinkButton to="/admin">{t('host.quizLoadFailed.back')}</LinkButton>
        </EmptyView>
      ) : (
        <ErrorState error={error} title={t('host.quizLoadFailed.title')} onRetry={onRetry} />
      )}
    </Container>
  )
}
