// `org/model` (the latest published version) or `org/model@1.2.0` (that version).
import type {
  Db,
  Model,
  ModelVersion,
  ModelVersionStatus,
  Organization,
  Price,
  Prisma,
} from '@modelhub/db';
import { RegistryError } from './registry-error.ts';
import { pickLatestVersion } from './version-number.ts';

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
 * The version a ref calls, with its model, publisher and current price; null when there is none.
 * Without a version: the highest PUBLISHED version by semver precedence (prereleases only when
 * there is no release). With one: that version if PUBLISHED or DEPRECATED. Drafts and yanked
 * versions are never returned. Visibility is the caller's concern.
 */
export async function resolveModelVersion(
  db: Db,
  ref: ModelRef,
): Promise<ResolvedModelVersion | null> {
  const model = { slug: ref.modelSlug, organization: { slug: ref.orgSlug } };
  if (ref.version) {
    return loadResolved(db, { model, version: ref.version }, ['PUBLISHED', 'DEPRECATED']);
  }
  const published = await db.modelVersion.findMany({
    where: { model, status: 'PUBLISHED' },
    select: { id: true, version: true, publishedAt: true },
  });
  const latest = pickLatestVersion(published);
  // the status is asked again: the version may have been yanked in between
  return latest ? loadResolved(db, { id: latest.id }, ['PUBLISHED']) : null;
}

/** Like resolveModelVersion, but says why: NOT_FOUND, or VERSION_YANKED for a yanked version. */
export async function resolveModelVersionOrThrow(
  db: Db,
  ref: ModelRef,
): Promise<ResolvedModelVersion> {
  const resolved = await resolveModelVersion(db, ref);
  if (resolved) return resolved;
  const name = `${ref.orgSlug}/${ref.modelSlug}${ref.version ? `@${ref.version}` : ''}`;
  if (ref.version) {
    const yanked = await db.modelVersion.findFirst({
      where: {
        model: { slug: ref.modelSlug, organization: { slug: ref.orgSlug } },
        version: ref.version,
        status: 'YANKED',
      },
      select: { id: true },
    });
    if (yanked) {
      throw new RegistryError('VERSION_YANKED', `${name} was withdrawn by its publisher`);
    }
  }
  throw new RegistryError('NOT_FOUND', `model '${name}' not found`);
}

/** The version `org/model` calls for one model, by the same rule as resolveModelVersion. */
export async function findLatestPublishedVersion(
  db: Db,
  modelId: string,
): Promise<ModelVersion | null> {
  const published = await db.modelVersion.findMany({
    where: { modelId, status: 'PUBLISHED' },
  });
  return pickLatestVersion(published);
}

async function loadResolved(
  db: Db,
  where: Prisma.ModelVersionWhereInput,
  statuses: ModelVersionStatus[],
): Promise<ResolvedModelVersion | null> {
  const now = new Date();
  return db.modelVersion.findFirst({
    where: { ...where, status: { in: statuses } },
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
