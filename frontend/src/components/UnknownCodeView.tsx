import { useTranslation } from 'react-i18next'
import { LuSearchX } from 'react-icons/lu'
import { EmptyView } from './StateViews'
import { LinkButton } from './Links'

/** A join code that matches no session: check it, or type another. */
export function UnknownCodeView({ code }: { code: string }) {
  const { t } = useTranslation()
  return (
    <EmptyView
      icon={<LuSearchX />}
      title={t('play.unknownCode.title', { code })}
      description={t('play.unknownCode.description')}
    >
      <LinkButton to="/join">{t('play.unknownCode.another')}</LinkButton>
    </EmptyView>
  )
}
