import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

// The header shows who is signed in, so every page (404 included) is rendered per request.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Modelhub', template: '%s · Modelhub' },
  description:
    'Browse ONNX models published by organizations and call them through the Modelhub GraphQL API.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="container site-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">Modelhub: ONNX models as a service.</div>
        </footer>
      </body>
    </html>
  );
}
