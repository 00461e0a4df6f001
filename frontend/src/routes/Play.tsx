import { Container } from '@chakra-ui/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { retryNetworkOnly } from '../api/errors'
import { LoadingState } from '../components/StateViews'
import { useSession } from '../hooks/queries/sessions'
import { normalizeJoinCode } from '../lib/joinCode'
import { LivePlay } from './LivePlay'
import { SelfPacedPlay } from './SelfPacedPlay'

/** A session played live (paced by the host) or at each player's own pace: its mode says which. */
export default function Play() {
  const { t } = useTranslation()
  const { code: rawCode = '' } = useParams()
  const code = normalizeJoinCode(rawCode)
  const session = useSession(code, { retry: retryNetworkOnly })
  // Decided once: a session that failed to load is pending again while it is retried, and the
  // screen below must not be thrown away (and remounted, and retried) each time.
  const [settled, setSettled] = useState(false)
  useEffect(() => {
    if (!session.isPending) setSettled(true)
  }, [session.isPending])

  if (session.isPending && !settled)
    return (
      <Container maxW="6xl" py={{ base: '4', md: '8' }}>
        <LoadingState label={t('play.turn.loading')} />
      </Container>
    )
  if (session.data?.mode === 'live') return <LivePlay code={code} session={session.data} />
  // The self-paced screen explains a session that didn't load (e.g. an unknown code) itself.
  return <SelfPacedPlay code={code} session={session.data} />
}
