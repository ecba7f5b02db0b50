import type { Metadata } from 'next';
import Link from 'next/link';
import { getSession } from '@/auth/session';
import { GraphiqlLoader } from './graphiql-loader';
import './graphiql-page.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'GraphiQL' };

export default async function GraphiqlPage() {
  const session = await getSession();
  return (
    <>
      <div className="page-intro">
        <h1>GraphiQL</h1>
        <p className="lead">
          Explore the Modelhub API: write a query, run it with the ▶ button (or Ctrl+Enter), and
          browse the schema in the documentation pane.{' '}
          {session ? (
            <>
              Queries run as <strong>{session.user.email}</strong> in your current organization,
              through the portal.
            </>
          ) : (
            <>
              You are signed out, so queries run as an anonymous caller: the public catalog works;{' '}
              <Link href="/signin?callbackUrl=%2Fgraphiql">sign in</Link> for your own data.
            </>
          )}{' '}
          Your code calls the API with an API key instead; see <Link href="/docs">the docs</Link>.
        </p>
      </div>
      <GraphiqlLoader />
    </>
  );
}
