import { Button, Card, HStack, Link, Stat, Text, VStack } from '@chakra-ui/react'
import { Link as RouterLink } from 'react-router'
import { LuCopy } from 'react-icons/lu'
import type { Session } from '../../api/types'
import type { JoinAddress } from '../../hooks/queries/joinLink'
import { joinLink } from '../../lib/joinLink'
import { JoinLinkWarning } from '../JoinLinkWarning'
import { JoinQrCode } from '../JoinQrCode'
import { ScoringRule } from '../ScoringRule'
import { SessionCodeDisplay } from '../SessionCodeDisplay'
import { toaster } from '../Toaster'

function SessionStat({ label, value, ...valueProps }: { label: string; value: number } & Stat.ValueTextProps) {
  return (
    <Stat.Root textAlign="center" alignItems="center">
      <Stat.Label>{label}</Stat.Label>
      <Stat.ValueText fontSize="4xl" {...valueProps}>
        {value}
      </Stat.ValueText>
    </Stat.Root>
  )
}

/** How to join a session (while it is open), how many have, and how it scores. */
export function SessionJoinCard({
  code,
  session,
  joinAddress,
  closed,
  participants,
}: {
  code: string
  session: Session
  joinAddress: JoinAddress
  closed: boolean
  participants: number
}) {
  const link = joinLink(code, joinAddress.base)
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link)
      toaster.create({ title: 'Join link copied', type: 'success' })
    } catch {
      toaster.create({ title: "Couldn't copy", description: link, type: 'info' })
    }
  }
  return (
    <Card.Root bg="app.card" borderRadius="2xl">
      <Card.Body gap="6" alignItems="center">
        {!closed && !joinAddress.reachable && <JoinLinkWarning />}
        <SessionCodeDisplay code={code} base={joinAddress.base} />
        {!closed && <JoinQrCode code={code} base={joinAddress.base} />}
        <Button variant="ghost" size="sm" onClick={() => void copyLink()}>
          <LuCopy /> Copy join link
        </Button>
        <HStack gap="8" justify="center" wrap="wrap">
          <SessionStat label="Players" value={participants} data-testid="participant-count" aria-live="polite" />
          <SessionStat label="Questions" value={session.question_count} />
        </HStack>
        {session.mode === 'live' && !closed && (
          <Text color="fg.muted" textAlign="center">
            A live session: you lead each question from the{' '}
            <Link asChild color="purple.fg" fontWeight="semibold">
              <RouterLink to={`/admin/sessions/${code}/live`}>host screen</RouterLink>
            </Link>
            .
          </Text>
        )}
        {closed && (
          <VStack gap="1">
            <Text color="fg.muted">Closed. The standings are final.</Text>
          </VStack>
        )}
        <ScoringRule
          scoring={session.scoring}
          streakBonus={session.streak_bonus}
          fontSize="sm"
          alignSelf="stretch"
          borderTopWidth="1px"
          pt="4"
          data-testid="scoring-rule"
        />
      </Card.Body>
    </Card.Root>
  )
}
