import type { Db } from '@modelhub/db';
import { describe, expect, it } from 'vitest';
import type { Principal } from './auth/principal.ts';
import { contextFor, type ApiServices } from './context.ts';
import { LongStrings } from './http/long-strings.ts';

describe('a request context', () => {
  it('builds the tenant reader only when read, also in the copy Apollo Server makes of it', () => {
    let readersBuilt = 0;
    // Only the call that builds a tenant reader matters here: Prisma's $extends.
    const db = {
      $extends: () => {
        readersBuilt++;
        return { reader: readersBuilt };
      },
    } as unknown as Db;
    const principal: Principal = {
      kind: 'user',
      userId: 'user-1',
      organizationId: 'org-1',
      role: 'DEVELOPER',
      permissions: new Set(),
    };
    const ctx = contextFor(
      { db } as ApiServices,
      principal,
      { ip: null, userAgent: null },
      {
        longStrings: new LongStrings(),
      },
    );
    // What Apollo Server does with the context of every operation (cloneObject).
    const copy = Object.assign(Object.create(Object.getPrototypeOf(ctx)), ctx) as typeof ctx;
    expect(readersBuilt).toBe(0);
    expect(copy.organizationId).toBe('org-1');
    expect(copy.db).toBe(copy.db);
    expect(readersBuilt).toBe(1);
  });
});
