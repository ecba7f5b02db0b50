// The committed src/generated/graphql.ts must be what graphql-codegen makes of the api's current
// schema.graphql and src/operations now; otherwise the SDK's types (or its operations) have
// drifted from the api. Regenerates in memory, formatted as `npm run codegen` formats it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import config, { GENERATED_FILE } from '../codegen.ts';

const packageDir = path.join(import.meta.dirname, '..');

describe('src/generated/graphql.ts', () => {
  it('is up to date (run `npm run codegen -w @modelhub/sdk` after changing the schema or operations)', async () => {
    const outputs = (await generate({ ...config, cwd: packageDir, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.map((o) => o.filename)).toEqual([GENERATED_FILE]);
    const target = path.join(packageDir, GENERATED_FILE);
    const options = await prettier.resolveConfig(target);
    const regenerated = await prettier.format(outputs[0]!.content, {
      ...options,
      filepath: target,
    });
    const committed = await readFile(target, 'utf8');
    expect(regenerated).toBe(committed);
  }, 60_000);
});
