// Billing as an organization's members see it: balance, ledger, usage reports, invoices and
// publisher earnings (billing.read or usage.read), top-ups through Stripe Checkout
// (billing.manage), price changes (models.publish) and credit adjustments (platform admins).
import type { EarningsStatement, Invoice, LedgerEntry, Organization } from '@modelhub/db';
import {
  adjustCredit,
  changePrice,
  ledger,
  monthStart,
  usageReport,
  type UsageReportRow,
} from '@modelhub/billing';
import type { Permission } from '@modelhub/identity';
import { AppError } from '../../app-error.ts';
import { recordAudit } from '../../identity/audit-log.ts';
import { requirePermission, requireUser } from '../../auth/principal.ts';
import type { ApiContext } from '../../context.ts';
import { builder } from '../builder.ts';
import { localIdOf } from '../global-id.ts';
import { PriceUnitEnum } from './enums.ts';
import { ModelVersionRef } from './model-version.ts';
import { OrganizationRef } from './organization.ts';

/** A billion dollars: a limit is a safeguard, not a way to overflow sums. */
const MAX_SPEND_LIMIT_MICROS = 1_000_000_000n * 1_000_000n;

function requireOwnBilling(ctx: ApiContext, org: Organization, ...anyOf: Permission[]) {
  const principal = requirePermission(
    ctx.principal,
    anyOf.find((p) => ctx.principal?.permissions.has(p)) ?? anyOf[0]!,
  );
  if (principal.organizationId !== org.id) {
    throw new AppError('FORBIDDEN', `only members of '${org.slug}' see its billing`);
  }
  return principal;
}

const LedgerEntryRef = builder.objectRef<LedgerEntry>('LedgerEntry').implement({
  description: 'One movement of credit: trial credit, top-up, usage, refund or adjustment.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The entry’s id.' }),
    kind: t.exposeString('kind', {
      description: 'TRIAL_CREDIT, TOP_UP, USAGE, REFUND or ADJUSTMENT.',
    }),
    amountMicros: t.expose('amountMicros', {
      type: 'BigInt',
      description: 'Positive for credit, negative for debits.',
    }),
    currency: t.exposeString('currency', {
      description: 'ISO 4217 currency code, lower case, e.g. usd.',
    }),
    description: t.exposeString('description', { description: 'What the movement was for.' }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When it was booked (UTC).',
    }),
  }),
});

const LedgerPageRef = builder
  .objectRef<Awaited<ReturnType<typeof ledger>>>('LedgerPage')
  .implement({
    description: 'A page of ledger entries, newest first, and the balance now.',
    fields: (t) => ({
      entries: t.field({
        type: [LedgerEntryRef],
        description: 'The entries on this page, newest first.',
        resolve: (p) => p.edges.map((e) => e.node),
      }),
      endCursor: t.string({
        nullable: true,
        description: 'Pass as `after` for the next page; null when the page is empty.',
        resolve: (p) => p.pageInfo.endCursor,
      }),
      hasNextPage: t.boolean({
        description: 'Whether older entries follow.',
        resolve: (p) => p.pageInfo.hasNextPage,
      }),
      balanceMicros: t.expose('balanceMicros', {
        type: 'BigInt',
        description: 'The organization’s credit now: the sum of all its entries, in micro-units.',
      }),
    }),
  });

const UsageGroupingEnum = builder.enumType('UsageGrouping', {
  values: ['day', 'model', 'version', 'key'] as const,
  description: 'How a usage report groups calls.',
});

const UsageReportRowRef = builder.objectRef<UsageReportRow>('UsageReportRow').implement({
  description: 'Usage of one group (a day, model, version or key) in the range.',
  fields: (t) => ({
    group: t.exposeString('group', { description: 'The day (YYYY-MM-DD) or the id.' }),
    label: t.exposeString('label', { description: 'A readable name of the group.' }),
    currency: t.exposeString('currency', {
      description: 'ISO 4217 currency code, lower case, e.g. usd.',
    }),
    calls: t.exposeInt('calls', { description: 'Billable predictions in the group.' }),
    quantity: t.expose('quantity', {
      type: 'BigInt',
      description: 'Units charged (calls, items or ms).',
    }),
    amountMicros: t.expose('amountMicros', {
      type: 'BigInt',
      description: 'What the group was charged, in micro-units of `currency`.',
    }),
  }),
});

const InvoiceRef = builder.objectRef<Invoice>('Invoice').implement({
  description: 'A Stripe invoice of a postpaid organization.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The invoice’s id.' }),
    number: t.exposeString('number', {
      nullable: true,
      description: 'The invoice number Stripe assigned; null for drafts.',
    }),
    status: t.exposeString('status', {
      description: 'Stripe’s status: draft, open, paid, uncollectible or void.',
    }),
    currency: t.exposeString('currency', {
      description: 'ISO 4217 currency code, lower case, e.g. usd.',
    }),
    amountDueMicros: t.expose('amountDueMicros', {
      type: 'BigInt',
      description: 'The amount billed, in micro-units of `currency`.',
    }),
    amountPaidMicros: t.expose('amountPaidMicros', {
      type: 'BigInt',
      description: 'The amount paid so far, in micro-units of `currency`.',
    }),
    periodStart: t.expose('periodStart', {
      type: 'DateTime',
      description: 'Start of the billed period (UTC).',
    }),
    periodEnd: t.expose('periodEnd', {
      type: 'DateTime',
      description: 'End of the billed period (UTC), exclusive.',
    }),
    hostedInvoiceUrl: t.exposeString('hostedInvoiceUrl', {
      nullable: true,
      description: 'Stripe’s page to view and pay the invoice; null for drafts.',
    }),
  }),
});

const EarningsStatementRef = builder.objectRef<EarningsStatement>('EarningsStatement').implement({
  description: 'A publisher’s revenue for one month: gross, platform fee and net.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The statement’s id.' }),
    periodStart: t.expose('periodStart', {
      type: 'DateTime',
      description: 'The first instant of the month (UTC).',
    }),
    grossMicros: t.expose('grossMicros', {
      type: 'BigInt',
      description:
        'What callers were charged for the publisher’s models, in micro-units of `currency`.',
    }),
    feeMicros: t.expose('feeMicros', {
      type: 'BigInt',
      description: 'The platform fee, in micro-units of `currency`.',
    }),
    netMicros: t.expose('netMicros', {
      type: 'BigInt',
      description: 'Gross less the fee: what the publisher earns, in micro-units of `currency`.',
    }),
    currency: t.exposeString('currency', {
      description: 'ISO 4217 currency code, lower case, e.g. usd.',
    }),
    status: t.exposeString('status', { description: 'Whether the statement is open or settled.' }),
  }),
});

builder.objectFields(OrganizationRef, (t) => ({
  monthlySpendLimitMicros: t.field({
    type: 'BigInt',
    nullable: true,
    description:
      'The most the organization may be charged per calendar month (UTC); null: no limit. Calls over it fail with SPEND_LIMIT_EXCEEDED. Needs billing.read or usage.read.',
    resolve: (org, _args, ctx) => {
      requireOwnBilling(ctx, org, 'billing.read', 'usage.read');
      return org.monthlySpendLimitMicros;
    },
  }),
  spentThisMonthMicros: t.field({
    type: 'BigInt',
    description:
      'Usage charged since the first of this month (UTC). Needs billing.read or usage.read.',
    resolve: async (org, _args, ctx) => {
      requireOwnBilling(ctx, org, 'billing.read', 'usage.read');
      const spent = await ctx.db.usageEvent.aggregate({
        where: { organizationId: org.id, createdAt: { gte: monthStart(new Date()) } },
        _sum: { amountMicros: true },
      });
      return spent._sum.amountMicros ?? 0n;
    },
  }),
  billingMode: t.string({
    description: 'PREPAID (stopped at zero credit) or POSTPAID (invoiced through Stripe).',
    resolve: (org) => org.billingMode,
  }),
  ledger: t.field({
    type: LedgerPageRef,
    description: 'Ledger entries, newest first. Needs billing.read or usage.read.',
    args: { first: t.arg.int({ required: false }), after: t.arg.string({ required: false }) },
    resolve: (org, args, ctx) => {
      requireOwnBilling(ctx, org, 'billing.read', 'usage.read');
      return ctx.tenant((tx) =>
        ledger(tx, org.id, {
          ...(args.first != null ? { first: args.first } : {}),
          ...(args.after ? { after: args.after } : {}),
        }),
      );
    },
  }),
  usage: t.field({
    type: [UsageReportRowRef],
    description:
      'Usage in [from, to) grouped by day, model, version or key; the same figures as GET /billing/usage.csv. Needs usage.read.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      groupBy: t.arg({ type: UsageGroupingEnum, required: true }),
    },
    resolve: (org, args, ctx) => {
      requireOwnBilling(ctx, org, 'usage.read');
      return ctx.tenant((tx) =>
        usageReport(tx, {
          organizationId: org.id,
          from: args.from,
          to: args.to,
          groupBy: args.groupBy,
        }),
      );
    },
  }),
  invoices: t.field({
    type: [InvoiceRef],
    description: 'Invoices, newest first. Needs billing.read.',
    resolve: (org, _args, ctx) => {
      requireOwnBilling(ctx, org, 'billing.read');
      return ctx.db.invoice.findMany({
        where: { organizationId: org.id },
        orderBy: { periodStart: 'desc' },
        take: 100,
      });
    },
  }),
  earnings: t.field({
    type: [EarningsStatementRef],
    description: 'Monthly publisher earnings, newest first. Needs billing.read.',
    resolve: (org, _args, ctx) => {
      requireOwnBilling(ctx, org, 'billing.read');
      return ctx.db.earningsStatement.findMany({
        where: { organizationId: org.id },
        orderBy: { periodStart: 'desc' },
        take: 60,
      });
    },
  }),
}));

const TopUpPayload = builder
  .objectRef<{ checkoutUrl: string; sessionId: string }>('TopUpPayload')
  .implement({
    description: 'A Stripe Checkout session for a credit top-up.',
    fields: (t) => ({
      checkoutUrl: t.exposeString('checkoutUrl', { description: 'Send the user here to pay.' }),
      sessionId: t.exposeString('sessionId', { description: 'The Stripe Checkout session id.' }),
    }),
  });

const ChangePriceInput = builder.inputType('ChangePriceInput', {
  description: 'The new price of a published version.',
  fields: (t) => ({
    unit: t.field({
      type: PriceUnitEnum,
      required: true,
      description: 'What is charged for: a call, an item or compute time.',
    }),
    amountMicros: t.field({
      type: 'BigInt',
      required: true,
      description: 'Micro-units of the currency per unit.',
    }),
    freeAllowance: t.int({
      required: false,
      description: 'Free units per calling organization per calendar month.',
    }),
  }),
});

const CreditAdjustmentPayload = builder
  .objectRef<{ balanceMicros: bigint }>('CreditAdjustmentPayload')
  .implement({
    description: 'The result of a credit adjustment.',
    fields: (t) => ({
      balanceMicros: t.expose('balanceMicros', {
        type: 'BigInt',
        description: 'The organization’s credit after the adjustment, in micro-units of USD.',
      }),
    }),
  });

builder.queryField('billingMode', (t) =>
  t.string({
    description:
      '"stripe" when top-ups and invoices go through Stripe, "ledger-only" when Stripe is not configured.',
    resolve: (_r, _a, ctx) => (ctx.services.stripe ? 'stripe' : 'ledger-only'),
  }),
);

builder.mutationFields((t) => ({
  createTopUpCheckout: t.field({
    type: TopUpPayload,
    description:
      'Starts a Stripe Checkout for credit (1 to 10,000 USD in whole cents); the credit lands when Stripe confirms the payment. Needs billing.manage. SERVICE_UNAVAILABLE in ledger-only mode.',
    args: {
      amountMicros: t.arg({ type: 'BigInt', required: true }),
      successUrl: t.arg.string({ required: true }),
      cancelUrl: t.arg.string({ required: true }),
    },
    resolve: async (_r, args, ctx) => {
      const caller = requirePermission(ctx.principal, 'billing.manage');
      if (!ctx.services.stripe) {
        throw new AppError(
          'SERVICE_UNAVAILABLE',
          'billing runs ledger-only: Stripe is not configured',
          {
            reason: 'STRIPE_NOT_CONFIGURED',
          },
        );
      }
      const checkout = await ctx.services.stripe.createTopUpCheckout(ctx.services.db, {
        organizationId: caller.organizationId,
        amountMicros: args.amountMicros,
        successUrl: args.successUrl,
        cancelUrl: args.cancelUrl,
      });
      return { checkoutUrl: checkout.url, sessionId: checkout.sessionId };
    },
  }),
  changePrice: t.field({
    type: ModelVersionRef,
    description:
      'Changes a published version’s price from now on (usage before keeps its price); audited. Needs models.publish.',
    args: {
      versionId: t.arg.id({ required: true }),
      price: t.arg({ type: ChangePriceInput, required: true }),
    },
    resolve: async (_r, { versionId, price }, ctx) => {
      const caller = requirePermission(requireUser(ctx.principal), 'models.publish');
      const modelVersionId = localIdOf(String(versionId), 'ModelVersion', 'model version');
      await changePrice(ctx.services.db, {
        organizationId: caller.organizationId,
        modelVersionId,
        price: {
          unit: price.unit,
          amountMicros: price.amountMicros,
          ...(price.freeAllowance != null ? { freeAllowance: price.freeAllowance } : {}),
        },
        actorUserId: caller.userId,
      });
      return ctx.db.modelVersion.findUniqueOrThrow({ where: { id: modelVersionId } });
    },
  }),
  setMonthlySpendLimit: t.field({
    type: OrganizationRef,
    description:
      'Sets (or with null removes) the organization’s monthly spend limit, in micro-units; audited. Needs billing.manage.',
    args: { limitMicros: t.arg({ type: 'BigInt', required: false }) },
    resolve: async (_r, { limitMicros }, ctx) => {
      const caller = requirePermission(ctx.principal, 'billing.manage');
      if (limitMicros != null && (limitMicros < 0n || limitMicros > MAX_SPEND_LIMIT_MICROS)) {
        throw new AppError('BAD_USER_INPUT', 'the limit must be 0 to 1,000,000,000 USD', {
          field: 'limitMicros',
        });
      }
      return ctx.tenant(async (tx) => {
        const before = await tx.organization.findUniqueOrThrow({
          where: { id: caller.organizationId },
        });
        const updated = await tx.organization.update({
          where: { id: caller.organizationId },
          data: { monthlySpendLimitMicros: limitMicros ?? null },
        });
        await recordAudit(tx, ctx, {
          organizationId: caller.organizationId,
          action: 'billing.spendLimit.update',
          target: { type: 'Organization', id: caller.organizationId },
          metadata: {
            from: before.monthlySpendLimitMicros?.toString() ?? null,
            to: limitMicros?.toString() ?? null,
          },
        });
        return updated;
      });
    },
  }),
  adjustCredit: t.field({
    type: CreditAdjustmentPayload,
    description:
      'Adds (or with a negative amount removes) credit of any organization, with a reason; audited. Platform administrators only.',
    args: {
      organizationId: t.arg.id({ required: true }),
      amountMicros: t.arg({ type: 'BigInt', required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: async (_r, args, ctx) => {
      const user = requireUser(ctx.principal);
      const actor = await ctx.services.db.user.findUniqueOrThrow({ where: { id: user.userId } });
      if (!actor.isPlatformAdmin) {
        throw new AppError('FORBIDDEN', 'only platform administrators adjust credit');
      }
      const adjusted = await adjustCredit(ctx.services.db, {
        organizationId: localIdOf(String(args.organizationId), 'Organization', 'organization'),
        amountMicros: args.amountMicros,
        reason: args.reason,
        actorUserId: user.userId,
      });
      return { balanceMicros: adjusted.balanceMicros };
    },
  }),
}));
