'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

interface NavLinkProps {
  href: string;
  /** Path prefixes that also count as this section, e.g. `/models` for the catalog. */
  activePrefixes?: readonly string[];
  children: ReactNode;
}

/** A header link that marks itself `aria-current="page"` while its section is shown. */
export function NavLink({ href, activePrefixes = [], children }: NavLinkProps) {
  const pathname = usePathname();
  const active = pathname === href || activePrefixes.some((prefix) => pathname.startsWith(prefix));
  return (
    <Link href={href} className="site-nav__link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}
