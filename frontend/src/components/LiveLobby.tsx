import { Card, Heading, HStack, Spinner, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuUsers } from 'react-icons/lu'

/** A player's wait before a live game starts: they are in, under their name, with the others. */
export function LiveLobby({ name, participantCount }: { name: string; participantCount: number }) {
  const { t } = useTranslation()
  return (
    <Card.Root bg="app.card" borderRadius="2xl" boxShadow="md" textAlign="center" data-testid="live-lobby">
      <Card.Body gap="5" py="10" alignItems="center">
        <Text fontSize="6xl" lineHeight="1" aria-hidden>
          🎮
        </Text>
        <Heading as="h2" size="3xl">
          {t('live.lobby.title')}
        </Heading>
        {name && (
          <Text dir="auto" fontSize="2xl" fontWeight="black" color="purple.fg" data-testid="my-name">
            {name}
          </Text>
        )}
        <HStack color="fg.muted" gap="2">
          <Spinner size="sm" aria-hidden />
          <Text>{t('live.lobby.waiting')}</Text>
        </HStack>
        <Text fontWeight="semibold" display="flex" alignItems="center" gap="1.5" data-testid="player-count">
          <LuUsers aria-hidden /> {t('live.lobby.playersHere', { count: participantCount })}
        </Text>
      </Card.Body>
    </Card.Root>
  )
}
