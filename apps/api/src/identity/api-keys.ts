// API keys: created with scopes, optional expiry, spend and rate limits; the secret is returned
// once and only its hash is stored; revoked keys stop working at once on this process and
// within the authentication cache's lifetime on others.
import { generateApiKey, type ApiKey, type ApiKeyScope } from '@modelhub/db';
import { AppError } from '../app-error.ts';
import { requirePermission, requireUser } from '../auth/principal.ts';
import type { ApiContext } from '../context.ts';
import { recordAudit } from './audit-log.ts';
import { checkName } from './input-checks.ts';

export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: Date | null;
  monthlySpendLimitMicros?: bigint | null;
  rateLimitPerMinute?: number | null;
}

export async function createApiKey(
  ctx: ApiContext,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKey; secret: string }> {
  // Keys are made by people: no key, whatever its scopes, can mint another.
  const actor = requirePermission(requireUser(ctx.principal), 'keys.manage');
  const name = checkName(input.name, 'name');
  if (!name) throw new AppError('BAD_USER_INPUT', 'give the key a name', { field: 'name' });
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) {
    throw new AppError('BAD_USER_INPUT', 'choose at least one scope', { field: 'scopes' });
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError('BAD_USER_INPUT', 'the expiry must be in the future', {
      field: 'expiresAt',
    });
  }
  if (input.monthlySpendLimitMicros != null && input.monthlySpendLimitMicros < 0n) {
    throw new AppError('BAD_USER_INPUT', 'the spend limit cannot be negative', {
      field: 'monthlySpendLimitMicros',
    });
  }
  const rate = input.rateLimitPerMinute;
  if (rate != null && (rate < 1 || rate > 100_000)) {
    throw new AppError('BAD_USER_INPUT', 'the rate limit must be 1 to 100000 requests a minute', {
      field: 'rateLimitPerMinute',
    });
  }
  const credentials = generateApiKey();
  const apiKey = await ctx.tenant(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        organizationId: actor.organizationId,
        name,
        prefix: credentials.prefix,
        secretHash: credentials.secretHash,
        scopes,
        expiresAt: input.expiresAt ?? null,
        monthlySpendLimitMicros: input.monthlySpendLimitMicros ?? null,
        rateLimitPerMinute: rate ?? null,
        createdById: actor.userId,
      },
    });
    await recordAudit(tx, ctx, {
      organizationId: actor.organizationId,
      action: 'apiKey.create',
      target: { type: 'ApiKey', id: created.id },
      metadata: { name, prefix: credentials.prefix, scopes },
    });
    return created;
  });
  return { apiKey, secret: credentials.key };
}

export async function revokeApiKey(ctx: ApiContext, apiKeyId: string): Promise<ApiKey> {
  const actor = requirePermission(requireUser(ctx.principal), 'keys.manage');
  const revoked = await ctx.tenant(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id: apiKeyId, organizationId: actor.organizationId },
    });
    if (!key) throw new AppError('NOT_FOUND', 'API key not found');
    if (key.revokedAt) return key;
    const updated = await tx.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, ctx, {
      organizationId: actor.organizationId,
      action: 'apiKey.revoke',
      target: { type: 'ApiKey', id: key.id },
      metadata: { name: key.name, prefix: key.prefix },
    });
    return updated;
  });
  ctx.services.apiKeys.forget(revoked.id);
  return revoked;
}
