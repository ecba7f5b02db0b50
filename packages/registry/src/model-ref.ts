// `org/model` (latest published version) or `org/model@1.2.0` (that version).
import type { Db, Model, ModelVersion, Organization, Price } from '@modelhub/db';

export interface ModelRef {
  orgSlug: string;
  modelSlug: string;
  version: string | null;
}

const SLUG = '[a-z0-9][a-z0-9-]{0,62}';
const REF_PATTERN = new RegExp(`^(${SLUG})/(${SLUG})(?:@([0-9A-Za-z.+-]{1,64}))?$`);

export function parseModelRef(ref: string): ModelRef | null {
  const match = REF_PATTERN.exec(ref);
  return match ? { orgSlug: match[1]!, modelSlug: match[2]!, version: match[3] ?? null } : null;
}

export type ResolvedModelVersion = ModelVersion & {
  model: Model & { organization: Organization };
  prices: Price[];
};

/**
 * The published (or deprecated, when asked for by number) version a ref names, with its model,
 * publisher and current price; null when there is none. Visibility is the caller's concern.
 */
export async function resolveModelVersion(
  db: Db,
  ref: ModelRef,
): Promise<ResolvedModelVersion | null> {
  const now = new Date();
  return db.modelVersion.findFirst({
    where: {
      model: { slug: ref.modelSlug, organization: { slug: ref.orgSlug } },
      ...(ref.version
        ? { version: ref.version, status: { in: ['PUBLISHED', 'DEPRECATED'] } }
        : { status: 'PUBLISHED' }),
    },
    orderBy: { publishedAt: 'desc' },
    include: {
      model: { include: { organization: true } },
      prices: {
        where: {
          effectiveFrom: { lte: now },
          OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }],
        },
        orderBy: { effectiveFrom: 'desc' },
        take: 1,
      },
    },
  });
}
