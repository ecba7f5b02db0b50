import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import {
  publisherModelSchema,
  publisherModelSummarySchema,
  type PublisherModel,
  type PublisherModelSummary,
} from '@/lib/publishing/publishing-schemas';

/**
 * The organization's own models: the catalog filtered by publisher shows its drafts too. Only
 * the versions' status here: the api's query cost limit grows with nesting, and the list needs
 * no signatures.
 */
export const PUBLISHER_MODELS_QUERY = /* GraphQL */ `
  query PublisherModels($publisher: String!, $first: Int!) {
    models(publisher: $publisher, first: $first, sort: NAME) {
      totalCount
      edges {
        node {
          id
          slug
          fullName
          name
          task
          visibility
          createdAt
          versions(first: 50) {
            edges {
              node {
                status
              }
            }
          }
        }
      }
    }
  }
`;

/**
 * One own model as its publisher manages it: the card, visibility and the newest versions with
 * their state, signature and price. Written out (no fragments) and limited to 20 versions: the
 * api's query cost limit counts both.
 */
export const PUBLISHER_MODEL_QUERY = /* GraphQL */ `
  query PublisherModel($ref: String!) {
    model(ref: $ref) {
      id
      slug
      fullName
      name
      summary
      description
      task
      license
      tags
      visibility
      createdAt
      versions(first: 20) {
        edges {
          node {
            id
            version
            status
            sha256
            sizeBytes
            opset
            producer
            parameterCount
            publishedAt
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
          }
        }
      }
    }
  }
`;

/** The most models the list shows; an organization with more pages through the catalog. */
export const PUBLISHER_MODELS_LIMIT = 100;

const modelsDataSchema = z.object({
  models: z.object({
    totalCount: z.number().int(),
    edges: z.array(z.object({ node: publisherModelSummarySchema })),
  }),
});

export async function getPublisherModels(
  publisher: string,
  client: GraphqlClient,
): Promise<{ models: PublisherModelSummary[]; totalCount: number }> {
  const data = await client.request(
    {
      query: PUBLISHER_MODELS_QUERY,
      operationName: 'PublisherModels',
      variables: { publisher, first: PUBLISHER_MODELS_LIMIT },
    },
    modelsDataSchema,
  );
  return {
    models: data.models.edges.map((edge) => edge.node),
    totalCount: data.models.totalCount,
  };
}

/** One of the organization's models by `org/slug`; null when it does not exist. */
export async function getPublisherModel(
  ref: string,
  client: GraphqlClient,
): Promise<PublisherModel | null> {
  const data = await client.request(
    { query: PUBLISHER_MODEL_QUERY, operationName: 'PublisherModel', variables: { ref } },
    z.object({ model: publisherModelSchema.nullable() }),
  );
  return data.model;
}
