// viewer: who the client calls as (user or API key), for which organization, allowed what.
import { ViewerDocument, type ApiKeyScope, type Role } from './generated/graphql.ts';
import type { GraphQLTransport } from './graphql-transport.ts';
import { toBigIntOrNull } from './scalars.ts';

export interface Organization {
  id: string;
  slug: string;
  name: string;
  /** a user's personal organization, made at sign-up */
  personal: boolean;
}

export interface Viewer {
  /** the signed-in user; null for API keys */
  user: { id: string; email: string; name: string | null; emailVerified: boolean } | null;
  /** the organization the caller acts for */
  organization: Organization | null;
  /** the signed-in user's role there; null for API keys */
  role: Role | null;
  /** e.g. "predictions.run", "keys.manage" */
  permissions: string[];
  /** the API key's scopes; empty for users */
  apiKeyScopes: ApiKeyScope[];
  /** credit left in micro-units; null without usage.read or billing.read */
  balanceMicros: bigint | null;
  /** every organization the signed-in user belongs to; empty for API keys */
  organizations: { role: Role; organization: Organization }[];
}

/** The caller, or null when the client sends no credentials. */
export async function viewer(transport: GraphQLTransport): Promise<Viewer | null> {
  const { viewer: v } = await transport.execute(ViewerDocument, {}, { idempotent: true });
  if (!v) return null;
  return {
    user: v.user ? { ...v.user } : null,
    organization: v.organization ? { ...v.organization } : null,
    role: v.role,
    permissions: v.permissions,
    apiKeyScopes: v.apiKeyScopes,
    balanceMicros: toBigIntOrNull(v.balanceMicros),
    organizations: v.organizations.map((m) => ({
      role: m.role,
      organization: { ...m.organization },
    })),
  };
}
