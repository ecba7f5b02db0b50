// A version's status moves one way: DRAFT -> PUBLISHED -> DEPRECATED -> YANKED (PUBLISHED may be
// yanked directly). Published versions are callable; deprecated ones only by exact version;
// yanked ones not at all.
import { withTenant, type Db, type ModelVersion, type ModelVersionStatus } from '@modelhub/db';
import { replaceDraftPrice } from './draft-version.ts';
import { lockOwnedVersion, type VersionRef } from './owned-rows.ts';
import { parsePrice, type PriceInput } from './price-input.ts';
import { RegistryError } from './registry-error.ts';

export interface PublishVersionInput extends VersionRef {
  /** the price to publish at; without it, the price set on the draft */
  price?: PriceInput;
}

/** DRAFT -> PUBLISHED. Needs a price (PRICE_REQUIRED); the version is immutable afterwards. */
export async function publishVersion(db: Db, input: PublishVersionInput): Promise<ModelVersion> {
  const price = input.price === undefined ? null : parsePrice(input.price);
  return withTenant(db, input.organizationId, async (tx) => {
    const version = await lockOwnedVersion(tx, input.organizationId, input.modelVersionId);
    assertTransition(version, ['DRAFT'], 'PUBLISHED');
    const publishedAt = new Date();
    if (price) {
      await replaceDraftPrice(tx, version, price, publishedAt);
    } else if ((await tx.price.count({ where: { modelVersionId: version.id } })) === 0) {
      throw new RegistryError(
        'PRICE_REQUIRED',
        `version ${version.version} has no price; give one to publish it`,
      );
    }
    return tx.modelVersion.update({
      where: { id: version.id },
      data: { status: 'PUBLISHED', publishedAt },
    });
  });
}

/** PUBLISHED -> DEPRECATED: still callable as `org/model@version`, no longer the latest. */
export async function deprecateVersion(db: Db, input: VersionRef): Promise<ModelVersion> {
  return changeStatus(db, input, ['PUBLISHED'], 'DEPRECATED');
}

/** PUBLISHED or DEPRECATED -> YANKED: no longer callable at all. */
export async function yankVersion(db: Db, input: VersionRef): Promise<ModelVersion> {
  return changeStatus(db, input, ['PUBLISHED', 'DEPRECATED'], 'YANKED');
}

async function changeStatus(
  db: Db,
  input: VersionRef,
  from: ModelVersionStatus[],
  to: ModelVersionStatus,
): Promise<ModelVersion> {
  return withTenant(db, input.organizationId, async (tx) => {
    const version = await lockOwnedVersion(tx, input.organizationId, input.modelVersionId);
    assertTransition(version, from, to);
    return tx.modelVersion.update({ where: { id: version.id }, data: { status: to } });
  });
}

function assertTransition(
  version: ModelVersion,
  from: ModelVersionStatus[],
  to: ModelVersionStatus,
): void {
  if (!from.includes(version.status)) {
    throw new RegistryError(
      'INVALID_TRANSITION',
      `version ${version.version} is ${version.status}; only ${from.join(' or ')} can become ${to}`,
      { status: version.status, to },
    );
  }
}
