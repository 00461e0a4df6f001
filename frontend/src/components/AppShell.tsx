import {
  Avatar,
  Badge,
  Box,
  Button,
  Container,
  Flex,
  HStack,
  Link,
  Menu,
  Portal,
  SkipNavContent,
  SkipNavLink,
  Text,
} from '@chakra-ui/react'
import { useTranslation } from 'react-i18next'
import { Outlet, Link as RouterLink, useLocation, useNavigate } from 'react-router'
import { LuHistory, LuLayoutList, LuLogIn, LuLogOut, LuTicket, LuUsers } from 'react-icons/lu'
import { useAuth } from '../auth/AuthProvider'
import { ColorModeToggle } from './ColorMode'
import { LanguageMenu } from './LanguageMenu'
import { Logo } from './Logo'
import { initialOf } from '../lib/initial'
import { LinkButton } from './Links'
import { isAdmin, isStaff } from '../lib/roles'

function NavItem({
  to,
  current,
  icon,
  children,
}: {
  to: string
  /** Whether the screen shown is this item's (or one under it). */
  current: boolean
  icon: React.ReactNode
  children: string
}) {
  // On a phone only the icon shows, so the link carries its name itself.
  return (
    <Button
      asChild
      variant="ghost"
      size="sm"
      px={{ base: '2', sm: '3' }}
      _currentPage={{ bg: 'colorPalette.subtle', color: 'colorPalette.fg' }}
    >
      <RouterLink to={to} aria-current={current ? 'page' : undefined} aria-label={children}>
        {icon}
        <Text as="span" hideBelow="sm">
          {children}
        </Text>
      </RouterLink>
    </Button>
  )
}

function UserMenu() {
  const { t } = useTranslation()
  const auth = useAuth()
  const navigate = useNavigate()
  if (auth.status !== 'signed-in') {
    return (
      <LinkButton to="/signin" size="sm" variant="outline">
        <LuLogIn /> {t('common.shell.signIn')}
      </LinkButton>
    )
  }
  const { user } = auth
  return (
    <Menu.Root positioning={{ placement: 'bottom-end' }}>
      <Menu.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={t('common.shell.account', { name: user.display_name })} px="1">
          <Avatar.Root size="xs" colorPalette="purple">
            <Avatar.Fallback>{initialOf(user.display_name)}</Avatar.Fallback>
          </Avatar.Root>
          <Text as="span" hideBelow="md" maxW="40" truncate>
            {user.display_name}
          </Text>
        </Button>
      </Menu.Trigger>
      <Portal>
        <Menu.Positioner>
          <Menu.Content minW="56">
            <Box px="3" py="2">
              <Text fontWeight="semibold">{user.display_name}</Text>
              <Text fontSize="sm" color="fg.muted">
                {user.is_guest ? t('common.shell.guestPlayer') : `@${user.username}`}
                {isStaff(user) && (
                  <Badge ms="2" colorPalette="purple">
                    {isAdmin(user) ? t('common.shell.admin') : t('common.shell.teacher')}
                  </Badge>
                )}
              </Text>
              {user.is_guest && (
                <Text fontSize="xs" color="fg.muted" mt="1">
                  {t('common.shell.guestNote')}
                </Text>
              )}
            </Box>
            <Menu.Separator />
            <Menu.Item
              value="sign-out"
              onSelect={() => {
                auth.signOut()
                navigate('/welcome')
              }}
            >
              <LuLogOut /> {t('common.shell.signOut')}
            </Menu.Item>
          </Menu.Content>
        </Menu.Positioner>
      </Portal>
    </Menu.Root>
  )
}

/** The header every screen but the projector view shares. */
export function AppShell() {
  const { t } = useTranslation()
  const auth = useAuth()
  const user = auth.status === 'signed-in' ? auth.user : null
  const { pathname } = useLocation()
  const under = (path: string) => pathname === path || pathname.startsWith(`${path}/`)
  return (
    <Flex direction="column" minH="100dvh">
      <SkipNavLink>{t('common.shell.skipToContent')}</SkipNavLink>
      <Box as="header" bg="app.header" borderBottomWidth="1px" position="sticky" top="0" zIndex="sticky">
        <Container maxW="6xl" py="2">
          <HStack justify="space-between" gap="2">
            <Link
              asChild
              fontWeight="extrabold"
              fontSize="lg"
              textDecoration="none"
              _hover={{ textDecoration: 'none' }}
            >
              <RouterLink to="/" aria-label={t('common.shell.home')}>
                {/* A teacher's menu has more items: on a phone the name makes room for them. */}
                <Logo compact={isStaff(user)} />
              </RouterLink>
            </Link>
            <HStack as="nav" aria-label={t('common.shell.mainNav')} gap="1">
              {user && (
                <>
                  {isStaff(user) && (
                    <NavItem to="/admin" current={under('/admin') && !under('/admin/teachers')} icon={<LuLayoutList />}>
                      {t('common.shell.nav.quizzes')}
                    </NavItem>
                  )}
                  {isAdmin(user) && (
                    <NavItem to="/admin/teachers" current={under('/admin/teachers')} icon={<LuUsers />}>
                      {t('common.shell.nav.teachers')}
                    </NavItem>
                  )}
                  <NavItem to="/join" current={under('/join')} icon={<LuTicket />}>
                    {t('common.shell.nav.join')}
                  </NavItem>
                  <NavItem to="/history" current={under('/history')} icon={<LuHistory />}>
                    {t('common.shell.nav.history')}
                  </NavItem>
                </>
              )}
            </HStack>
            <HStack gap="1">
              <LanguageMenu />
              <ColorModeToggle />
              <UserMenu />
            </HStack>
          </HStack>
        </Container>
      </Box>
      <SkipNavContent />
      <Box as="main" flex="1" pb="10">
        <Outlet />
      </Box>
    </Flex>
  )
}
