// The organization's turn for charging. Charges of one organization are serialized in the
// database (an advisory lock), and a transaction waiting on that lock holds a pooled connection;
// queueing them here first keeps a burst for one organization from taking every connection the
// other requests need. Plain calls that pile up while a charge commits are then charged together
// in one transaction (group commit, see @modelhub/billing's recordSucceededPredictionBatch), so
// the serialization costs one transaction per group rather than per call. Groups run raw SQL on
// a node-postgres pool of their own, which costs a fraction of Prisma's CPU per query; the rest
// (calls with an idempotency key, async predictions) run through Prisma.
import {
  BillingError,
  recordSucceededPredictionBatch,
  type RecordedUsage,
  type SucceededPrediction,
} from '@modelhub/billing';
import { withTenant, withTenantSql, type Db, type SqlPool, type Tx } from '@modelhub/db';

/** Long enough for a charge's turn to come under a burst: the model has already run. */
const CHARGE_WAIT_MS = 60_000;
const CHARGE_TRANSACTION = { timeout: CHARGE_WAIT_MS, maxWait: CHARGE_WAIT_MS };
/** `createSqlPool` options for the groups' pool. A few connections suffice: an organization's
 * groups run one at a time, so only those of different organizations overlap. */
export const CHARGE_POOL = { maxConnections: 4, timeoutMs: CHARGE_WAIT_MS };
const MAX_GROUP = 64;

type Task =
  | { kind: 'alone'; run: (tx: Tx) => Promise<unknown>; settle: Settle<unknown> }
  | { kind: 'grouped'; call: SucceededPrediction; settle: Settle<RecordedUsage> };

interface Settle<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class ChargeQueue {
  private readonly waiting = new Map<string, Task[]>();

  /** `pool`: the grouped charges' own (`CHARGE_POOL`), on the same database as `db` */
  constructor(
    private readonly db: Db,
    private readonly pool: SqlPool,
  ) {}

  /** Runs `fn` in a tenant transaction of its own, in the organization's turn. */
  alone<T>(organizationId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue(organizationId, {
        kind: 'alone',
        run: fn,
        settle: { resolve: resolve as (value: unknown) => void, reject },
      });
    });
  }

  /** Charges a call with no idempotency key, together with others waiting at the same time. */
  grouped(call: SucceededPrediction): Promise<RecordedUsage> {
    return new Promise<RecordedUsage>((resolve, reject) => {
      this.enqueue(call.organizationId, { kind: 'grouped', call, settle: { resolve, reject } });
    });
  }

  private enqueue(organizationId: string, task: Task) {
    const queue = this.waiting.get(organizationId);
    if (queue) {
      queue.push(task);
      return;
    }
    this.waiting.set(organizationId, [task]);
    void this.drain(organizationId);
  }

  /** Runs the organization's tasks until none is left: one alone, or a group of plain calls. */
  private async drain(organizationId: string) {
    const queue = this.waiting.get(organizationId)!;
    while (queue.length > 0) {
      const first = queue[0]!;
      if (first.kind === 'alone') {
        queue.shift();
        await withTenant(this.db, organizationId, first.run, CHARGE_TRANSACTION).then(
          first.settle.resolve,
          first.settle.reject,
        );
        continue;
      }
      let size = 0;
      while (size < queue.length && size < MAX_GROUP && queue[size]!.kind === 'grouped') size++;
      const group = queue.splice(0, size) as Extract<Task, { kind: 'grouped' }>[];
      try {
        const outcomes = await withTenantSql(
          this.pool,
          organizationId,
          (tx) =>
            recordSucceededPredictionBatch(
              tx,
              group.map((task) => task.call),
            ),
          { billingLock: true },
        );
        group.forEach((task, i) => {
          const outcome = outcomes[i]!;
          if (outcome instanceof BillingError) task.settle.reject(outcome);
          else task.settle.resolve(outcome);
        });
      } catch (error) {
        for (const task of group) task.settle.reject(error);
      }
    }
    this.waiting.delete(organizationId);
  }
}
