import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { ChartFigure } from '@/components/charts/chart-figure';
import { isApiError, type ApiError } from '@/lib/api-error';
import { lastDaysRange } from '@/lib/billing/billing-format';
import {
  buildDashboardCharts,
  dashboardHref,
  DASHBOARD_RANGES,
  parseDashboardRange,
  type DashboardCharts,
  type DashboardRange,
} from '@/lib/dashboard/usage-dashboard';
import { can, Permission } from '@/lib/permissions';
import { getUsageDashboard } from '@/lib/queries/get-usage-dashboard';
import type { SearchParams } from '@/lib/search-params';
import './dashboard.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const days = parseDashboardRange(await searchParams);
  const context = await requireViewer(dashboardHref(days));
  if ('error' in context) {
    return (
      <>
        <h1>Dashboard</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer, client } = context;
  const organization = viewer.organization;

  let charts: { value: DashboardCharts } | { error: ApiError } | null = null;
  if (can(viewer, Permission.UsageRead)) {
    const now = new Date();
    try {
      const usage = await getUsageDashboard(lastDaysRange(now, days), client);
      charts = usage ? { value: buildDashboardCharts(usage, days, now) } : null;
    } catch (error) {
      if (!isApiError(error)) throw error;
      console.error(`[dashboard] ${error.code}: ${error.message}`);
      charts = { error };
    }
  }

  return (
    <>
      <div className="page-intro">
        <h1>Dashboard</h1>
        <p className="lead">
          Calls and spend of <strong>{organization.name}</strong>, by day and by model.
        </p>
      </div>

      <QuickLinks permissions={viewer.permissions} />

      <RangePicker current={days} />

      {!can(viewer, Permission.UsageRead) ? (
        <p className="muted">
          Your role in {organization.name} cannot see its usage. Ask an owner or a billing member.
        </p>
      ) : charts === null ? (
        <p className="muted">No organization to show.</p>
      ) : 'error' in charts ? (
        <ApiErrorNotice error={charts.error} action="load usage" />
      ) : (
        <UsageCharts charts={charts.value} days={days} />
      )}
    </>
  );
}

function RangePicker({ current }: { current: DashboardRange }) {
  return (
    <nav aria-label="Period" className="range-picker">
      <span className="range-picker__label">Period:</span>
      <ul>
        {DASHBOARD_RANGES.map((days) => (
          <li key={days}>
            <Link
              href={dashboardHref(days)}
              className="range-picker__option"
              aria-current={days === current ? 'page' : undefined}
            >
              {days} days
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UsageCharts({ charts, days }: { charts: DashboardCharts; days: number }) {
  const period = `last ${days} days (UTC)`;
  return (
    <>
      <dl className="dashboard-totals" aria-label={`Totals, ${period}`}>
        <div>
          <dt>Calls</dt>
          <dd className="stat" data-testid="dashboard-total-calls">
            {charts.totalCallsText}
          </dd>
        </div>
        <div>
          <dt>Spend</dt>
          <dd className="stat" data-testid="dashboard-total-spend">
            {charts.totalSpendText}
          </dd>
        </div>
      </dl>
      {charts.totalCalls === 0 ? (
        <div className="empty-state">
          <p>
            No calls in the {period}. Create an <Link href="/settings/api-keys">API key</Link> and
            call a model from the <Link href="/models">catalog</Link>, or try one on its page.
          </p>
        </div>
      ) : null}
      <div className="dashboard-grid">
        <ChartFigure
          caption={`Calls per day, ${period}`}
          points={charts.callsByDay}
          layout="columns"
          labelHeader="Day"
          valueName="Calls"
          emptyText="No calls in this period."
        />
        <ChartFigure
          caption={`Spend per day, ${period}`}
          points={charts.spendByDay}
          layout="columns"
          labelHeader="Day"
          valueName="Spend"
          emptyText="Nothing spent in this period."
          valueFormat={{ kind: 'micros', currency: charts.currency }}
        />
        <ChartFigure
          caption={`Calls per model, ${period}`}
          points={charts.callsByModel}
          layout="rows"
          labelHeader="Model"
          valueName="Calls"
          emptyText="No model was called in this period."
        />
        <ChartFigure
          caption={`Spend per model, ${period}`}
          points={charts.spendByModel}
          layout="rows"
          labelHeader="Model"
          valueName="Spend"
          emptyText="Nothing spent in this period."
          valueFormat={{ kind: 'micros', currency: charts.currency }}
        />
      </div>
    </>
  );
}

/** The organization's other pages, those the role may open. */
function QuickLinks({ permissions }: { permissions: readonly string[] }) {
  const viewer = { permissions };
  const links = [
    { href: '/settings/api-keys', label: 'API keys', show: can(viewer, Permission.KeysRead) },
    { href: '/settings/members', label: 'Members', show: can(viewer, Permission.MembersRead) },
    { href: '/settings/audit-log', label: 'Audit log', show: can(viewer, Permission.AuditRead) },
    {
      href: '/settings/billing',
      label: 'Billing',
      show: can(viewer, Permission.BillingRead) || can(viewer, Permission.UsageRead),
    },
  ].filter((link) => link.show);
  if (links.length === 0) return null;
  return (
    <nav aria-label="Organization" className="dashboard-links">
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} className="button button--secondary button--small">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
