// An organization's ledger, newest first, in Relay-style pages: `first` entries after an opaque
// cursor. The cursor pins (createdAt, id), so entries written meanwhile never shift a page.
import type { LedgerEntry, Tx } from '@modelhub/db';
import { z } from 'zod';
import { BillingError } from './billing-error.ts';
import { parseInput } from './parse-input.ts';
import { balanceOf } from './usage-recorder.ts';

const schema = z.strictObject({
  first: z.int().min(1).max(100).default(20),
  after: z.string().min(1).max(200).nullish(),
});

export type LedgerPageInput = z.input<typeof schema>;

export interface LedgerPage {
  edges: { cursor: string; node: LedgerEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** the balance now: the sum of all entries, not only this page's */
  balanceMicros: bigint;
}

export async function ledger(
  tx: Tx,
  organizationId: string,
  input: LedgerPageInput = {},
): Promise<LedgerPage> {
  const { first, after } = parseInput(schema, input, 'ledger page');
  const cursor = after ? decodeCursor(after) : null;
  const rows = await tx.ledgerEntry.findMany({
    where: {
      organizationId,
      ...(cursor
        ? {
            OR: [
              { createdAt: { lt: cursor.createdAt } },
              { createdAt: cursor.createdAt, id: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: first + 1,
  });
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    balanceMicros: await balanceOf(tx, organizationId),
  };
}

function encodeCursor(entry: Pick<LedgerEntry, 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([entry.createdAt.toISOString(), entry.id])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id === 'string' && id && !Number.isNaN(createdAt.getTime())) {
      return { createdAt, id };
    }
  } catch {
    // falls through to the typed error
  }
  throw new BillingError('INVALID_INPUT', 'after is not a cursor of this ledger', {
    field: 'after',
  });
}
