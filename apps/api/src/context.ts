// Everything a request's resolvers may use, built once per request (authentication included).
import type { Db, Organization } from '@modelhub/db';
import type { ApiKeyAuthenticator, ApiKeyPrincipal } from './auth/api-key-authenticator.ts';
import type { PredictionLookups } from './predictions/prediction-lookups.ts';
import type { RunnerRouter } from './routing/runner-router.ts';

export interface ApiServices {
  db: Db;
  router: RunnerRouter;
  authenticator: ApiKeyAuthenticator;
  lookups: PredictionLookups;
}

/** Per-request memoised lookups, so a list of models loads each publisher once. */
export interface RequestLoaders {
  organization(id: string): Promise<Organization>;
}

export interface ApiContext extends ApiServices {
  principal: ApiKeyPrincipal | null;
  /** the organization the caller acts for, when authenticated */
  organizationId: string | null;
  loaders: RequestLoaders;
}

function createLoaders(db: Db): RequestLoaders {
  const organizations = new Map<string, Promise<Organization>>();
  return {
    organization(id) {
      let org = organizations.get(id);
      if (!org) organizations.set(id, (org = db.organization.findUniqueOrThrow({ where: { id } })));
      return org;
    },
  };
}

export async function buildContext(
  services: ApiServices,
  authorization: string | undefined,
): Promise<ApiContext> {
  const principal = await services.authenticator.authenticate(authorization);
  return {
    ...services,
    principal,
    organizationId: principal?.organizationId ?? null,
    loaders: createLoaders(services.db),
  };
}
