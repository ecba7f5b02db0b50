// graphql-codegen: TypeScript types of every GraphQL operation the portal sends (found in
// src/lib by their `/* GraphQL */` template strings), checked against the api's committed
// schema. `npm run codegen -w @modelhub/web` writes src/lib/generated/graphql.ts; the GraphQL
// client types each request's variables from it, and src/lib/generated/generated-types.test.ts
// fails when the file is out of date. Responses are validated at run time by zod schemas.
import type { CodegenConfig } from '@graphql-codegen/cli';

export const GENERATED_FILE = 'src/lib/generated/graphql.ts';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/lib/**/*.ts', '!src/lib/**/*.test.ts', `!${GENERATED_FILE}`],
  generates: {
    [GENERATED_FILE]: {
      plugins: ['typescript-operations', './codegen/operation-variables-plugin.cjs'],
      config: {
        scalars: { BigInt: 'string', DateTime: 'string', JSON: 'unknown' },
        strictScalars: true,
        enumsAsTypes: true,
        skipTypename: true,
        useTypeImports: true,
        dedupeFragments: true,
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
