import { Card, Heading, Stack } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import type { LiveState } from '../api/types'
import { FinalRank } from './FinalRank'
import { Podium } from './Podium'

/** A player's screen once a live game is over: the podium, and where they finished. */
export function LiveEnd({ state }: { state: LiveState }) {
  const { t } = useTranslation()
  const podium = state.podium
  return (
    <Stack gap="6">
      {podium && podium.top.length > 0 && (
        <Card.Root bg="app.card" borderRadius="2xl" as="section" aria-labelledby="podium-heading">
          <Card.Body gap="6" alignItems="stretch">
            <Heading as="h2" id="podium-heading" size="xl" textAlign="center">
              {t('live.end.podium')}
            </Heading>
            <Podium top={podium.top} meId={podium.me?.participant_id} />
          </Card.Body>
        </Card.Root>
      )}
      <FinalRank
        me={podium?.me}
        participantCount={state.participant_count}
        total={state.question_count}
        stillRunning={false}
        ended
      />
    </Stack>
  )
}
