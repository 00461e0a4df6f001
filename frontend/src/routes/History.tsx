import { Badge, Box, Card, Container, Heading, HStack, SimpleGrid, Stack, Text, type TextProps } from '@chakra-ui/react'
import { LuHistory, LuPlay, LuRotateCcw } from 'react-icons/lu'
import type { HistoryEntry } from '../api/types'
import { LinkButton } from '../components/Links'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useMySessions } from '../hooks/queries/history'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { formatDateTime } from '../lib/dates'
import { ordinal } from '../lib/ordinal'

function Figure({ value, label, ...valueProps }: { value: string; label: string } & TextProps) {
  return (
    <Box>
      <Text fontSize="2xl" fontWeight="black" {...valueProps}>
        {value}
      </Text>
      <Text fontSize="xs" color="fg.muted">
        {label}
      </Text>
    </Box>
  )
}

/** One quiz the player took part in: where they finished, and a way back in or to practise what they missed. */
function HistoryCard({ entry }: { entry: HistoryEntry }) {
  return (
    <Card.Root as="li" bg="app.card" borderRadius="xl">
      <Card.Body p={{ base: '4', md: '5' }} gap="3">
        <HStack justify="space-between" align="start" gap="3">
          <Box minW="0">
            <Heading as="h2" size="md" lineClamp={2}>
              {entry.quiz_title}
            </Heading>
            <Text fontSize="sm" color="fg.muted">
              {formatDateTime(entry.joined_at)} · code{' '}
              <Text as="span" fontFamily="mono">
                {entry.session_code}
              </Text>
            </Text>
          </Box>
          <Badge colorPalette={entry.status === 'open' ? 'green' : 'gray'} variant="subtle" flexShrink="0">
            {entry.status === 'open' ? 'Still open' : 'Finished'}
          </Badge>
        </HStack>
        <SimpleGrid columns={3} gap="2" textAlign="center">
          <Figure value={ordinal(entry.rank)} label={`of ${entry.participant_count}`} color="purple.fg" />
          <Figure value={entry.score.toLocaleString()} label="points" fontVariantNumeric="tabular-nums" />
          <Figure
            value={`${entry.correct_count}/${entry.answered_count}`}
            label="correct"
            fontVariantNumeric="tabular-nums"
          />
        </SimpleGrid>
        {(entry.status === 'open' || entry.missed_count > 0) && (
          <HStack gap="2" wrap="wrap">
            {entry.status === 'open' && (
              <LinkButton to={`/play/${entry.session_code}`} size="sm" variant="subtle">
                <LuPlay /> Continue playing
              </LinkButton>
            )}
            {entry.missed_count > 0 && (
              <LinkButton to={`/practice/${entry.session_code}`} size="sm" variant="outline">
                <LuRotateCcw /> Practise {entry.missed_count} missed
              </LinkButton>
            )}
          </HStack>
        )}
      </Card.Body>
    </Card.Root>
  )
}

export default function History() {
  useDocumentTitle('My history')
  const history = useMySessions()
  return (
    <Container maxW="3xl" py={{ base: '6', md: '10' }}>
      <Heading as="h1" size="2xl" mb="6">
        My history
      </Heading>
      {history.isPending ? (
        <LoadingState label="Loading your quizzes…" />
      ) : history.isError ? (
        <ErrorState error={history.error} title="Your history didn't load" onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyView
          icon={<LuHistory />}
          title="No quizzes yet"
          description="The quizzes you play show up here, with your score and place."
        >
          <LinkButton to="/join">Join a quiz</LinkButton>
        </EmptyView>
      ) : (
        <Stack as="ul" gap="3" listStyleType="none" m="0" p="0">
          {history.data.map((entry) => (
            <HistoryCard key={entry.session_code} entry={entry} />
          ))}
        </Stack>
      )}
    </Container>
  )
}
