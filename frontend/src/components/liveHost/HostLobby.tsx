import { Button, Grid, Heading, HStack, Stack, Text, VStack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuPlay, LuUsers } from 'react-icons/lu'
import type { LeaderboardEntry } from '../../api/types'
import type { JoinAddress } from '../../hooks/queries/joinLink'
import type { LiveHost } from '../../hooks/useLiveHost'
import { JoinLinkWarning } from '../JoinLinkWarning'
import { JoinQrCode } from '../JoinQrCode'
import { PlayerActions } from '../PlayerActions'
import { PlayerNames } from '../PlayerNames'
import { SessionCodeDisplay } from '../SessionCodeDisplay'
import { EmptyView, InlineError } from '../StateViews'
import { SpaceHint } from './HostControls'

/** Before the game: how to join, who has, and the button that starts it. */
export function HostLobby({
  code,
  joinAddress,
  entries,
  participantCount,
  host,
}: {
  code: string
  joinAddress: JoinAddress
  entries: LeaderboardEntry[]
  participantCount: number
  host: LiveHost
}) {
  const { t } = useTranslation()
  return (
    <Grid
      flex="1"
      templateColumns={{ base: '1fr', lg: 'minmax(0, 2fr) minmax(0, 3fr)' }}
      gap={{ base: '6', xl: '10' }}
      alignItems="start"
      as="section"
      aria-labelledby="lobby-heading"
    >
      <VStack gap="6" bg="app.card" borderRadius="3xl" p={{ base: '6', xl: '8' }} boxShadow="lg">
        {!joinAddress.reachable && <JoinLinkWarning />}
        <SessionCodeDisplay code={code} base={joinAddress.base} size="xl" />
        <JoinQrCode code={code} base={joinAddress.base} size={240} />
      </VStack>
      <Stack gap="6">
        <HStack justify="space-between" wrap="wrap" gap="4">
          <Heading as="h2" id="lobby-heading" size={{ base: '2xl', xl: '4xl' }}>
            {t('host.hostLobby.heading')}
          </Heading>
          <HStack fontSize={{ base: '2xl', xl: '3xl' }} fontWeight="black" gap="3">
            <LuUsers aria-hidden />
            <Text data-testid="participant-count">{t('host.playerCount', { count: participantCount })}</Text>
          </HStack>
        </HStack>
        {participantCount === 0 ? (
          <EmptyView
            icon={<LuUsers />}
            title={t('host.hostLobby.emptyTitle')}
            description={t('host.hostLobby.emptyDescription')}
          />
        ) : (
          <PlayerNames
            entries={entries}
            count={participantCount}
            size="lg"
            actions={(entry) => <PlayerActions code={code} player={entry} size="xs" />}
          />
        )}
        <HStack gap="4" wrap="wrap">
          <Button
            size="2xl"
            onClick={() => host.run('start')}
            loading={host.pending}
            disabled={participantCount === 0}
            data-testid="main-action"
          >
            <LuPlay /> {t('host.hostLobby.start')}
          </Button>
          {participantCount > 0 && <SpaceHint to="start" />}
        </HStack>
        <InlineError error={host.error} title={t('host.hostLobby.startFailed')} />
      </Stack>
    </Grid>
  )
}
