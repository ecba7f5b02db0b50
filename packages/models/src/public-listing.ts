import type { DemoModelListing } from './demo-zoo.ts';

/** A zoo entry's catalog fields as the registry publishes them: public, with its model card. */
export function publicListing(entry: Omit<DemoModelListing, 'runtimeConfig'>, modelCard: string) {
  return {
    slug: entry.slug,
    name: entry.name,
    task: entry.task,
    summary: entry.summary,
    description: modelCard,
    license: entry.license,
    tags: entry.tags,
    visibility: 'PUBLIC' as const,
  };
}
