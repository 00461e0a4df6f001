import { Container } from '@chakra-ui/react'
import { isApiError } from '../api/errors'
import { EmptyView, ErrorState } from './StateViews'
import { LinkButton } from './Links'

/** An admin screen of one quiz whose quiz did not load: gone (404), or a retry. */
export function QuizLoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Container maxW="lg" py="10">
      {isApiError(error, 404) ? (
        <EmptyView title="This quiz doesn't exist" description="It may have been deleted.">
          <LinkButton to="/admin">Back to your quizzes</LinkButton>
        </EmptyView>
      ) : (
        <ErrorState error={error} title="The quiz didn't load" onRetry={onRetry} />
      )}
    </Container>
  )
}
