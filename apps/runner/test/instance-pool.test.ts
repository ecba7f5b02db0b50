import { describe, expect, it } from 'vitest';
import { InstancePool } from '../src/instance-pool.ts';

/** a promise settled from outside, so the test decides when each piece of work ends */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('InstancePool', () => {
  it('runs at most one piece of work per instance and serves waiters in arrival order', async () => {
    const pool = new InstancePool(['a', 'b']);
    const gates = Array.from({ length: 5 }, deferred);
    const started: { job: number; instance: string; busy: number }[] = [];
    const jobs = gates.map((gate, job) =>
      pool.use(async (instance, lease) => {
        started.push({ job, instance, busy: lease.busy });
        await gate.promise;
        return job;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started.map((s) => s.job)).toEqual([0, 1]);
    expect(pool.busy).toBe(2);

    gates[1]!.resolve();
    await new Promise((r) => setImmediate(r));
    // job 1 gave its instance straight to the oldest waiter
    expect(started.map((s) => s.job)).toEqual([0, 1, 2]);
    expect(started[2]!.instance).toBe(started[1]!.instance);
    expect(pool.busy).toBe(2);

    for (const gate of gates) gate.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4]);
    expect(started.map((s) => s.job)).toEqual([0, 1, 2, 3, 4]);
    expect(Math.max(...started.map((s) => s.busy))).toBe(2);
    expect(pool.busy).toBe(0);
  });

  it('gives an instance back when the work fails', async () => {
    const pool = new InstancePool(['only']);
    await expect(
      pool.use(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(pool.busy).toBe(0);
    expect(await pool.use(async (instance) => instance)).toBe('only');
  });

  it('needs at least one instance', () => {
    expect(() => new InstancePool([])).toThrow(RangeError);
  });
});
