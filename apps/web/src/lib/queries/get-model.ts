import { cache } from 'react';
import { z } from 'zod';
import { graphqlClient, type GraphqlClient } from '@/lib/graphql-client';
import { pageGraphqlClient } from '@/lib/portal-api';
import { modelDetailSchema, type ModelDetail } from '@/lib/model-schemas';
import { isValidSlug } from '@/lib/slug';
import { VERSION_FIELDS } from './version-fields';

export const MODEL_QUERY = /* GraphQL */ `
  ${VERSION_FIELDS}
  query Model($ref: String!) {
    model(ref: $ref) {
      id
      fullName
      name
      summary
      description
      task
      license
      tags
      publisher {
        slug
        name
      }
      versions(first: 20) {
        edges {
          node {
            ...VersionFields
            sha256
            sizeBytes
          }
        }
      }
    }
  }
`;

const modelDataSchema = z.object({ model: modelDetailSchema.nullable() });

export function isValidModelRef(org: string, slug: string): boolean {
  return isValidSlug(org) && isValidSlug(slug);
}

/** One model by `org/slug`, or null when it does not exist or is not visible to us. */
export async function getModel(
  ref: string,
  client: GraphqlClient = graphqlClient,
): Promise<ModelDetail | null> {
  const data = await client.request(
    { query: MODEL_QUERY, operationName: 'Model', variables: { ref } },
    modelDataSchema,
  );
  return data.model;
}

/** `getModel` for the person being served, deduplicated per request (page and metadata). */
export const getModelCached = cache(async (ref: string) =>
  getModel(ref, await pageGraphqlClient()),
);
