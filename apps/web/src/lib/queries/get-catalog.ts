import { z } from 'zod';
import { graphqlClient, type GraphqlClient } from '@/lib/graphql-client';
import { catalogModelSchema, type CatalogModel } from '@/lib/model-schemas';
import { VERSION_FIELDS } from './version-fields';

export const CATALOG_QUERY = /* GraphQL */ `
  ${VERSION_FIELDS}
  query Catalog($first: Int!, $query: String) {
    models(first: $first, query: $query) {
      totalCount
      edges {
        node {
          id
          slug
          fullName
          name
          summary
          task
          license
          tags
          publisher {
            slug
            name
          }
          latestVersion {
            ...VersionFields
          }
        }
      }
    }
  }
`;

const catalogDataSchema = z.object({
  models: z.object({
    totalCount: z.number().int().nonnegative(),
    edges: z.array(z.object({ node: catalogModelSchema })),
  }),
});

export interface Catalog {
  totalCount: number;
  models: CatalogModel[];
}

export interface GetCatalogOptions {
  first: number;
  /** Free-text filter; blank means no filter. */
  query?: string | undefined;
}

/** Public models of the catalog, optionally filtered by a free-text query. */
export async function getCatalog(
  { first, query }: GetCatalogOptions,
  client: GraphqlClient = graphqlClient,
): Promise<Catalog> {
  const text = query?.trim();
  const data = await client.request(
    {
      query: CATALOG_QUERY,
      operationName: 'Catalog',
      variables: { first, query: text ? text : null },
    },
    catalogDataSchema,
  );
  return { totalCount: data.models.totalCount, models: data.models.edges.map((edge) => edge.node) };
}
