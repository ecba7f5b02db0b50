// `npm run schema:print -w @modelhub/api`: writes the GraphQL SDL to apps/api/schema.graphql.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printApiSchema } from '../graphql/schema.ts';

const target = path.join(import.meta.dirname, '..', '..', 'schema.graphql');
await writeFile(target, printApiSchema());
console.warn(`wrote ${target}`);
