import { cache } from 'react';
import { z } from 'zod';
import { graphqlClient, type GraphqlClient } from '@/lib/graphql-client';
import { pageGraphqlClient } from '@/lib/portal-api';
import { modelDetailSchema, type ModelDetail } from '@/lib/model-schemas';
import { isValidSlug } from '@/lib/slug';

/**
 * The version fields are written out rather than spread from VersionFields: the api prices a
 * fragment spread as one more level of depth (graphql-armor's cost limit, 5,000), and this
 * query, with 20 versions' signatures and evaluations, would exceed it that way.
 */
export const MODEL_QUERY = /* GraphQL */ `
  query Model($ref: String!, $usageDays: Int!) {
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
            version
            status
            inputs {
              name
              datatype
              shape
            }
            outputs {
              name
              datatype
              shape
            }
            prices {
              unit
              amountMicros
              currency
              freeAllowance
            }
            sha256
            sizeBytes
            runtimeConfig
            evaluationResults {
              dataset
              metric
              value
              method
              measuredAt
            }
          }
        }
      }
      dailyCalls(days: $usageDays) {
        day
        calls
      }
    }
  }
`;

/** The days of the usage chart on the model page. */
export const MODEL_USAGE_DAYS = 30;

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
    { query: MODEL_QUERY, operationName: 'Model', variables: { ref, usageDays: MODEL_USAGE_DAYS } },
    modelDataSchema,
  );
  return data.model;
}

/** `getModel` for the person being served, deduplicated per request (page and metadata). */
export const getModelCached = cache(async (ref: string) =>
  getModel(ref, await pageGraphqlClient()),
);
