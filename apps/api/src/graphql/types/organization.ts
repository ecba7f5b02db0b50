import type { Organization } from '@modelhub/db';
import { builder } from '../builder.ts';

export const OrganizationRef = builder.objectRef<Organization>('Organization');

builder.node(OrganizationRef, {
  description: 'A tenant: publishes models, calls models, pays and earns.',
  id: { resolve: (org) => org.id },
  loadOne: (id, ctx) => ctx.db.organization.findUnique({ where: { id } }),
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'billingMode' in value,
  fields: (t) => ({
    slug: t.exposeString('slug', {
      description: 'The handle used in model references, `slug/model`.',
    }),
    name: t.exposeString('name', { description: 'The display name.' }),
  }),
});
