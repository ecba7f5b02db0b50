import type { ReactNode } from 'react';
import { SettingsNav } from '@/components/settings/settings-nav';
import { getApiContext } from '@/lib/portal-api';

/** The settings of the current organization; each page checks the session itself. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const { viewer } = await getApiContext();
  return (
    <div className="settings">
      {viewer ? <SettingsNav viewer={viewer} /> : null}
      <div className="settings__content">{children}</div>
    </div>
  );
}
