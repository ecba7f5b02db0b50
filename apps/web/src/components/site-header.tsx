import Link from 'next/link';
import { NavLink } from '@/components/nav-link';

export function SiteHeader() {
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
        </nav>
      </div>
    </header>
  );
}
