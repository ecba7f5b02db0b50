// The committed src/lib/generated/graphql.ts must be what graphql-codegen makes of the api's
// current schema.graphql and the portal's operations now; otherwise the types the GraphQL client
// checks requests against have drifted. Regenerates in memory, formatted as `npm run codegen`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import config, { GENERATED_FILE } from '../../../codegen';

const appDir = path.join(import.meta.dirname, '..', '..', '..');

describe('src/lib/generated/graphql.ts', () => {
  it('is up to date (run `npm run codegen -w @modelhub/web` after changing the schema or a query)', async () => {
    const outputs = (await generate({ ...config, cwd: appDir, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.map((o) => o.filename)).toEqual([GENERATED_FILE]);
    const target = path.join(appDir, GENERATED_FILE);
    const options = await prettier.resolveConfig(target);
    const regenerated = await prettier.format(outputs[0]!.content, {
      ...options,
      filepath: target,
    });
    expect(regenerated).toBe(await readFile(target, 'utf8'));
  }, 60_000);
});
