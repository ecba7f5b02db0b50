// A platform admin's manual credit (positive) or debit (negative): one ADJUSTMENT ledger entry
// and its audit record, in one transaction. The caller checks the platform-admin permission.
// A negative adjustment may take a balance below zero; prepaid calls then answer
// PAYMENT_REQUIRED until it is topped up again.
import { withTenant, type Db, type LedgerEntry } from '@modelhub/db';
import { z } from 'zod';
import { BillingError } from './billing-error.ts';
import { parseInput } from './parse-input.ts';
import { lockOrganizationBilling } from './spend-guard.ts';
import { balanceOf } from './usage-recorder.ts';

/** 1,000,000 USD: a larger correction is a mistake in units */
const MAX_ADJUSTMENT_MICROS = 1_000_000n * 1_000_000n;

const schema = z.strictObject({
  organizationId: z.string().min(1),
  amountMicros: z
    .bigint()
    .min(-MAX_ADJUSTMENT_MICROS)
    .max(MAX_ADJUSTMENT_MICROS)
    .refine((v) => v !== 0n, 'must not be zero'),
  reason: z.string().trim().min(3).max(500),
  actorUserId: z.string().min(1),
});

export type AdjustCreditInput = z.input<typeof schema>;

export interface CreditAdjustment {
  ledgerEntry: LedgerEntry;
  balanceMicros: bigint;
}

export async function adjustCredit(db: Db, input: AdjustCreditInput): Promise<CreditAdjustment> {
  const { organizationId, amountMicros, reason, actorUserId } = parseInput(
    schema,
    input,
    'credit adjustment',
  );
  return withTenant(db, organizationId, async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: organizationId } });
    if (!org) throw new BillingError('NOT_FOUND', `organization '${organizationId}' not found`);
    // Ordered with charges, so the balances in the audit record are exact.
    await lockOrganizationBilling(tx, organizationId);
    const before = await balanceOf(tx, organizationId);
    const ledgerEntry = await tx.ledgerEntry.create({
      data: {
        organizationId,
        kind: 'ADJUSTMENT',
        amountMicros,
        description: reason,
        createdById: actorUserId,
      },
    });
    const balanceMicros = before + amountMicros;
    await tx.auditLog.create({
      data: {
        organizationId,
        actorUserId,
        action: 'credit.adjust',
        targetType: 'LedgerEntry',
        targetId: ledgerEntry.id,
        metadata: {
          amountMicros: amountMicros.toString(),
          reason,
          balanceBeforeMicros: before.toString(),
          balanceAfterMicros: balanceMicros.toString(),
        },
      },
    });
    return { ledgerEntry, balanceMicros };
  });
}
