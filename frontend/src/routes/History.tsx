import { Badge, Box, Button, Card, Container, Heading, HStack, SimpleGrid, Stack, Text } from '@chakra-ui/react'
import { useQuery } from '@tanstack/react-query'
import { Link as RouterLink } from 'react-router'
import { LuHistory, LuPlay, LuRotateCcw } from 'react-icons/lu'
import { unwrap } from '../api/client'
import { mySessions } from '../client'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { formatDateTime } from '../lib/dates'
import { ordinal } from '../lib/ordinal'

export default function History() {
  useDocumentTitle('My history')
  const history = useQuery({ queryKey: ['my-sessions'], queryFn: () => unwrap(mySessions()) })

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
          <Button asChild>
            <RouterLink to="/join">Join a quiz</RouterLink>
          </Button>
        </EmptyView>
      ) : (
        <Stack as="ul" gap="3" listStyleType="none" m="0" p="0">
          {history.data.map((entry) => (
            <Card.Root as="li" key={entry.session_code} bg="app.card" borderRadius="xl">
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
                  <Box>
                    <Text fontSize="2xl" fontWeight="black" color="purple.fg">
                      {ordinal(entry.rank)}
                    </Text>
                    <Text fontSize="xs" color="fg.muted">
                      of {entry.participant_count}
                    </Text>
                  </Box>
                  <Box>
                    <Text fontSize="2xl" fontWeight="black" fontVariantNumeric="tabular-nums">
                      {entry.score.toLocaleString()}
                    </Text>
                    <Text fontSize="xs" color="fg.muted">
                      points
                    </Text>
                  </Box>
                  <Box>
                    <Text fontSize="2xl" fontWeight="black" fontVariantNumeric="tabular-nums">
                      {entry.correct_count}/{entry.answered_count}
                    </Text>
                    <Text fontSize="xs" color="fg.muted">
                      correct
                    </Text>
                  </Box>
                </SimpleGrid>
                {(entry.status === 'open' || entry.missed_count > 0) && (
                  <HStack gap="2" wrap="wrap">
                    {entry.status === 'open' && (
                      <Button asChild size="sm" variant="subtle">
                        <RouterLink to={`/play/${entry.session_code}`}>
                          <LuPlay /> Continue playing
                        </RouterLink>
                      </Button>
                    )}
                    {entry.missed_count > 0 && (
                      <Button asChild size="sm" variant="outline">
                        <RouterLink to={`/practice/${entry.session_code}`}>
                          <LuRotateCcw /> Practise {entry.missed_count} missed
                        </RouterLink>
                      </Button>
                    )}
                  </HStack>
                )}
              </Card.Body>
            </Card.Root>
          ))}
        </Stack>
      )}
    </Container>
  )
}
