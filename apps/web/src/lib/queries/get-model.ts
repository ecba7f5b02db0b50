import { cache } from 'react';
import { z } from 'zod';
import { graphqlClient, type GraphqlClient } from '@/lib/graphql-client';
import { modelDetailSchema, type ModelDetail } from '@/lib/model-schemas';
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

/** Organization and model slugs as they may appear in a URL. */
const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function isValidModelRef(org: string, slug: string): boolean {
  return SLUG_PATTERN.test(org) && SLUG_PATTERN.test(slug);
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

/** `getModel` deduplicated per request, for the page and its metadata. */
export const getModelCached = cache((ref: string) => getModel(ref));
