// Which price a call pays: the version's price row whose [effectiveFrom, effectiveTo) holds the
// moment the call started. A change closes one row and opens the next at the same instant, so
// exactly one row is in force at any time after publication.
import type { Price, Tx } from '@modelhub/db';

export async function priceInForce(
  tx: Tx,
  modelVersionId: string,
  at: Date = new Date(),
): Promise<Price | null> {
  return tx.price.findFirst({
    where: {
      modelVersionId,
      effectiveFrom: { lte: at },
      OR: [{ effectiveTo: null }, { effectiveTo: { gt: at } }],
    },
    orderBy: { effectiveFrom: 'desc' },
  });
}
