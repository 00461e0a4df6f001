import { Button, Card, Heading, HStack, Stack, Text } from '@chakra-ui/react'
import { LuUserCheck } from 'react-icons/lu'
import { usePlayerModeration, useRemovedPlayers } from '../hooks/queries/players'
import { formatDateTime } from '../lib/dates'
import { InlineError } from './StateViews'

/**
 * The players the teacher removed from a session, each with a way back in; nothing while there
 * are none. Read again whenever the number of players changes (a removal from another screen).
 */
export function RemovedPlayers({ code, participantCount }: { code: string; participantCount: number }) {
  const removed = useRemovedPlayers(code, participantCount)
  const { letBack } = usePlayerModeration(code)

  const players = removed.data ?? []
  if (players.length === 0) return null
  return (
    <Card.Root bg="app.card" borderRadius="2xl" as="section" aria-labelledby="removed-heading">
      <Card.Body gap="3" p={{ base: '4', md: '5' }}>
        <Heading as="h2" id="removed-heading" size="md">
          Removed players
        </Heading>
        <Text fontSize="sm" color="fg.muted">
          They cannot join again until you let them back in. They then start from zero.
        </Text>
        <Stack as="ul" gap="2" listStyleType="none" m="0" p="0" data-testid="removed-players">
          {players.map((player) => (
            <HStack as="li" key={player.user_id} justify="space-between" gap="3" borderTopWidth="1px" pt="2">
              <Stack gap="0" minW="0">
                <Text fontWeight="semibold" truncate>
                  {player.display_name}
                </Text>
                <Text fontSize="xs" color="fg.muted">
                  Removed {formatDateTime(player.removed_at)}
                </Text>
              </Stack>
              <Button
                size="sm"
                variant="outline"
                aria-label={`Let ${player.display_name} back in`}
                loading={letBack.isPending && letBack.variables?.userId === player.user_id}
                onClick={() => letBack.mutate({ userId: player.user_id, name: player.display_name })}
              >
                <LuUserCheck /> Let back in
              </Button>
            </HStack>
          ))}
        </Stack>
        <InlineError error={letBack.error} title="Not let back in" />
      </Card.Body>
    </Card.Root>
  )
}
