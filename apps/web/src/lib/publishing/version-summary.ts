/** How a model's versions read in one line of the list: `1 published, 1 draft`. */
import type { PublisherVersion } from './publishing-schemas';

const ORDER = ['PUBLISHED', 'DRAFT', 'DEPRECATED', 'YANKED'] as const;

export function versionSummary(versions: readonly Pick<PublisherVersion, 'status'>[]): string {
  if (versions.length === 0) return 'No versions yet';
  const counts = new Map<string, number>();
  for (const { status } of versions) counts.set(status, (counts.get(status) ?? 0) + 1);
  const known = new Set<string>(ORDER);
  const statuses = [...ORDER, ...[...counts.keys()].filter((status) => !known.has(status))];
  return statuses
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status.toLowerCase()}`)
    .join(', ');
}

/** The next patch version after the newest one, as the upload form's suggestion. */
export function suggestNextVersion(versions: readonly Pick<PublisherVersion, 'version'>[]): string {
  let best: [number, number, number] | null = null;
  for (const { version } of versions) {
    const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    if (!match) continue;
    const parts: [number, number, number] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (
      !best ||
      parts[0] > best[0] ||
      (parts[0] === best[0] && (parts[1] > best[1] || (parts[1] === best[1] && parts[2] > best[2])))
    ) {
      best = parts;
    }
  }
  return best ? `${best[0]}.${best[1]}.${best[2] + 1}` : '1.0.0';
}
