import { LuSearchX } from 'react-icons/lu'
import { EmptyView } from './StateViews'
import { LinkButton } from './Links'

/** A join code that matches no session: check it, or type another. */
export function UnknownCodeView({ code }: { code: string }) {
  return (
    <EmptyView
      icon={<LuSearchX />}
      title={`No quiz with the code ${code}`}
      description="Check the code on your teacher's screen."
    >
      <LinkButton to="/join">Enter another code</LinkButton>
    </EmptyView>
  )
}
