import { Button, Heading, HStack, Stack, Text } from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { LuChartBar, LuSquare, LuTable, LuUsers } from 'react-icons/lu'
import type { LivePodium } from '../../api/types'
import { LinkButton } from '../Links'
import { Podium } from '../Podium'
import { EmptyView, InlineError } from '../StateViews'

/** The end of the game: the podium, then closing the session and its results. */
export function HostPodium({
  code,
  podium,
  closed,
  close,
}: {
  code: string
  podium: LivePodium | null
  closed: boolean
  close: { mutate: () => void; isPending: boolean; error: unknown }
}) {
  const { t } = useTranslation()
  return (
    <Stack gap={{ base: '6', xl: '10' }} flex="1" as="section" aria-labelledby="podium-heading">
      <Heading as="h2" id="podium-heading" size={{ base: '3xl', xl: '5xl' }} textAlign="center">
        <span aria-hidden>🏆 </span>
        {closed ? t('host.wrap') : t('host.hostPodium.heading')}
      </Heading>
      {podium && podium.top.length > 0 ? (
        <Podium top={podium.top} size="lg" />
      ) : (
        <EmptyView icon={<LuUsers />} title={t('host.nobodyPlayed')} />
      )}
      <HStack justify="center" gap="3" wrap="wrap" mt="auto">
        {!closed && (
          <Button size="xl" colorPalette="red" onClick={() => close.mutate()} loading={close.isPending}>
            <LuSquare /> {t('host.closeSession')}
          </Button>
        )}
        <LinkButton to={`/admin/sessions/${code}/results`} size="xl" variant={closed ? 'solid' : 'outline'}>
          <LuTable /> {t('host.links.results')}
        </LinkButton>
        <LinkButton to={`/admin/sessions/${code}/analytics`} size="xl" variant="outline">
          <LuChartBar /> {t('host.links.analytics')}
        </LinkButton>
      </HStack>
      {closed && (
        <Text textAlign="center" color="fg.muted">
          {t('host.hostPodium.closedNote')}
        </Text>
      )}
      <InlineError error={close.error} title={t('host.hostPodium.closeFailed')} />
    </Stack>
  )
}
