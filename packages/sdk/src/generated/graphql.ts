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

/** A new API key for the current organization. */
export type CreateApiKeyInput = {
  /** When the key stops working (UTC); never when omitted. */
  expiresAt?: string | null | undefined;
  /** The most calls with this key may be charged per calendar month (UTC), in micro-units of USD; no limit of its own when omitted. */
  monthlySpendLimitMicros?: string | null | undefined;
  /** A label to tell keys apart. */
  name: string;
  /** Requests per minute; the platform default when omitted. */
  rateLimitPerMinute?: number | null | undefined;
  /** What the key may do. */
  scopes: Array<ApiKeyScope>;
};

/** An async prediction to queue. */
export type CreatePredictionInput = {
  /** A retry with the same key returns the first prediction instead of a new one. */
  idempotencyKey?: string | null | undefined;
  /** The input tensors, as the model signature names them. */
  inputs: Array<TensorInput>;
  /** `publisher/model` (latest published version) or `publisher/model@1.2.0`. */
  model: string;
  /** Only these outputs; all when omitted. */
  outputs?: Array<string> | null | undefined;
  /** An http(s) URL that receives the prediction as a signed POST (Standard Webhooks headers; see webhookSigningSecret). */
  webhook?: string | null | undefined;
  /** Which events are sent to the webhook; [COMPLETED] when omitted. */
  webhookEvents?: Array<PredictionWebhookEvent> | null | undefined;
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

/** SYNC: answered in the request (predict, …); ASYNC: createPrediction. */
export type PredictionMode = 'ASYNC' | 'SYNC';

/** QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELED. Synchronous calls are recorded as SUCCEEDED. */
export type PredictionStatus = 'CANCELED' | 'FAILED' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED';

/** START: the prediction started running; COMPLETED: it reached SUCCEEDED, FAILED or CANCELED. */
export type PredictionWebhookEvent = 'COMPLETED' | 'START';

/** PER_CALL: per prediction; PER_1K_ITEMS: per 1,000 batch elements; PER_COMPUTE_SECOND: per second of runner compute. */
export type PriceUnit = 'PER_1K_ITEMS' | 'PER_CALL' | 'PER_COMPUTE_SECOND';

/** A member’s role. OWNER and ADMIN manage everything; DEVELOPER builds (models, keys, predictions); BILLING pays. See the permission table in @modelhub/identity. */
export type Role = 'ADMIN' | 'BILLING' | 'DEVELOPER' | 'OWNER';

/** One input tensor, row-major, with its values in exactly one of: `data` (numeric and BOOL, BOOL as 0/1), `stringData` (BYTES), or `dataBase64` (any datatype; the compact form, much faster for large tensors). */
export type TensorInput = {
  /** The values of a numeric or BOOL tensor, flattened row-major. */
  data?: Array<number> | null | undefined;
  /** The tensor’s bytes in the KServe v2 binary tensor format, base64-encoded (standard alphabet, padded): little-endian, row-major, BOOL one byte per element, BYTES a 4-byte little-endian length before each element. E.g. a Float32Array’s buffer. */
  dataBase64?: string | null | undefined;
  /** The element type. */
  datatype: Datatype;
  /** The input’s name in the model signature. */
  name: string;
  /** Dimensions, e.g. [1, 3, 224, 224]. */
  shape: Array<number>;
  /** The values of a BYTES tensor, flattened row-major. */
  stringData?: Array<string> | null | undefined;
};

/** How a usage report groups calls. */
export type UsageGrouping = 'day' | 'key' | 'model' | 'version';

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

export type TensorFieldsFragment = {
  name: string;
  datatype: Datatype;
  shape: Array<number>;
  dataBase64: string;
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
    outputs: Array<{ name: string; datatype: Datatype; shape: Array<number>; dataBase64: string }>;
    timings: { queueMs: number; computeMs: number; totalMs: number };
  };
};

export type PredictionFieldsFragment = {
  id: string;
  status: PredictionStatus;
  mode: PredictionMode;
  model: string | null;
  costMicros: string | null;
  currency: string | null;
  attempts: number;
  queueMs: number | null;
  computeMs: number | null;
  totalMs: number | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  expiresAt: string | null;
  purgedAt: string | null;
  webhook: string | null;
  webhookEvents: Array<PredictionWebhookEvent>;
  outputs: Array<{
    name: string;
    datatype: Datatype;
    shape: Array<number>;
    dataBase64: string;
  }> | null;
  error: { code: string; message: string } | null;
};

export type CreatePredictionMutationVariables = Exact<{
  input: CreatePredictionInput;
  wait?: number | null | undefined;
}>;

export type CreatePredictionMutation = {
  createPrediction: {
    id: string;
    status: PredictionStatus;
    mode: PredictionMode;
    model: string | null;
    costMicros: string | null;
    currency: string | null;
    attempts: number;
    queueMs: number | null;
    computeMs: number | null;
    totalMs: number | null;
    createdAt: string;
    startedAt: string | null;
    completedAt: string | null;
    expiresAt: string | null;
    purgedAt: string | null;
    webhook: string | null;
    webhookEvents: Array<PredictionWebhookEvent>;
    outputs: Array<{
      name: string;
      datatype: Datatype;
      shape: Array<number>;
      dataBase64: string;
    }> | null;
    error: { code: string; message: string } | null;
  };
};

export type GetPredictionQueryVariables = Exact<{
  id: string | number;
}>;

export type GetPredictionQuery = {
  prediction: {
    id: string;
    status: PredictionStatus;
    mode: PredictionMode;
    model: string | null;
    costMicros: string | null;
    currency: string | null;
    attempts: number;
    queueMs: number | null;
    computeMs: number | null;
    totalMs: number | null;
    createdAt: string;
    startedAt: string | null;
    completedAt: string | null;
    expiresAt: string | null;
    purgedAt: string | null;
    webhook: string | null;
    webhookEvents: Array<PredictionWebhookEvent>;
    outputs: Array<{
      name: string;
      datatype: Datatype;
      shape: Array<number>;
      dataBase64: string;
    }> | null;
    error: { code: string; message: string } | null;
  };
};

export type CancelPredictionMutationVariables = Exact<{
  id: string | number;
}>;

export type CancelPredictionMutation = {
  cancelPrediction: {
    id: string;
    status: PredictionStatus;
    mode: PredictionMode;
    model: string | null;
    costMicros: string | null;
    currency: string | null;
    attempts: number;
    queueMs: number | null;
    computeMs: number | null;
    totalMs: number | null;
    createdAt: string;
    startedAt: string | null;
    completedAt: string | null;
    expiresAt: string | null;
    purgedAt: string | null;
    webhook: string | null;
    webhookEvents: Array<PredictionWebhookEvent>;
    outputs: Array<{
      name: string;
      datatype: Datatype;
      shape: Array<number>;
      dataBase64: string;
    }> | null;
    error: { code: string; message: string } | null;
  };
};

export type ListPredictionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: PredictionStatus | null | undefined;
}>;

export type ListPredictionsQuery = {
  predictions: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        id: string;
        status: PredictionStatus;
        mode: PredictionMode;
        model: string | null;
        costMicros: string | null;
        currency: string | null;
        attempts: number;
        queueMs: number | null;
        computeMs: number | null;
        totalMs: number | null;
        createdAt: string;
        startedAt: string | null;
        completedAt: string | null;
        expiresAt: string | null;
        purgedAt: string | null;
        webhook: string | null;
        webhookEvents: Array<PredictionWebhookEvent>;
        outputs: Array<{
          name: string;
          datatype: Datatype;
          shape: Array<number>;
          dataBase64: string;
        }> | null;
        error: { code: string; message: string } | null;
      };
    }>;
  };
};

export type PredictionWebhookDeliveriesQueryVariables = Exact<{
  id: string | number;
}>;

export type PredictionWebhookDeliveriesQuery = {
  prediction: {
    webhookDeliveries: Array<{
      event: PredictionWebhookEvent;
      messageId: string;
      url: string;
      attempt: number;
      statusCode: number | null;
      error: string | null;
      succeeded: boolean;
      durationMs: number;
      createdAt: string;
    }>;
  };
};

export type UsageQueryVariables = Exact<{
  from: string;
  to: string;
  groupBy: UsageGrouping;
}>;

export type UsageQuery = {
  viewer: {
    organization: {
      usage: Array<{
        group: string;
        label: string;
        calls: number;
        quantity: string;
        amountMicros: string;
        currency: string;
      }>;
    } | null;
  } | null;
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

export type WebhookSigningSecretQueryVariables = Exact<{ [key: string]: never }>;

export type WebhookSigningSecretQuery = { webhookSigningSecret: string };

export type RotateWebhookSigningSecretMutationVariables = Exact<{ [key: string]: never }>;

export type RotateWebhookSigningSecretMutation = { rotateWebhookSigningSecret: string };

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
export const TensorFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment TensorFields on Tensor {
  name
  datatype
  shape
  dataBase64
}
    `,
  { fragmentName: 'TensorFields' },
) as unknown as TypedDocumentString<TensorFieldsFragment, unknown>;
export const PredictionFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment PredictionFields on Prediction {
  id
  status
  mode
  model
  outputs {
    ...TensorFields
  }
  error {
    code
    message
  }
  costMicros
  currency
  attempts
  queueMs
  computeMs
  totalMs
  createdAt
  startedAt
  completedAt
  expiresAt
  purgedAt
  webhook
  webhookEvents
}
    fragment TensorFields on Tensor {
  name
  datatype
  shape
  dataBase64
}`,
  { fragmentName: 'PredictionFields' },
) as unknown as TypedDocumentString<PredictionFieldsFragment, unknown>;
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
      ...TensorFields
    }
    timings {
      queueMs
      computeMs
      totalMs
    }
  }
}
    fragment TensorFields on Tensor {
  name
  datatype
  shape
  dataBase64
}`) as unknown as TypedDocumentString<PredictMutation, PredictMutationVariables>;
export const CreatePredictionDocument = new TypedDocumentString(`
    mutation CreatePrediction($input: CreatePredictionInput!, $wait: Int) {
  createPrediction(input: $input, wait: $wait) {
    ...PredictionFields
  }
}
    fragment TensorFields on Tensor {
  name
  datatype
  shape
  dataBase64
}
fragment PredictionFields on Prediction {
  id
  status
  mode
  model
  outputs {
    ...TensorFields
  }
  error {
    code
    message
  }
  costMicros
  currency
  attempts
  queueMs
  computeMs
  totalMs
  createdAt
  startedAt
  completedAt
  expiresAt
  purgedAt
  webhook
  webhookEvents
}`) as unknown as TypedDocumentString<CreatePredictionMutation, CreatePredictionMutationVariables>;
export const GetPredictionDocument = new TypedDocumentString(`
    query GetPrediction($id: ID!) {
  prediction(id: $id) {
    ...PredictionFields
  }
}
    fragment TensorFields on Tensor {
  name
  datatype
  shape
  dataBase64
}
fragment PredictionFields on Prediction {
  id
  status
  mode
  model
  outputs {
    ...TensorFields
  }
  error {
    code
    message
  }
  costMicros
  currency
  attempts
  queueMs
  computeMs
  totalMs
  createdAt
  startedAt
  completedAt
  expiresAt
  purgedAt
  webhook
  webhookEvents
}`) as unknown as TypedDocumentString<GetPredictionQuery, GetPredictionQueryVariables>;
export const CancelPredictionDocument = new TypedDocumentString(`
    mutation CancelPrediction($id: ID!) {
  cancelPrediction(id: $id) {
    ...PredictionFields
  }
}
    fragment TensorFields on Tensor {
  name
  datatype
  shape
  dataBase64
}
fragment PredictionFields on Prediction {
  id
  status
  mode
  model
  outputs {
    ...TensorFields
  }
  error {
    code
    message
  }
  costMicros
  currency
  attempts
  queueMs
  computeMs
  totalMs
  createdAt
  startedAt
  completedAt
  expiresAt
  purgedAt
  webhook
  webhookEvents
}`) as unknown as TypedDocumentString<CancelPredictionMutation, CancelPredictionMutationVariables>;
export const ListPredictionsDocument = new TypedDocumentString(`
    query ListPredictions($first: Int, $after: String, $status: PredictionStatus) {
  predictions(first: $first, after: $after, status: $status) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...PredictionFields
      }
    }
  }
}
    fragment TensorFields on Tensor {
  name
  datatype
  shape
  dataBase64
}
fragment PredictionFields on Prediction {
  id
  status
  mode
  model
  outputs {
    ...TensorFields
  }
  error {
    code
    message
  }
  costMicros
  currency
  attempts
  queueMs
  computeMs
  totalMs
  createdAt
  startedAt
  completedAt
  expiresAt
  purgedAt
  webhook
  webhookEvents
}`) as unknown as TypedDocumentString<ListPredictionsQuery, ListPredictionsQueryVariables>;
export const PredictionWebhookDeliveriesDocument = new TypedDocumentString(`
    query PredictionWebhookDeliveries($id: ID!) {
  prediction(id: $id) {
    webhookDeliveries {
      event
      messageId
      url
      attempt
      statusCode
      error
      succeeded
      durationMs
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<
  PredictionWebhookDeliveriesQuery,
  PredictionWebhookDeliveriesQueryVariables
>;
export const UsageDocument = new TypedDocumentString(`
    query Usage($from: DateTime!, $to: DateTime!, $groupBy: UsageGrouping!) {
  viewer {
    organization {
      usage(from: $from, to: $to, groupBy: $groupBy) {
        group
        label
        calls
        quantity
        amountMicros
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UsageQuery, UsageQueryVariables>;
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
export const WebhookSigningSecretDocument = new TypedDocumentString(`
    query WebhookSigningSecret {
  webhookSigningSecret
}
    `) as unknown as TypedDocumentString<
  WebhookSigningSecretQuery,
  WebhookSigningSecretQueryVariables
>;
export const RotateWebhookSigningSecretDocument = new TypedDocumentString(`
    mutation RotateWebhookSigningSecret {
  rotateWebhookSigningSecret
}
    `) as unknown as TypedDocumentString<
  RotateWebhookSigningSecretMutation,
  RotateWebhookSigningSecretMutationVariables
>;
