import { z } from 'zod';
import type { CatalogSort, CatalogTask } from '@/lib/catalog/catalog-url-state';
import { graphqlClient, type GraphqlClient } from '@/lib/graphql-client';
import { pageInfoSchema, type PageInfo } from '@/lib/identity-schemas';
import { catalogModelSchema, type CatalogModel } from '@/lib/model-schemas';
import { VERSION_FIELDS } from './version-fields';

export const CATALOG_QUERY = /* GraphQL */ `
  ${VERSION_FIELDS}
  query Catalog(
    $first: Int!
    $after: String
    $query: String
    $task: ModelTask
    $tags: [String!]
    $sort: CatalogSort
  ) {
    models(first: $first, after: $after, query: $query, task: $task, tags: $tags, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
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
          callsLast30Days
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
    pageInfo: pageInfoSchema,
    edges: z.array(z.object({ node: catalogModelSchema })),
  }),
});

export interface Catalog {
  totalCount: number;
  models: CatalogModel[];
  pageInfo: PageInfo;
}

export interface GetCatalogOptions {
  first: number;
  /** Free-text filter; blank means no filter. */
  query?: string | undefined;
  task?: CatalogTask | undefined;
  /** A model must carry every one of them; empty means no filter. */
  tags?: readonly string[] | undefined;
  sort?: CatalogSort | undefined;
  after?: string | undefined;
}

/** One page of the catalog, filtered and sorted as asked. */
export async function getCatalog(
  { first, query, task, tags, sort, after }: GetCatalogOptions,
  client: GraphqlClient = graphqlClient,
): Promise<Catalog> {
  const text = query?.trim();
  const data = await client.request(
    {
      query: CATALOG_QUERY,
      operationName: 'Catalog',
      variables: {
        first,
        after: after ?? null,
        query: text ? text : null,
        task: task ?? null,
        tags: tags && tags.length > 0 ? [...tags] : null,
        sort: sort ?? null,
      },
    },
    catalogDataSchema,
  );
  return {
    totalCount: data.models.totalCount,
    models: data.models.edges.map((edge) => edge.node),
    pageInfo: data.models.pageInfo,
  };
}
