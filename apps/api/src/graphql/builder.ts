import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { ApiContext } from '../context.ts';

export const builder = new SchemaBuilder<{
  Context: ApiContext;
  DefaultFieldNullability: false;
  Scalars: {
    BigInt: { Input: bigint; Output: bigint };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: { clientMutationId: 'omit', cursorType: 'String' },
});

builder.scalarType('BigInt', {
  description:
    'An integer of any size, sent as a decimal string. Money is always a BigInt of micro-units of its currency (1 USD = 1000000).',
  serialize: (value) => value.toString(),
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^-?\d{1,30}$/.test(value))
      throw new TypeError('BigInt must be a decimal string');
    return BigInt(value);
  },
});

builder.queryType({ description: 'Read the catalog and the caller’s own organization.' });
builder.mutationType({ description: 'Run models.' });
