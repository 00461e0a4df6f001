import { Button } from '@chakra-ui/react'
import { Link as RouterLink } from 'react-router'
import { LuSearchX } from 'react-icons/lu'
import { EmptyView } from './StateViews'

/** A join code that matches no session: check it, or type another. */
export function UnknownCodeView({ code }: { code: string }) {
  return (
    <EmptyView
      icon={<LuSearchX />}
      title={`No quiz with the code ${code}`}
      description="Check the code on your teacher's screen."
    >
      <Button asChild>
        <RouterLink to="/join">Enter another code</RouterLink>
      </Button>
    </EmptyView>
  )
}
