import Link from 'next/link';
import { getSession } from '@/auth/session';
import { AccountBar } from '@/components/account-bar';
import { NavLink } from '@/components/nav-link';
import { can, Permission } from '@/lib/permissions';
import { getPlatformAdminAccess } from '@/lib/platform-admin-access';
import { getApiContext } from '@/lib/portal-api';

export async function SiteHeader() {
  const session = await getSession();
  const viewer = session ? (await getApiContext()).viewer : null;
  const isPlatformAdmin = session ? await getPlatformAdminAccess() : false;
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="site-header__brand">
          Modelhub
        </Link>
        <nav aria-label="Main" className="site-nav">
          <NavLink href="/models" activePrefixes={['/models']}>
            Catalog
          </NavLink>
          <NavLink href="/docs">Docs</NavLink>
          <NavLink href="/graphiql">GraphiQL</NavLink>
          {viewer && can(viewer, Permission.ModelsPublish) ? (
            <NavLink href="/settings/models" activePrefixes={['/settings/models']}>
              Publish
            </NavLink>
          ) : null}
          {session ? <NavLink href="/dashboard">Dashboard</NavLink> : null}
          {session ? (
            <NavLink href="/settings" activePrefixes={['/settings']}>
              Settings
            </NavLink>
          ) : null}
          {isPlatformAdmin ? (
            <NavLink href="/admin" activePrefixes={['/admin']}>
              Admin
            </NavLink>
          ) : null}
        </nav>
        {session ? (
          <AccountBar email={session.user.email} />
        ) : (
          <div className="account-bar">
            <Link href="/signin" className="site-nav__link">
              Sign in
            </Link>
            <Link href="/signup" className="button button--small">
              Sign up
            </Link>
          </div>
        )}
      </div>
    </header>
  );
}
