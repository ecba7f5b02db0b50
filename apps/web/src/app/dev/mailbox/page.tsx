import type { Metadata } from 'next';
import Form from 'next/form';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { isApiError, type ApiError } from '@/lib/api-error';
import { isPlausibleEmail } from '@/lib/forms/form-state';
import { formatDateTime } from '@/lib/format';
import { graphqlClient } from '@/lib/graphql-client';
import type { DevEmail } from '@/lib/identity-schemas';
import { linkify } from '@/lib/linkify';
import { getDevMailbox, getMailMode } from '@/lib/queries/get-dev-mailbox';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Dev mailbox' };

type Loaded =
  | { mode: 'smtp' }
  | { mode: 'dev-mailbox'; messages: DevEmail[] | null }
  | { error: ApiError; action: string };

async function load(email: string | undefined): Promise<Loaded> {
  let mode: string;
  try {
    mode = await getMailMode(graphqlClient);
  } catch (error) {
    if (!isApiError(error)) throw error;
    return { error, action: 'ask the api how it sends email' };
  }
  if (mode !== 'dev-mailbox') return { mode: 'smtp' };
  if (!email) return { mode: 'dev-mailbox', messages: null };
  try {
    return { mode: 'dev-mailbox', messages: await getDevMailbox(email, graphqlClient) };
  } catch (error) {
    if (!isApiError(error)) throw error;
    return { error, action: `read the mailbox of ${email}` };
  }
}

/**
 * The api's outbox when it runs without SMTP: how verification, reset and invitation links reach
 * people on a machine with no mail server.
 */
export default async function DevMailboxPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const raw = firstParam(await searchParams, 'email');
  const email = raw && isPlausibleEmail(raw) ? raw : undefined;
  const loaded = await load(email);

  return (
    <>
      <div className="page-intro">
        <h1>Dev mailbox</h1>
        <p className="lead">
          This Modelhub runs without an email server, so the messages it sends are kept here. Enter
          an address to read what was sent to it.
        </p>
      </div>
      {'error' in loaded ? (
        <ApiErrorNotice error={loaded.error} action={loaded.action} />
      ) : loaded.mode === 'smtp' ? (
        <section className="notice" role="status">
          <h2 className="notice__title">This server sends real email</h2>
          <p>Messages go out through SMTP; check the inbox of the address instead.</p>
        </section>
      ) : (
        <>
          <Form action="/dev/mailbox" className="search-form" role="search">
            <label htmlFor="mailbox-email" className="search-form__label">
              Email address
            </label>
            <div className="search-form__row">
              <input
                key={email}
                id="mailbox-email"
                className="search-form__input"
                type="email"
                name="email"
                required
                defaultValue={email ?? raw ?? ''}
                autoComplete="email"
                aria-invalid={raw && !email ? true : undefined}
                aria-describedby={raw && !email ? 'mailbox-email-error' : undefined}
              />
              <button type="submit" className="button">
                Show messages
              </button>
            </div>
            {raw && !email ? (
              <p id="mailbox-email-error" className="field__error">
                Enter an email address like name@example.com
              </p>
            ) : null}
          </Form>
          {email && loaded.messages ? <Messages email={email} messages={loaded.messages} /> : null}
        </>
      )}
    </>
  );
}

function Messages({ email, messages }: { email: string; messages: DevEmail[] }) {
  if (messages.length === 0) {
    return (
      <section className="empty-state">
        <h2>No messages for {email}</h2>
        <p className="muted">
          Messages appear here as soon as the api sends them; reload to check.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading" className="results-count">
        {messages.length === 1 ? '1 message' : `${messages.length} messages`} for {email}
      </h2>
      <ol className="mail-list">
        {messages.map((message, index) => (
          <li key={`${message.createdAt}-${index}`}>
            <article className="card mail" aria-labelledby={`mail-${index}`}>
              <h3 id={`mail-${index}`} className="mail__subject">
                {message.subject}
              </h3>
              <p className="mail__meta muted">
                To {message.to} · {formatDateTime(message.createdAt)}
              </p>
              <div className="mail__body">
                {linkify(message.text).map((segment, at) =>
                  segment.kind === 'link' ? (
                    <a key={at} href={segment.href}>
                      {segment.text}
                    </a>
                  ) : (
                    <span key={at}>{segment.text}</span>
                  ),
                )}
              </div>
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}
