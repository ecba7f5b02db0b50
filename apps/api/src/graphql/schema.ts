// Assembles the schema: each types/ file registers its types and fields on the builder.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './types/enums.ts';
import './types/organization.ts';
import './types/model-version.ts';
import './types/model.ts';
import './types/prediction.ts';
import './types/async-predictions.ts';
import './types/access.ts';
import './types/organization-members.ts';
import './types/access-mutations.ts';
import './types/pipelines.ts';
import './types/publishing.ts';
import './types/billing.ts';
import './types/viewer.ts';
import './types/platform-admin.ts';

export const schema: GraphQLSchema = builder.toSchema();

/** The SDL committed as apps/api/schema.graphql. */
export function printApiSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
