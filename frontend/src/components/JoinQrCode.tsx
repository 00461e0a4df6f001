import { Box } from '@chakra-ui/react'
import { QRCodeSVG } from 'qrcode.react'
import { useTranslation } from 'react-i18next'
import { joinLink } from '../lib/joinLink'

/** A QR code of the session's join link on `base`. Always dark on white, which every phone camera reads. */
export function JoinQrCode({ code, base, size = 180 }: { code: string; base: string; size?: number }) {
  const { t } = useTranslation()
  return (
    <Box bg="white" p="3" borderRadius="xl" display="inline-block" lineHeight="0" boxShadow="sm">
      <QRCodeSVG
        value={joinLink(code, base)}
        size={size}
        level="M"
        bgColor="#ffffff"
        fgColor="#1a1033"
        title={t('host.joinQr.title', { code })}
        role="img"
      />
    </Box>
  )
}
