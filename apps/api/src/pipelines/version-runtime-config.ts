// A resolved version's runtime config as the pipelines read it: what preprocessing, labels or
// pipeline it declares. Stored configs were validated at publication; one that no longer parses
// (a schema that tightened since) is the platform's problem, not the caller's.
import { parseRuntimeConfig, RuntimeConfigError, type RuntimeConfig } from '@modelhub/inference';
import type { ResolvedModelVersion } from '@modelhub/registry';
import { AppError } from '../app-error.ts';

export function versionRuntimeConfig(version: ResolvedModelVersion): RuntimeConfig {
  try {
    return parseRuntimeConfig(version.runtimeConfig);
  } catch (error) {
    if (!(error instanceof RuntimeConfigError)) throw error;
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      `${versionName(version)} has a runtime config this api cannot read; its publisher must publish a new version`,
    );
  }
}

/** `publisher/model@version`, as results and messages name a version. */
export function versionName(version: ResolvedModelVersion): string {
  return `${version.model.organization.slug}/${version.model.slug}@${version.version}`;
}
