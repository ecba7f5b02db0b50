// API keys of the caller's organization. The api lets only signed-in people manage keys (a key,
// whatever its scopes, cannot list, mint or revoke keys): construct the client with a
// `sessionToken` for these; with an `apiKey` they fail with ForbiddenError.
import {
  CreateApiKeyDocument,
  ListApiKeysDocument,
  RevokeApiKeyDocument,
  type ApiKeyFieldsFragment,
  type ApiKeyScope,
} from '../generated/graphql.ts';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { GraphQLTransport } from '../graphql-transport.ts';
import {
  checkNonEmptyString,
  checkOptionalBigInt,
  checkOptionalPositiveInt,
  checkOptionalString,
} from '../input-checks.ts';
import { PageRequest } from '../pagination.ts';
import { toBigIntOrNull, toDate, toDateOrNull } from '../scalars.ts';

export interface ApiKey {
  id: string;
  name: string;
  /** the start of the key, to recognise it; the secret is never shown again */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** updated at most once a minute */
  lastUsedAt: Date | null;
  /** requests per minute; null: the platform default */
  rateLimitPerMinute: number | null;
  monthlySpendLimitMicros: bigint | null;
}

export interface CreateApiKeyParams {
  name: string;
  /** PREDICT runs models, READ reads private models and usage, PUBLISH publishes, BILLING */
  scopes: ApiKeyScope[];
  expiresAt?: Date;
  monthlySpendLimitMicros?: bigint;
  rateLimitPerMinute?: number;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** the whole key, `mh_...`: shown this once, store it now */
  secret: string;
}

export interface ListApiKeysParams {
  first?: number;
  after?: string;
}

export class ApiKeysResource {
  constructor(private readonly transport: GraphQLTransport) {}

  /** The organization's keys, newest first, revoked ones included. Needs keys.read. */
  list(params: ListApiKeysParams = {}): PageRequest<ApiKey> {
    const first = checkOptionalPositiveInt(params.first, 'first');
    const after = checkOptionalString(params.after, 'after');
    return new PageRequest(async (cursor) => {
      const data = await this.transport.execute(
        ListApiKeysDocument,
        { first, after: cursor },
        { idempotent: true },
      );
      // Anonymous callers get a null viewer rather than an error from the api.
      if (!data.viewer) throw new UnauthenticatedError('sign in to list API keys');
      const organization = data.viewer.organization;
      if (!organization) {
        throw new ForbiddenError('the signed-in user belongs to no organization');
      }
      const { edges, pageInfo } = organization.apiKeys;
      return {
        items: edges.map((edge) => toApiKey(edge.node)),
        hasNextPage: pageInfo.hasNextPage,
        endCursor: pageInfo.endCursor,
      };
    }, after);
  }

  /** Creates a key; its secret is in this answer only. Needs a signed-in keys.manage member. */
  async create(params: CreateApiKeyParams): Promise<CreatedApiKey> {
    const name = checkNonEmptyString(params.name, 'name');
    if (!Array.isArray(params.scopes) || params.scopes.length === 0) {
      throw new BadUserInputError('choose at least one scope', { field: 'scopes' });
    }
    if (
      params.expiresAt !== undefined &&
      !(params.expiresAt instanceof Date && !Number.isNaN(params.expiresAt.getTime()))
    ) {
      throw new BadUserInputError('expiresAt must be a valid Date', { field: 'expiresAt' });
    }
    const spendLimit = checkOptionalBigInt(
      params.monthlySpendLimitMicros,
      'monthlySpendLimitMicros',
    );
    const input = {
      name,
      scopes: params.scopes,
      expiresAt: params.expiresAt?.toISOString(),
      monthlySpendLimitMicros: spendLimit?.toString(),
      rateLimitPerMinute: checkOptionalPositiveInt(params.rateLimitPerMinute, 'rateLimitPerMinute'),
    };
    const data = await this.transport.execute(
      CreateApiKeyDocument,
      { input },
      { idempotent: false },
    );
    return { apiKey: toApiKey(data.createApiKey.apiKey), secret: data.createApiKey.secret };
  }

  /** Revokes a key at once (revoking a revoked key changes nothing). Needs keys.manage. */
  async revoke(id: string): Promise<ApiKey> {
    checkNonEmptyString(id, 'id');
    const data = await this.transport.execute(RevokeApiKeyDocument, { id }, { idempotent: false });
    return toApiKey(data.revokeApiKey.apiKey);
  }
}

function toApiKey(key: ApiKeyFieldsFragment): ApiKey {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: toDate(key.createdAt),
    expiresAt: toDateOrNull(key.expiresAt),
    revokedAt: toDateOrNull(key.revokedAt),
    lastUsedAt: toDateOrNull(key.lastUsedAt),
    rateLimitPerMinute: key.rateLimitPerMinute,
    monthlySpendLimitMicros: toBigIntOrNull(key.monthlySpendLimitMicros),
  };
}
