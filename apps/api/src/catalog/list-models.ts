// The catalog as a caller may see it: public models plus their own organization's, each with at
// least one published version. Full-text search (PostgreSQL, weighted name and tags > summary >
// card), filters on task, tags, publisher and price, and sorts by relevance, use in the last
// 30 days, newest or name.
import { Prisma, type Db, type ModelTask, type Tx } from '@modelhub/db';

export const CATALOG_SORTS = ['RELEVANCE', 'MOST_USED', 'NEWEST', 'NAME'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export interface ListModelsInput {
  viewerOrganizationId: string | null;
  query?: string | null;
  task?: ModelTask | null;
  /** every one of these tags */
  tags?: readonly string[] | null;
  /** the publisher's organization slug */
  publisher?: string | null;
  /** bounds on the current price of the newest published version, in micro-units */
  minPriceMicros?: bigint | null;
  maxPriceMicros?: bigint | null;
  /** default: RELEVANCE with a query, else NAME */
  sort?: CatalogSort | null;
  offset: number;
  limit: number;
}

export const USAGE_WINDOW_DAYS = 30;

/** Lookups by reference or id: public models with a published version, and all of one's own. */
export function visibleModelsWhere(viewerOrganizationId: string | null): Prisma.ModelWhereInput {
  return {
    OR: [
      { visibility: 'PUBLIC', versions: { some: { status: 'PUBLISHED' } } },
      ...(viewerOrganizationId ? [{ organizationId: viewerOrganizationId }] : []),
    ],
  };
}

const DOCUMENT = Prisma.sql`app_model_search_document(m.name, m.summary, m.description, m.tags)`;

/** Ids of one page of matching models, in order, and how many match in all. */
export async function searchModelIds(
  tx: Tx,
  input: ListModelsInput,
): Promise<{ ids: string[]; totalCount: number }> {
  const q = input.query?.trim() || null;
  const tsQuery = q ? Prisma.sql`websearch_to_tsquery('english', ${q})` : null;
  const where: Prisma.Sql[] = [
    input.viewerOrganizationId
      ? Prisma.sql`(m.visibility = 'PUBLIC' OR m."organizationId" = ${input.viewerOrganizationId})`
      : Prisma.sql`m.visibility = 'PUBLIC'`,
  ];
  if (input.task) where.push(Prisma.sql`m.task = ${input.task}::"ModelTask"`);
  const tags = (input.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (tags.length) where.push(Prisma.sql`m.tags @> ${tags}::text[]`);
  if (input.publisher) where.push(Prisma.sql`o.slug = ${input.publisher}`);
  if (input.minPriceMicros != null)
    where.push(Prisma.sql`price."amountMicros" >= ${input.minPriceMicros}`);
  if (input.maxPriceMicros != null)
    where.push(Prisma.sql`price."amountMicros" <= ${input.maxPriceMicros}`);
  if (tsQuery) where.push(Prisma.sql`${DOCUMENT} @@ ${tsQuery}`);

  const sort = input.sort ?? (q ? 'RELEVANCE' : 'NAME');
  const orderBy =
    sort === 'RELEVANCE' && tsQuery
      ? Prisma.sql`ts_rank(${DOCUMENT}, ${tsQuery}) DESC, m.name ASC`
      : sort === 'MOST_USED'
        ? Prisma.sql`coalesce(usage.calls, 0) DESC, m.name ASC`
        : sort === 'NEWEST'
          ? Prisma.sql`latest."publishedAt" DESC NULLS LAST`
          : Prisma.sql`m.name ASC`;

  const rows = await tx.$queryRaw<{ id: string; total: bigint }[]>`
    WITH latest AS (
      SELECT DISTINCT ON (v."modelId") v."modelId", v.id AS "versionId", v."publishedAt"
      FROM "ModelVersion" v
      WHERE v.status = 'PUBLISHED'
      ORDER BY v."modelId", v."publishedAt" DESC NULLS LAST
    )
    SELECT m.id, count(*) OVER () AS total
    FROM "Model" m
    JOIN latest ON latest."modelId" = m.id
    JOIN "Organization" o ON o.id = m."organizationId"
    LEFT JOIN app_model_usage_counts(now() - make_interval(days => ${USAGE_WINDOW_DAYS})) usage
      ON usage."modelId" = m.id
    LEFT JOIN LATERAL (
      SELECT p."amountMicros" FROM "Price" p
      WHERE p."modelVersionId" = latest."versionId" AND p."effectiveTo" IS NULL
      ORDER BY p."effectiveFrom" DESC LIMIT 1
    ) price ON true
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${orderBy}, m.id
    OFFSET ${input.offset} LIMIT ${input.limit}`;
  return { ids: rows.map((r) => r.id), totalCount: Number(rows[0]?.total ?? 0) };
}

/** Calls per model in the last 30 days, every consumer counted. */
export async function modelUsageCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ modelId: string; calls: bigint }[]>`
    SELECT "modelId", calls
    FROM app_model_usage_counts(now() - make_interval(days => ${USAGE_WINDOW_DAYS}))`;
  return new Map(rows.map((r) => [r.modelId, Number(r.calls)]));
}
