import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildSchema,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../src/index.ts';

/** Types, and fields of object, interface and input types, that have no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const [name, type] of Object.entries(schema.getTypeMap())) {
    if (name.startsWith('__')) continue;
    if (!type.description) missing.push(name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${name}.${field.name}`);
      }
    }
  }
  return missing;
}

describe('schema.graphql', () => {
  it('is the printed schema (run `npm run schema:print -w @modelhub/api` after changing it)', async () => {
    const committed = await readFile(
      path.join(import.meta.dirname, '..', 'schema.graphql'),
      'utf8',
    );
    expect(printApiSchema()).toBe(committed);
  });

  it('describes every type and field', () => {
    expect(undescribed(buildSchema(printApiSchema()))).toEqual([]);
  });

  it('gives every synchronous call result the CallResult fields', () => {
    const schema = buildSchema(printApiSchema());
    const callResult = schema.getType('CallResult');
    if (!isInterfaceType(callResult)) throw new Error('CallResult is not an interface');
    const results = ['predict', 'predictImage', 'recognizeText'].map((name) =>
      schema.getMutationType()!.getFields()[name]!.type.toString().replace('!', ''),
    );
    expect(
      schema
        .getImplementations(callResult)
        .objects.map((o) => o.name)
        .sort(),
    ).toEqual(results.sort());
  });
});
