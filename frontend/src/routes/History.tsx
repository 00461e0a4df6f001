import { Badge, Box, Card, Container, Heading, HStack, SimpleGrid, Stack, Text, type TextProps } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuHistory, LuPlay, LuRotateCcw } from 'react-icons/lu'
import type { HistoryEntry } from '../api/types'
import { LinkButton } from '../components/Links'
import { EmptyView, ErrorState, LoadingState } from '../components/StateViews'
import { useMySessions } from '../hooks/queries/history'
import { useDocumentTitle } from '../hooks/useDocumentTitle'
import { useFormat } from '../hooks/useFormat'

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
  const { t } = useTranslation()
  const f = useFormat()
  return (
    <Card.Root as="li" bg="app.card" borderRadius="xl">
      <Card.Body p={{ base: '4', md: '5' }} gap="3">
        <HStack justify="space-between" align="start" gap="3">
          <Box minW="0">
            <Heading as="h2" size="md" lineClamp={2}>
              {entry.quiz_title}
            </Heading>
            <Text fontSize="sm" color="fg.muted">
              {f.dateTime(entry.joined_at)} · {t('play.history.code')}{' '}
              <Text as="span" fontFamily="mono">
                {entry.session_code}
              </Text>
            </Text>
          </Box>
          <Badge colorPalette={entry.status === 'open' ? 'green' : 'gray'} variant="subtle" flexShrink="0">
            {entry.status === 'open' ? t('play.history.open') : t('play.history.finished')}
          </Badge>
        </HStack>
        <SimpleGrid columns={3} gap="2" textAlign="center">
          <Figure
            value={f.place(entry.rank)}
            label={t('play.history.of', { total: entry.participant_count })}
            color="purple.fg"
          />
          <Figure
            value={f.number(entry.score)}
            label={t('play.finalRank.points', { count: entry.score })}
            fontVariantNumeric="tabular-nums"
          />
          <Figure
            value={`${f.number(entry.correct_count)}/${f.number(entry.answered_count)}`}
            label={t('play.finalRank.correct', { count: entry.correct_count })}
            fontVariantNumeric="tabular-nums"
          />
        </SimpleGrid>
        {(entry.status === 'open' || entry.missed_count > 0) && (
          <HStack gap="2" wrap="wrap">
            {entry.status === 'open' && (
              <LinkButton to={`/play/${entry.session_code}`} size="sm" variant="subtle">
                <LuPlay /> {t('play.history.continue')}
              </LinkButton>
            )}
            {entry.missed_count > 0 && (
              <LinkButton to={`/practice/${entry.session_code}`} size="sm" variant="outline">
                <LuRotateCcw /> {t('play.history.practise', { count: entry.missed_count })}
              </LinkButton>
            )}
          </HStack>
        )}
      </Card.Body>
    </Card.Root>
  )
}

export default function History() {
  const { t } = useTranslation()
  useDocumentTitle(t('play.history.title'))
  const history = useMySessions()
  return (
    <Container maxW="3xl" py={{ base: '6', md: '10' }}>
      <Heading as="h1" size="2xl" mb="6">
        {t('play.history.title')}
      </Heading>
      {history.isPending ? (
        <LoadingState label={t('play.history.loading')} />
      ) : history.isError ? (
        <ErrorState error={history.error} title={t('play.history.loadFailed')} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyView
          icon={<LuHistory />}
          title={t('play.history.emptyTitle')}
          description={t('play.history.emptyDescription')}
        >
          <LinkButton to="/join">{t('play.history.join')}</LinkButton>
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
