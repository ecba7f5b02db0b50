import { describe, expect, it } from 'vitest';
import { PerKeyQueue } from './per-key-queue.ts';

describe('PerKeyQueue', () => {
  it('runs one key’s tasks in order, one at a time, and other keys alongside', async () => {
    const queue = new PerKeyQueue();
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a1 = queue.run('a', async () => {
      events.push('a1 start');
      await gate;
      events.push('a1 end');
    });
    const a2 = queue.run('a', async () => {
      events.push('a2');
    });
    const b1 = queue.run('b', async () => {
      events.push('b1');
    });
    await b1;
    expect(events).toEqual(['a1 start', 'b1']);
    release();
    await Promise.all([a1, a2]);
    expect(events).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('goes on after a failing task and passes its error to its caller only', async () => {
    const queue = new PerKeyQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 42);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });
});
