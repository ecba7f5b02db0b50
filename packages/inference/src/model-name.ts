// How a registry model is named on runners. Organization and model slugs are [a-z0-9-], so a
// dot separates them unambiguously and the name stays one URL path segment.

export function runnerModelName(orgSlug: string, modelSlug: string): string {
  return `${orgSlug}.${modelSlug}`;
}

export function parseRunnerModelName(name: string): { orgSlug: string; modelSlug: string } | null {
  const match = /^([a-z0-9][a-z0-9-]*)\.([a-z0-9][a-z0-9-]*)$/.exec(name);
  return match ? { orgSlug: match[1]!, modelSlug: match[2]! } : null;
}
