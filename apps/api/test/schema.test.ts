import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../src/index.ts';

describe('schema.graphql', () => {
  it('is the printed schema (run `npm run schema:print -w @modelhub/api` after changing it)', async () => {
    const committed = await readFile(
      path.join(import.meta.dirname, '..', 'schema.graphql'),
      'utf8',
    );
    expect(printApiSchema()).toBe(committed);
  });
});
