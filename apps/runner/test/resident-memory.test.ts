import { describe, expect, it } from 'vitest';
import { measureResidentGrowth } from '../src/resident-memory.ts';

describe('measureResidentGrowth', () => {
  it('sees memory the work allocates and touches', async () => {
    const size = 64 * 1024 * 1024;
    // Filled, so every page is resident; this large a buffer is its own fresh mapping.
    const { result, grownBytes } = await measureResidentGrowth(async () => Buffer.alloc(size, 1));
    expect(result.length).toBe(size);
    expect(grownBytes).toBeGreaterThanOrEqual(size * 0.9);
  });
});
