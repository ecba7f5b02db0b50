import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { ApiContext } from '../context.ts';

export const builder = new SchemaBuilder<{
  Context: ApiContext;
  DefaultFieldNullability: false;
  Scalars: {
    BigInt: { Input: bigint; Output: bigint };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    idFieldOptions: {
      description:
        'The Relay global id: an opaque string, unique across all types, that `node(id:)` fetches.',
    },
    nodeTypeOptions: {
      description: 'An object with a Relay global id, which `node` and `nodes` fetch.',
    },
    nodeQueryOptions: {
      description:
        'Fetches any object by its Relay global id; null when it does not exist or is not visible to the caller.',
    },
    nodesQueryOptions: {
      description:
        'Fetches objects by their Relay global ids, in the order given; null for each one that does not exist or is not visible to the caller.',
    },
    pageInfoTypeOptions: {
      description:
        'Where a page of a connection lies in the whole list, and the cursors to page on.',
    },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items come before this page.' },
    startCursorFieldOptions: {
      description:
        'The cursor of the first item on this page, to pass as `before`; null when the page is empty.',
    },
    endCursorFieldOptions: {
      description:
        'The cursor of the last item on this page, to pass as `after`; null when the page is empty.',
    },
    edgesFieldOptions: { description: 'The items on this page, in order, each with its cursor.' },
    pageInfoFieldOptions: {
      description: 'Whether more pages exist, and the cursors to fetch them.',
    },
    cursorFieldOptions: {
      description: 'An opaque position of this item in the list, to pass as `after` or `before`.',
    },
    nodeFieldOptions: { description: 'The item at this position.' },
  },
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

builder.scalarType('DateTime', {
  description:
    'A point in time, as an ISO 8601 string with a time zone (e.g. 2026-11-22T10:00:00Z).',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date =
      typeof value === 'string' && /\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime()))
      throw new TypeError('DateTime must be an ISO 8601 string such as 2026-11-22T10:00:00Z');
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.queryType({ description: 'Read the catalog and the caller’s own organization.' });
builder.mutationType({
  description: 'Run models, manage accounts, organizations and API keys.',
});
