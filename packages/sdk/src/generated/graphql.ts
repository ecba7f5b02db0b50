/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What an API key may do: PREDICT runs models, READ reads private models and usage, PUBLISH publishes models, BILLING reads billing. */
export type ApiKeyScope = 'BILLING' | 'PREDICT' | 'PUBLISH' | 'READ';

/** Orders of the catalog. */
export type CatalogSort = 'MOST_USED' | 'NAME' | 'NEWEST' | 'RELEVANCE';

export type CreateApiKeyInput = {
  expiresAt?: string | null | undefined;
  monthlySpendLimitMicros?: string | null | undefined;
  name: string;
  rateLimitPerMinute?: number | null | undefined;
  scopes: Array<ApiKeyScope>;
};

/** Tensor element types of the KServe v2 protocol. */
export type Datatype =
  | 'BOOL'
  | 'BYTES'
  | 'FP16'
  | 'FP32'
  | 'FP64'
  | 'INT8'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'UINT8'
  | 'UINT16'
  | 'UINT32'
  | 'UINT64';

/** What a model does. */
export type ModelTask =
  | 'AUDIO_CLASSIFICATION'
  | 'IMAGE_CLASSIFICATION'
  | 'OBJECT_DETECTION'
  | 'OCR'
  | 'OTHER'
  | 'TEXT_CLASSIFICATION'
  | 'TEXT_DETECTION'
  | 'TEXT_EMBEDDING'
  | 'TEXT_ORIENTATION'
  | 'TEXT_RECOGNITION'
  | 'WAKE_WORD';

/** DRAFT -> PUBLISHED -> DEPRECATED; YANKED versions cannot be called. */
export type ModelVersionStatus = 'DEPRECATED' | 'DRAFT' | 'PUBLISHED' | 'YANKED';

/** PER_CALL: per prediction; PER_1K_ITEMS: per 1,000 batch elements; PER_COMPUTE_SECOND: per second of runner compute. */
export type PriceUnit = 'PER_1K_ITEMS' | 'PER_CALL' | 'PER_COMPUTE_SECOND';

/** A member’s role. OWNER and ADMIN manage everything; DEVELOPER builds (models, keys, predictions); BILLING pays. See the permission table in @modelhub/identity. */
export type Role = 'ADMIN' | 'BILLING' | 'DEVELOPER' | 'OWNER';

/** One input tensor, row-major. Numeric and BOOL tensors use `data` (BOOL as 0/1); BYTES tensors use `stringData`. */
export type TensorInput = {
  data?: Array<number> | null | undefined;
  datatype: Datatype;
  name: string;
  shape: Array<number>;
  stringData?: Array<string> | null | undefined;
};

/** PUBLIC models are listed for everyone; PRIVATE ones exist only for their organization. */
export type Visibility = 'PRIVATE' | 'PUBLIC';

export type ApiKeyFieldsFragment = {
  id: string;
  name: string;
  prefix: string;
  scopes: Array<ApiKeyScope>;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  rateLimitPerMinute: number | null;
  monthlySpendLimitMicros: string | null;
};

export type ListApiKeysQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type ListApiKeysQuery = {
  viewer: {
    organization: {
      apiKeys: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{
          node: {
            id: string;
            name: string;
            prefix: string;
            scopes: Array<ApiKeyScope>;
            createdAt: string;
            expiresAt: string | null;
            revokedAt: string | null;
            lastUsedAt: string | null;
            rateLimitPerMinute: number | null;
            monthlySpendLimitMicros: string | null;
          };
        }>;
      };
    } | null;
  } | null;
};

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;

export type CreateApiKeyMutation = {
  createApiKey: {
    secret: string;
    apiKey: {
      id: string;
      name: string;
      prefix: string;
      scopes: Array<ApiKeyScope>;
      createdAt: string;
      expiresAt: string | null;
      revokedAt: string | null;
      lastUsedAt: string | null;
      rateLimitPerMinute: number | null;
      monthlySpendLimitMicros: string | null;
    };
  };
};

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;

export type RevokeApiKeyMutation = {
  revokeApiKey: {
    apiKey: {
      id: string;
      name: string;
      prefix: string;
      scopes: Array<ApiKeyScope>;
      createdAt: string;
      expiresAt: string | null;
      revokedAt: string | null;
      lastUsedAt: string | null;
      rateLimitPerMinute: number | null;
      monthlySpendLimitMicros: string | null;
    };
  };
};

export type TensorSpecFieldsFragment = { name: string; datatype: Datatype; shape: Array<number> };

export type ModelVersionFieldsFragment = {
  id: string;
  version: string;
  status: ModelVersionStatus;
  publishedAt: string | null;
  sha256: string;
  sizeBytes: string;
  opset: number | null;
  inputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
  outputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
  prices: Array<{ unit: PriceUnit; amountMicros: string; currency: string; freeAllowance: number }>;
};

export type ModelFieldsFragment = {
  id: string;
  fullName: string;
  slug: string;
  name: string;
  summary: string;
  task: ModelTask;
  tags: Array<string>;
  license: string;
  visibility: Visibility;
  callsLast30Days: number;
  createdAt: string;
  publisher: { slug: string; name: string };
  latestVersion: {
    id: string;
    version: string;
    status: ModelVersionStatus;
    publishedAt: string | null;
    sha256: string;
    sizeBytes: string;
    opset: number | null;
    inputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
    outputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
    prices: Array<{
      unit: PriceUnit;
      amountMicros: string;
      currency: string;
      freeAllowance: number;
    }>;
  } | null;
};

export type ListModelsQueryVariables = Exact<{
  query?: string | null | undefined;
  task?: ModelTask | null | undefined;
  tags?: Array<string> | string | null | undefined;
  publisher?: string | null | undefined;
  minPriceMicros?: string | null | undefined;
  maxPriceMicros?: string | null | undefined;
  sort?: CatalogSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type ListModelsQuery = {
  models: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        id: string;
        fullName: string;
        slug: string;
        name: string;
        summary: string;
        task: ModelTask;
        tags: Array<string>;
        license: string;
        visibility: Visibility;
        callsLast30Days: number;
        createdAt: string;
        publisher: { slug: string; name: string };
        latestVersion: {
          id: string;
          version: string;
          status: ModelVersionStatus;
          publishedAt: string | null;
          sha256: string;
          sizeBytes: string;
          opset: number | null;
          inputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
          outputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
          prices: Array<{
            unit: PriceUnit;
            amountMicros: string;
            currency: string;
            freeAllowance: number;
          }>;
        } | null;
      };
    }>;
  };
};

export type GetModelQueryVariables = Exact<{
  ref: string;
}>;

export type GetModelQuery = {
  model: {
    description: string;
    id: string;
    fullName: string;
    slug: string;
    name: string;
    summary: string;
    task: ModelTask;
    tags: Array<string>;
    license: string;
    visibility: Visibility;
    callsLast30Days: number;
    createdAt: string;
    publisher: { slug: string; name: string };
    latestVersion: {
      id: string;
      version: string;
      status: ModelVersionStatus;
      publishedAt: string | null;
      sha256: string;
      sizeBytes: string;
      opset: number | null;
      inputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
      outputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
      prices: Array<{
        unit: PriceUnit;
        amountMicros: string;
        currency: string;
        freeAllowance: number;
      }>;
    } | null;
  } | null;
};

export type PredictMutationVariables = Exact<{
  model: string;
  inputs: Array<TensorInput> | TensorInput;
  outputs?: Array<string> | string | null | undefined;
  idempotencyKey?: string | null | undefined;
}>;

export type PredictMutation = {
  predict: {
    id: string;
    model: string;
    costMicros: string;
    currency: string;
    replayed: boolean;
    outputs: Array<{
      name: string;
      datatype: Datatype;
      shape: Array<number>;
      data: Array<number> | null;
      stringData: Array<string> | null;
    }>;
    timings: { queueMs: number; computeMs: number; totalMs: number };
  };
};

export type OrganizationFieldsFragment = {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
};

export type ViewerQueryVariables = Exact<{ [key: string]: never }>;

export type ViewerQuery = {
  viewer: {
    role: Role | null;
    permissions: Array<string>;
    apiKeyScopes: Array<ApiKeyScope>;
    balanceMicros: string | null;
    user: { id: string; email: string; name: string | null; emailVerified: boolean } | null;
    organization: { id: string; slug: string; name: string; personal: boolean } | null;
    organizations: Array<{
      role: Role;
      organization: { id: string; slug: string; name: string; personal: boolean };
    }>;
  } | null;
};

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ApiKeyFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scopes
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
  rateLimitPerMinute
  monthlySpendLimitMicros
}
    `,
  { fragmentName: 'ApiKeyFields' },
) as unknown as TypedDocumentString<ApiKeyFieldsFragment, unknown>;
export const TensorSpecFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment TensorSpecFields on TensorSpec {
  name
  datatype
  shape
}
    `,
  { fragmentName: 'TensorSpecFields' },
) as unknown as TypedDocumentString<TensorSpecFieldsFragment, unknown>;
export const ModelVersionFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment ModelVersionFields on ModelVersion {
  id
  version
  status
  publishedAt
  sha256
  sizeBytes
  opset
  inputs {
    ...TensorSpecFields
  }
  outputs {
    ...TensorSpecFields
  }
  prices {
    unit
    amountMicros
    currency
    freeAllowance
  }
}
    fragment TensorSpecFields on TensorSpec {
  name
  datatype
  shape
}`,
  { fragmentName: 'ModelVersionFields' },
) as unknown as TypedDocumentString<ModelVersionFieldsFragment, unknown>;
export const ModelFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment ModelFields on Model {
  id
  fullName
  slug
  name
  summary
  task
  tags
  license
  visibility
  callsLast30Days
  createdAt
  publisher {
    slug
    name
  }
  latestVersion {
    ...ModelVersionFields
  }
}
    fragment TensorSpecFields on TensorSpec {
  name
  datatype
  shape
}
fragment ModelVersionFields on ModelVersion {
  id
  version
  status
  publishedAt
  sha256
  sizeBytes
  opset
  inputs {
    ...TensorSpecFields
  }
  outputs {
    ...TensorSpecFields
  }
  prices {
    unit
    amountMicros
    currency
    freeAllowance
  }
}`,
  { fragmentName: 'ModelFields' },
) as unknown as TypedDocumentString<ModelFieldsFragment, unknown>;
export const OrganizationFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment OrganizationFields on Organization {
  id
  slug
  name
  personal
}
    `,
  { fragmentName: 'OrganizationFields' },
) as unknown as TypedDocumentString<OrganizationFieldsFragment, unknown>;
export const ListApiKeysDocument = new TypedDocumentString(`
    query ListApiKeys($first: Int, $after: String) {
  viewer {
    organization {
      apiKeys(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...ApiKeyFields
          }
        }
      }
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scopes
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
  rateLimitPerMinute
  monthlySpendLimitMicros
}`) as unknown as TypedDocumentString<ListApiKeysQuery, ListApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scopes
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
  rateLimitPerMinute
  monthlySpendLimitMicros
}`) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    apiKey {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scopes
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
  rateLimitPerMinute
  monthlySpendLimitMicros
}`) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const ListModelsDocument = new TypedDocumentString(`
    query ListModels($query: String, $task: ModelTask, $tags: [String!], $publisher: String, $minPriceMicros: BigInt, $maxPriceMicros: BigInt, $sort: CatalogSort, $first: Int, $after: String) {
  models(
    query: $query
    task: $task
    tags: $tags
    publisher: $publisher
    minPriceMicros: $minPriceMicros
    maxPriceMicros: $maxPriceMicros
    sort: $sort
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...ModelFields
      }
    }
  }
}
    fragment TensorSpecFields on TensorSpec {
  name
  datatype
  shape
}
fragment ModelVersionFields on ModelVersion {
  id
  version
  status
  publishedAt
  sha256
  sizeBytes
  opset
  inputs {
    ...TensorSpecFields
  }
  outputs {
    ...TensorSpecFields
  }
  prices {
    unit
    amountMicros
    currency
    freeAllowance
  }
}
fragment ModelFields on Model {
  id
  fullName
  slug
  name
  summary
  task
  tags
  license
  visibility
  callsLast30Days
  createdAt
  publisher {
    slug
    name
  }
  latestVersion {
    ...ModelVersionFields
  }
}`) as unknown as TypedDocumentString<ListModelsQuery, ListModelsQueryVariables>;
export const GetModelDocument = new TypedDocumentString(`
    query GetModel($ref: String!) {
  model(ref: $ref) {
    ...ModelFields
    description
  }
}
    fragment TensorSpecFields on TensorSpec {
  name
  datatype
  shape
}
fragment ModelVersionFields on ModelVersion {
  id
  version
  status
  publishedAt
  sha256
  sizeBytes
  opset
  inputs {
    ...TensorSpecFields
  }
  outputs {
    ...TensorSpecFields
  }
  prices {
    unit
    amountMicros
    currency
    freeAllowance
  }
}
fragment ModelFields on Model {
  id
  fullName
  slug
  name
  summary
  task
  tags
  license
  visibility
  callsLast30Days
  createdAt
  publisher {
    slug
    name
  }
  latestVersion {
    ...ModelVersionFields
  }
}`) as unknown as TypedDocumentString<GetModelQuery, GetModelQueryVariables>;
export const PredictDocument = new TypedDocumentString(`
    mutation Predict($model: String!, $inputs: [TensorInput!]!, $outputs: [String!], $idempotencyKey: String) {
  predict(
    model: $model
    inputs: $inputs
    outputs: $outputs
    idempotencyKey: $idempotencyKey
  ) {
    id
    model
    costMicros
    currency
    replayed
    outputs {
      name
      datatype
      shape
      data
      stringData
    }
    timings {
      queueMs
      computeMs
      totalMs
    }
  }
}
    `) as unknown as TypedDocumentString<PredictMutation, PredictMutationVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    user {
      id
      email
      name
      emailVerified
    }
    organization {
      ...OrganizationFields
    }
    role
    permissions
    apiKeyScopes
    balanceMicros
    organizations {
      role
      organization {
        ...OrganizationFields
      }
    }
  }
}
    fragment OrganizationFields on Organization {
  id
  slug
  name
  personal
}`) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
