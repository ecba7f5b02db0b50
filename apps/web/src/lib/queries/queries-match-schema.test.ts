// The portal's queries against the api's committed schema (apps/api/schema.graphql, itself
// checked against the running schema by the api's tests): a renamed field fails here, not in a
// browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CATALOG_QUERY } from './get-catalog';
import { MODEL_QUERY } from './get-model';

const schema = buildSchema(
  readFileSync(
    path.join(import.meta.dirname, '..', '..', '..', '..', 'api', 'schema.graphql'),
    'utf8',
  ),
);

describe('portal queries', () => {
  it.each([
    ['Catalog', CATALOG_QUERY],
    ['Model', MODEL_QUERY],
  ])('%s is valid against the api schema', (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });
});
