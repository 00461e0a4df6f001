import { Button, Card, Heading, HStack, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuUserCheck } from 'react-icons/lu'
import { usePlayerModeration, useRemovedPlayers } from '../hooks/queries/players'
import { useFormat } from '../hooks/useFormat'
import { InlineError } from './StateViews'

/**
 * The players the teacher removed from a session, each with a way back in; nothing while there
 * are none. Read again whenever the number of players changes (a removal from another screen).
 */
export function RemovedPlayers({ code, participantCount }: { code: string; participantCount: number }) {
  const { t } = useTranslation()
  const f = useFormat()
  const removed = useRemovedPlayers(code, participantCount)
  const { letBack } = usePlayerModeration(code)

  const players = removed.data ?? []
  if (players.length === 0) return null
  return (
    <Card.Root bg="app.card" borderRadius="2xl" as="section" aria-labelledby="removed-heading">
      <Card.Body gap="3" p={{ base: '4', md: '5' }}>
        <Heading as="h2" id="removed-heading" size="md">
          {t('host.removedPlayers.heading')}
        </Heading>
        <Text fontSize="sm" color="fg.muted">
          {t('host.removedPlayers.description')}
        </Text>
        <Stack as="ul" gap="2" listStyleType="none" m="0" p="0" data-testid="removed-players">
          {players.map((player) => (
            <HStack as="li" key={player.user_id} justify="space-between" gap="3" borderTopWidth="1px" pt="2">
              <Stack gap="0" minW="0">
                <Text fontWeight="semibold" truncate>
                  {player.display_name}
                </Text>
                <Text fontSize="xs" color="fg.muted">
                  {t('host.removedPlayers.removedAt', { date: f.dateTime(player.removed_at) })}
                </Text>
              </Stack>
              <Button
                size="sm"
                variant="outline"
                aria-label={t('host.removedPlayers.letBackLabel', { name: player.display_name })}
                loading={letBack.isPending && letBack.variables?.userId === player.user_id}
                onClick={() => letBack.mutate({ userId: player.user_id, name: player.display_name })}
              >
                <LuUserCheck /> {t('host.removedPlayers.letBack')}
              </Button>
            </HStack>
          ))}
        </Stack>
        <InlineError error={letBack.error} title={t('host.removedPlayers.letBackFailed')} />
      </Card.Body>
    </Card.Root>
  )
}
