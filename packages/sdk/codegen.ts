// graphql-codegen: TypeScript types and typed documents for the operations in src/operations,
// checked against the api's committed schema. `npm run codegen -w @modelhub/sdk` writes
// src/generated/graphql.ts; test/generated-types.test.ts fails when that file is out of date.
import type { CodegenConfig } from '@graphql-codegen/cli';

export const GENERATED_FILE = 'src/generated/graphql.ts';

const config: CodegenConfig = {
  schema: '../../apps/api/schema.graphql',
  documents: ['src/operations/*.graphql'],
  generates: {
    [GENERATED_FILE]: {
      // typescript-operations 6 emits the enums and inputs the operations use by itself.
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        // The api serialises these scalars as JSON strings and values; the SDK converts money
        // and sizes to bigint where it hands them out.
        scalars: {
          BigInt: 'string',
          DateTime: 'string',
          JSON: 'unknown',
        },
        strictScalars: true,
        enumsAsTypes: true,
        skipTypename: true,
        useTypeImports: true,
        dedupeFragments: true,
        documentMode: 'string',
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
