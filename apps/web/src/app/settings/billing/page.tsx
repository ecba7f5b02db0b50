import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { Pagination } from '@/components/settings/pagination';
import { isApiError, type ApiError } from '@/lib/api-error';
import { formatSignedMicros, lastDaysRange, sumMicros } from '@/lib/billing/billing-format';
import {
  formatDate,
  formatDateTime,
  formatInteger,
  formatMicros,
  humanizeEnum,
} from '@/lib/format';
import { can, Permission } from '@/lib/permissions';
import {
  getBilling,
  type BillingOverview,
  type EarningsStatement,
  type Invoice,
  type LedgerEntry,
  type UsageRow,
} from '@/lib/queries/get-billing';
import { microsToAmount } from '@/lib/forms/money-input';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { SpendLimitForm } from './spend-limit-form';
import { TopUpForm } from './top-up-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Billing' };

const PAGE = '/settings/billing';
const LEDGER_PAGE_SIZE = 25;
const USAGE_DAYS = 30;

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const after = firstParam(params, 'after');
  const topUp = firstParam(params, 'topUp');
  const limitSaved = firstParam(params, 'limit') === 'saved';
  const context = await requireViewer(PAGE);
  if ('error' in context) {
    return (
      <>
        <h1>Billing</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, client } = context;
  const readBilling = can(viewer, Permission.BillingRead);
  const readUsage = can(viewer, Permission.UsageRead);
  if (!readBilling && !readUsage) {
    return (
      <>
        <h1>Billing</h1>
        <p className="muted">
          Your role in {viewer.organization.name} cannot see its balance or usage. Ask an owner or a
          billing member.
        </p>
      </>
    );
  }

  const range = lastDaysRange(new Date(), USAGE_DAYS);
  let loaded: { billing: BillingOverview | null } | { error: ApiError };
  try {
    loaded = {
      billing: await getBilling(
        {
          ledgerFirst: LEDGER_PAGE_SIZE,
          ledgerAfter: after,
          ...range,
          readLedger: true,
          readUsage,
          readBilling,
        },
        client,
      ),
    };
  } catch (error) {
    if (!isApiError(error)) throw error;
    console.error(`[billing] ${error.code}: ${error.message}`);
    loaded = { error };
  }

  const csvHref = (groupBy: string) =>
    `/api/billing/usage.csv?${new URLSearchParams({
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      groupBy,
    }).toString()}`;

  return (
    <>
      <div className="page-intro">
        <h1>Billing</h1>
        <p className="lead">
          Credit, usage and payments of <strong>{viewer.organization.name}</strong>.
        </p>
      </div>
      {topUp === 'success' ? (
        <p className="notice notice--success" role="status">
          Payment received by Stripe. The credit appears here as soon as Stripe confirms it.
        </p>
      ) : topUp === 'cancelled' ? (
        <p className="notice notice--info" role="status">
          Checkout cancelled; nothing was charged.
        </p>
      ) : null}
      {'error' in loaded ? (
        <ApiErrorNotice error={loaded.error} action="load billing" />
      ) : !loaded.billing ? (
        <p className="muted">No organization to show.</p>
      ) : (
        <>
          <section aria-labelledby="balance-heading">
            <h2 id="balance-heading">Balance</h2>
            {loaded.billing.ledger ? (
              <p className="stat" data-testid="balance">
                {formatMicros(loaded.billing.ledger.balanceMicros, 'USD')}
              </p>
            ) : null}
            <p className="muted">
              {loaded.billing.organizationBillingMode === 'POSTPAID'
                ? 'Postpaid: usage is invoiced monthly.'
                : 'Prepaid: calls stop when the credit runs out.'}
            </p>
            {loaded.billing.paymentMode === 'ledger-only' ? (
              <p className="notice notice--warning" role="note" data-testid="ledger-only-notice">
                Top-ups are turned off: this Modelhub runs without a payment provider (ledger-only
                mode). Credit is added by an administrator.
              </p>
            ) : can(viewer, Permission.BillingManage) ? (
              <TopUpForm />
            ) : null}
          </section>

          {loaded.billing.spentThisMonthMicros !== undefined ? (
            <section aria-labelledby="spend-limit-heading">
              <h2 id="spend-limit-heading">Spend limit</h2>
              <p data-testid="spend-this-month">
                Spent this month:{' '}
                <strong>{formatMicros(loaded.billing.spentThisMonthMicros, 'USD')}</strong>
                {loaded.billing.monthlySpendLimitMicros ? (
                  <>
                    {' '}
                    of a {formatMicros(loaded.billing.monthlySpendLimitMicros, 'USD')} monthly limit
                  </>
                ) : (
                  ' (no monthly limit)'
                )}
                . API keys can have limits of their own (
                <Link href="/settings/api-keys">API keys</Link>).
              </p>
              {limitSaved ? (
                <p className="form-alert form-alert--success" role="status">
                  The spend limit is saved.
                </p>
              ) : null}
              {can(viewer, Permission.BillingManage) ? (
                <SpendLimitForm
                  current={
                    loaded.billing.monthlySpendLimitMicros
                      ? microsToAmount(loaded.billing.monthlySpendLimitMicros)
                      : ''
                  }
                />
              ) : null}
            </section>
          ) : null}

          {loaded.billing.ledger ? (
            <section aria-labelledby="ledger-heading">
              <h2 id="ledger-heading">Ledger</h2>
              {loaded.billing.ledger.entries.length === 0 ? (
                <p className="muted">{after ? 'No older entries.' : 'No credit movements yet.'}</p>
              ) : (
                <LedgerTable entries={loaded.billing.ledger.entries} />
              )}
              <Pagination
                basePath={PAGE}
                after={after}
                pageInfo={{
                  hasNextPage: loaded.billing.ledger.hasNextPage,
                  endCursor: loaded.billing.ledger.endCursor,
                }}
                label="Ledger pages"
              />
            </section>
          ) : null}

          {readUsage && loaded.billing.usageByDay && loaded.billing.usageByModel ? (
            <section aria-labelledby="usage-heading">
              <h2 id="usage-heading">Usage, last {USAGE_DAYS} days</h2>
              <p>
                <a href={csvHref('day')} download>
                  Download CSV
                </a>{' '}
                <span className="muted">
                  (per day; also <a href={csvHref('model')}>per model</a>,{' '}
                  <a href={csvHref('key')}>per key</a>)
                </span>
              </p>
              <UsageTable
                rows={loaded.billing.usageByDay}
                groupLabel="Day"
                caption="Usage per day"
              />
              <UsageTable
                rows={loaded.billing.usageByModel}
                groupLabel="Model"
                caption="Usage per model"
              />
            </section>
          ) : null}

          {readBilling && loaded.billing.invoices ? (
            <section aria-labelledby="invoices-heading">
              <h2 id="invoices-heading">Invoices</h2>
              <InvoiceTable invoices={loaded.billing.invoices} />
            </section>
          ) : null}

          {readBilling && loaded.billing.earnings ? (
            <section aria-labelledby="earnings-heading">
              <h2 id="earnings-heading">Publisher earnings</h2>
              <EarningsTable earnings={loaded.billing.earnings} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

function LedgerTable({ entries }: { entries: readonly LedgerEntry[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Ledger table">
      <table className="data-table">
        <caption className="visually-hidden">Ledger entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            <th scope="col">Description</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap">{formatDateTime(entry.createdAt)}</td>
              <td>{humanizeEnum(entry.kind)}</td>
              <td>{entry.description}</td>
              <td className="nowrap">{formatSignedMicros(entry.amountMicros, entry.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UsageTable({
  rows,
  groupLabel,
  caption,
}: {
  rows: readonly UsageRow[];
  groupLabel: string;
  caption: string;
}) {
  if (rows.length === 0) {
    return <p className="muted">{caption}: no calls in this period.</p>;
  }
  const currencies = new Set(rows.map((row) => row.currency.toUpperCase()));
  const [currency] = currencies;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col">Calls</th>
            <th scope="col">Units</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.group}>
              <th scope="row">{row.label}</th>
              <td>{formatInteger(row.calls)}</td>
              <td>{formatInteger(row.quantity)}</td>
              <td className="nowrap">{formatMicros(row.amountMicros, row.currency)}</td>
            </tr>
          ))}
        </tbody>
        {currencies.size === 1 && currency ? (
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td>{formatInteger(rows.reduce((total, row) => total + row.calls, 0))}</td>
              <td />
              <td className="nowrap">
                {formatMicros(sumMicros(rows.map((row) => row.amountMicros)), currency)}
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function InvoiceTable({ invoices }: { invoices: readonly Invoice[] }) {
  if (invoices.length === 0) return <p className="muted">No invoices yet.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Invoices table">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col">Period</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
            <th scope="col">Paid</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row">
                {invoice.hostedInvoiceUrl ? (
                  <a href={invoice.hostedInvoiceUrl} rel="noreferrer" target="_blank">
                    {invoice.number ?? 'View'}
                  </a>
                ) : (
                  (invoice.number ?? '—')
                )}
              </th>
              <td className="nowrap">
                {formatDate(invoice.periodStart)} – {formatDate(invoice.periodEnd)}
              </td>
              <td>{humanizeEnum(invoice.status)}</td>
              <td>{formatMicros(invoice.amountDueMicros, invoice.currency)}</td>
              <td>{formatMicros(invoice.amountPaidMicros, invoice.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EarningsTable({ earnings }: { earnings: readonly EarningsStatement[] }) {
  if (earnings.length === 0) {
    return <p className="muted">No earnings yet: they appear when others call your models.</p>;
  }
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Earnings table">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Status</th>
            <th scope="col">Gross</th>
            <th scope="col">Fee</th>
            <th scope="col">Net</th>
          </tr>
        </thead>
        <tbody>
          {earnings.map((statement) => (
            <tr key={statement.id}>
              <th scope="row">{formatDate(statement.periodStart).slice(0, 7)}</th>
              <td>{humanizeEnum(statement.status)}</td>
              <td>{formatMicros(statement.grossMicros, statement.currency)}</td>
              <td>{formatMicros(statement.feeMicros, statement.currency)}</td>
              <td>{formatMicros(statement.netMicros, statement.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
