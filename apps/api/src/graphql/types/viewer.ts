import type { ApiKeyScope } from '@modelhub/db';
import { requireScope } from '../../auth/api-key-authenticator.ts';
import { builder } from '../builder.ts';
import { OrganizationRef } from './organization.ts';

interface Viewer {
  organizationId: string;
  apiKeyId: string;
  scopes: ApiKeyScope[];
}

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'Who is calling: the API key and its organization.',
  fields: (t) => ({
    organization: t.field({
      type: OrganizationRef,
      resolve: (v, _args, ctx) => ctx.loaders.organization(v.organizationId),
    }),
    apiKeyScopes: t.stringList({ resolve: (v) => v.scopes.map((s) => s.toLowerCase()) }),
    balanceMicros: t.field({
      type: 'BigInt',
      description: 'Credit left: the sum of the organization’s ledger entries, in micro-units.',
      resolve: async (v, _args, ctx) =>
        (
          await ctx.db.ledgerEntry.aggregate({
            where: { organizationId: v.organizationId },
            _sum: { amountMicros: true },
          })
        )._sum.amountMicros ?? 0n,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description: 'The caller. Needs an API key.',
    resolve: (_root, _args, ctx) => requireScope(ctx.principal, 'READ'),
  }),
);
