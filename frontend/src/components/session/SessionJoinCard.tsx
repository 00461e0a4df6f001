import { Button, Card, HStack, Link, Stat, Text, VStack } from '@chakra-ui/react'
import type { ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
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
import { useFormat } from '../../hooks/useFormat'

function SessionStat({ label, value, ...valueProps }: { label: string; value: number } & Stat.ValueTextProps) {
  const f = useFormat()
  return (
    <Stat.Root textAlign="center" alignItems="center">
      <Stat.Label>{label}</Stat.Label>
      <Stat.ValueText fontSize="4xl" {...valueProps}>
        {f.number(value)}
      </Stat.ValueText>
    </Stat.Root>
  )
}

/** The link in the sentence about a live session; its words come from the translation. */
function HostScreenLink({ to, children }: { to: string; children?: ReactNode }) {
  return (
    <Link asChild color="purple.fg" fontWeight="semibold">
      <RouterLink to={to}>{children}</RouterLink>
    </Link>
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
  const { t } = useTranslation()
  const link = joinLink(code, joinAddress.base)
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link)
      toaster.create({ title: t('host.joinCard.copied'), type: 'success' })
    } catch {
      toaster.create({ title: t('host.joinCard.copyFailed'), description: link, type: 'info' })
    }
  }
  return (
    <Card.Root bg="app.card" borderRadius="2xl">
      <Card.Body gap="6" alignItems="center">
        {!closed && !joinAddress.reachable && <JoinLinkWarning />}
        <SessionCodeDisplay code={code} base={joinAddress.base} />
        {!closed && <JoinQrCode code={code} base={joinAddress.base} />}
        <Button variant="ghost" size="sm" onClick={() => void copyLink()}>
          <LuCopy /> {t('host.joinCard.copyLink')}
        </Button>
        <HStack gap="8" justify="center" wrap="wrap">
          <SessionStat
            label={t('host.joinCard.players')}
            value={participants}
            data-testid="participant-count"
            aria-live="polite"
          />
          <SessionStat label={t('host.joinCard.questions')} value={session.question_count} />
        </HStack>
        {session.mode === 'live' && !closed && (
          <Text color="fg.muted" textAlign="center">
            <Trans
              i18nKey="host.joinCard.liveHint"
              components={{
                link: <HostScreenLink to={`/admin/sessions/${code}/live`} />,
              }}
            />
          </Text>
        )}
        {closed && (
          <VStack gap="1">
            <Text color="fg.muted">{t('host.joinCard.closed')}</Text>
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
