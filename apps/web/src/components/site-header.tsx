import Link from 'next/link';
import { getSession } from '@/auth/session';
import { AccountBar } from '@/components/account-bar';
import { NavLink } from '@/components/nav-link';

export async function SiteHeader() {
  const session = await getSession();
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="site-header__brand">
          Modelhub
        </Link>
        <nav aria-label="Main" className="site-nav">
          <NavLink href="/" activePrefixes={['/models']}>
            Catalog
          </NavLink>
          <NavLink href="/docs">Docs</NavLink>
          {session ? (
            <NavLink href="/settings" activePrefixes={['/settings']}>
              Settings
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
