import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { getSession } from '@/auth/session';
import { NavLink } from '@/components/nav-link';
import { signInPath } from '@/lib/return-path';
import './admin.css';

/** Platform administration; each page asks the api, which refuses everyone but administrators. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session) redirect(signInPath('/admin'));
  return (
    <div className="admin">
      <nav aria-label="Platform admin" className="admin-nav">
        <NavLink href="/admin">Runners</NavLink>
        <NavLink href="/admin/tenants">Tenants</NavLink>
      </nav>
      <div className="admin__content">{children}</div>
    </div>
  );
}
