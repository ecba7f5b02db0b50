/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
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

/** A new model in the caller’s organization. */
export type CreateModelInput = {
  /** The model card, Markdown. */
  description?: string | null | undefined;
  /** SPDX identifier or license name. */
  license?: string | null | undefined;
  /** Display name. */
  name: string;
  /** The handle in `publisher/slug`; never changes. */
  slug: string;
  /** One line for catalog cards. */
  summary?: string | null | undefined;
  /** Free-form keywords for search and filters. */
  tags?: Array<string> | null | undefined;
  /** What kind of problem the model solves. */
  task: ModelTask;
  /** Default PRIVATE. */
  visibility?: Visibility | null | undefined;
};

/** A new organization. */
export type CreateOrganizationInput = {
  /** The display name. */
  name: string;
  /** The handle in model references, `slug/model`. */
  slug: string;
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

/** An image file: PNG, JPEG or WebP, base64-encoded (a `data:image/png;base64,...` URL works too), up to 10 MiB and 20 megapixels. */
export type ImageInput = {
  /** The file’s bytes, base64-encoded, or a `data:` URL. */
  base64: string;
  /** `image/png`, `image/jpeg` or `image/webp`; when given it must match the bytes. The format is read from the bytes either way. */
  contentType?: string | null | undefined;
};

/** Who to invite to the current organization, and as what. */
export type InviteMemberInput = {
  /** The address the invitation is sent to. */
  email: string;
  /** The role the invitee gets on accepting. */
  role: Role;
};

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

/** QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELED. Synchronous calls are recorded as SUCCEEDED. */
export type PredictionStatus = 'CANCELED' | 'FAILED' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED';

/** START: the prediction started running; COMPLETED: it reached SUCCEEDED, FAILED or CANCELED. */
export type PredictionWebhookEvent = 'COMPLETED' | 'START';

/** The price of a model version. */
export type PriceInput = {
  /** Micro-units of the currency per unit. */
  amountMicros: string;
  /** ISO 4217, lower case; default usd. */
  currency?: string | null | undefined;
  /** Free units per consumer organization per month. */
  freeAllowance?: number | null | undefined;
  /** What is charged for: a call, an item or compute time. */
  unit: PriceUnit;
};

/** PER_CALL: per prediction; PER_1K_ITEMS: per 1,000 batch elements; PER_COMPUTE_SECOND: per second of runner compute. */
export type PriceUnit = 'PER_1K_ITEMS' | 'PER_CALL' | 'PER_COMPUTE_SECOND';

/** A member’s role. OWNER and ADMIN manage everything; DEVELOPER builds (models, keys, predictions); BILLING pays. See the permission table in @modelhub/identity. */
export type Role = 'ADMIN' | 'BILLING' | 'DEVELOPER' | 'OWNER';

/** An email and password to check. */
export type SignInInput = {
  /** The account’s email address. */
  email: string;
  /** The account’s password. */
  password: string;
};

/** A new account. */
export type SignUpInput = {
  /** The email address to sign in with; a verification link is sent to it. */
  email: string;
  /** The display name. */
  name?: string | null | undefined;
  /** At least 10 characters. */
  password: string;
};

/** Changes to a model; omitted fields stay as they are. */
export type UpdateModelInput = {
  /** The model card, Markdown. */
  description?: string | null | undefined;
  /** SPDX identifier or license name. */
  license?: string | null | undefined;
  /** Display name. */
  name?: string | null | undefined;
  /** One line for catalog cards. */
  summary?: string | null | undefined;
  /** Free-form keywords for search and filters; replaces the current ones. */
  tags?: Array<string> | null | undefined;
  /** What kind of problem the model solves. */
  task?: ModelTask | null | undefined;
  /** Who can see and call the model. */
  visibility?: Visibility | null | undefined;
};

/** PUBLIC models are listed for everyone; PRIVATE ones exist only for their organization. */
export type Visibility = 'PRIVATE' | 'PUBLIC';

export type AccountUserFieldsFragment = {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
};

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;

export type SignUpMutation = {
  signUp: { user: { id: string; email: string; name: string | null; emailVerified: boolean } };
};

export type SignInWithPasswordMutationVariables = Exact<{
  input: SignInInput;
}>;

export type SignInWithPasswordMutation = {
  signInWithPassword: {
    user: { id: string; email: string; name: string | null; emailVerified: boolean };
  };
};

export type SignInWithOAuthMutationVariables = Exact<{
  assertion: string;
}>;

export type SignInWithOAuthMutation = {
  signInWithOAuth: {
    user: { id: string; email: string; name: string | null; emailVerified: boolean };
  };
};

export type VerifyEmailMutationVariables = Exact<{
  token: string;
}>;

export type VerifyEmailMutation = {
  verifyEmail: { user: { id: string; email: string; name: string | null; emailVerified: boolean } };
};

export type RequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;

export type RequestPasswordResetMutation = { requestPasswordReset: { ok: boolean } };

export type ResetPasswordMutationVariables = Exact<{
  token: string;
  password: string;
}>;

export type ResetPasswordMutation = { resetPassword: { ok: boolean } };

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
      expiresAt: string | null;
      revokedAt: string | null;
      lastUsedAt: string | null;
      createdAt: string;
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
      expiresAt: string | null;
      revokedAt: string | null;
      lastUsedAt: string | null;
      createdAt: string;
      rateLimitPerMinute: number | null;
      monthlySpendLimitMicros: string | null;
    };
  };
};

export type CreateTopUpCheckoutMutationVariables = Exact<{
  amountMicros: string;
  successUrl: string;
  cancelUrl: string;
}>;

export type CreateTopUpCheckoutMutation = { createTopUpCheckout: { checkoutUrl: string } };

export type SetMonthlySpendLimitMutationVariables = Exact<{
  limitMicros?: string | null | undefined;
}>;

export type SetMonthlySpendLimitMutation = { setMonthlySpendLimit: { id: string } };

export type CreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;

export type CreateOrganizationMutation = {
  createOrganization: {
    organization: { id: string; slug: string; name: string; personal: boolean };
  };
};

export type InviteMemberMutationVariables = Exact<{
  input: InviteMemberInput;
}>;

export type InviteMemberMutation = {
  inviteMember: {
    invitation: { id: string; email: string; role: Role; expiresAt: string; createdAt: string };
  };
};

export type AcceptInvitationMutationVariables = Exact<{
  token: string;
}>;

export type AcceptInvitationMutation = {
  acceptInvitation: {
    membership: {
      id: string;
      role: Role;
      organization: { id: string; slug: string; name: string; personal: boolean };
    };
  };
};

export type UpdateMemberRoleMutationVariables = Exact<{
  membershipId: string | number;
  role: Role;
}>;

export type UpdateMemberRoleMutation = {
  updateMemberRole: { membership: { id: string; role: Role } };
};

export type RemoveMemberMutationVariables = Exact<{
  membershipId: string | number;
}>;

export type RemoveMemberMutation = { removeMember: { ok: boolean } };

export type LeaveOrganizationMutationVariables = Exact<{
  organizationId: string | number;
}>;

export type LeaveOrganizationMutation = { leaveOrganization: { ok: boolean } };

export type CreateModelMutationVariables = Exact<{
  input: CreateModelInput;
}>;

export type CreateModelMutation = { createModel: { id: string; slug: string; fullName: string } };

export type UpdateModelMutationVariables = Exact<{
  id: string | number;
  input: UpdateModelInput;
}>;

export type UpdateModelMutation = { updateModel: { id: string; visibility: Visibility } };

export type SetDraftPriceMutationVariables = Exact<{
  id: string | number;
  price: PriceInput;
}>;

export type SetDraftPriceMutation = { setDraftPrice: { id: string; status: ModelVersionStatus } };

export type PublishModelVersionMutationVariables = Exact<{
  id: string | number;
}>;

export type PublishModelVersionMutation = {
  publishModelVersion: { id: string; version: string; status: ModelVersionStatus };
};

export type RotateWebhookSigningSecretMutationVariables = Exact<{ [key: string]: never }>;

export type RotateWebhookSigningSecretMutation = { rotateWebhookSigningSecret: string };

export type PlaygroundRecognizeTextMutationVariables = Exact<{
  model: string;
  image: ImageInput;
  idempotencyKey?: string | null | undefined;
}>;

export type PlaygroundRecognizeTextMutation = {
  recognizeText: {
    id: string;
    model: string;
    costMicros: string;
    currency: string;
    text: string;
    width: number;
    height: number;
    lines: Array<{
      text: string;
      confidence: number;
      box: { x: number; y: number; width: number; height: number };
      polygon: Array<{ x: number; y: number }>;
    }>;
    timings: { totalMs: number };
  };
};

export type PlaygroundPredictImageMutationVariables = Exact<{
  model: string;
  image: ImageInput;
  topK?: number | null | undefined;
  idempotencyKey?: string | null | undefined;
}>;

export type PlaygroundPredictImageMutation = {
  predictImage: {
    id: string;
    model: string;
    costMicros: string;
    currency: string;
    labels: Array<{ label: string; score: number }> | null;
    outputs: Array<{
      name: string;
      datatype: Datatype;
      shape: Array<number>;
      data: Array<number> | null;
    }>;
    timings: { totalMs: number };
  };
};

export type ApiKeyFieldsFragment = {
  id: string;
  name: string;
  prefix: string;
  scopes: Array<ApiKeyScope>;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  rateLimitPerMinute: number | null;
  monthlySpendLimitMicros: string | null;
};

export type ApiKeysQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type ApiKeysQuery = {
  viewer: {
    organization: {
      id: string;
      apiKeys: {
        edges: Array<{
          node: {
            id: string;
            name: string;
            prefix: string;
            scopes: Array<ApiKeyScope>;
            expiresAt: string | null;
            revokedAt: string | null;
            lastUsedAt: string | null;
            createdAt: string;
            rateLimitPerMinute: number | null;
            monthlySpendLimitMicros: string | null;
          };
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
  } | null;
};

export type AuditLogQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type AuditLogQuery = {
  viewer: {
    organization: {
      id: string;
      auditLog: {
        edges: Array<{
          node: {
            id: string;
            action: string;
            actor: string | null;
            targetType: string | null;
            targetId: string | null;
            ip: string | null;
            metadata: unknown;
            createdAt: string;
          };
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
  } | null;
};

export type BillingQueryVariables = Exact<{
  ledgerFirst: number;
  ledgerAfter?: string | null | undefined;
  from: string;
  to: string;
  readLedger: boolean;
  readUsage: boolean;
  readBilling: boolean;
}>;

export type BillingQuery = {
  billingMode: string;
  viewer: {
    organization: {
      id: string;
      billingMode: string;
      monthlySpendLimitMicros?: string | null;
      spentThisMonthMicros?: string;
      ledger?: {
        balanceMicros: string;
        hasNextPage: boolean;
        endCursor: string | null;
        entries: Array<{
          id: string;
          kind: string;
          amountMicros: string;
          currency: string;
          description: string;
          createdAt: string;
        }>;
      };
      usageByDay?: Array<{
        group: string;
        label: string;
        calls: number;
        quantity: string;
        amountMicros: string;
        currency: string;
      }>;
      usageByModel?: Array<{
        group: string;
        label: string;
        calls: number;
        quantity: string;
        amountMicros: string;
        currency: string;
      }>;
      invoices?: Array<{
        id: string;
        number: string | null;
        status: string;
        periodStart: string;
        periodEnd: string;
        amountDueMicros: string;
        amountPaidMicros: string;
        currency: string;
        hostedInvoiceUrl: string | null;
      }>;
      earnings?: Array<{
        id: string;
        periodStart: string;
        status: string;
        grossMicros: string;
        feeMicros: string;
        netMicros: string;
        currency: string;
      }>;
    } | null;
  } | null;
};

export type UsageRowFieldsFragment = {
  group: string;
  label: string;
  calls: number;
  quantity: string;
  amountMicros: string;
  currency: string;
};

export type CatalogQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  query?: string | null | undefined;
  task?: ModelTask | null | undefined;
  tags?: Array<string> | string | null | undefined;
  sort?: CatalogSort | null | undefined;
}>;

export type CatalogQuery = {
  models: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        id: string;
        slug: string;
        fullName: string;
        name: string;
        summary: string;
        task: ModelTask;
        license: string;
        tags: Array<string>;
        callsLast30Days: number;
        publisher: { slug: string; name: string };
        latestVersion: {
          version: string;
          status: ModelVersionStatus;
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

export type MailModeQueryVariables = Exact<{ [key: string]: never }>;

export type MailModeQuery = { mailMode: string };

export type DevMailboxQueryVariables = Exact<{
  email: string;
}>;

export type DevMailboxQuery = {
  devMailbox: Array<{ to: string; subject: string; text: string; createdAt: string }>;
};

export type MembersQueryVariables = Exact<{ [key: string]: never }>;

export type MembersQuery = {
  viewer: {
    organization: {
      id: string;
      members: Array<{
        id: string;
        role: Role;
        createdAt: string;
        user: { id: string; email: string; name: string | null };
      }>;
    } | null;
  } | null;
};

export type InvitationsQueryVariables = Exact<{ [key: string]: never }>;

export type InvitationsQuery = {
  viewer: {
    organization: {
      id: string;
      invitations: Array<{
        id: string;
        email: string;
        role: Role;
        expiresAt: string;
        createdAt: string;
      }>;
    } | null;
  } | null;
};

export type ModelQueryVariables = Exact<{
  ref: string;
  usageDays: number;
}>;

export type ModelQuery = {
  model: {
    id: string;
    fullName: string;
    name: string;
    summary: string;
    description: string;
    task: ModelTask;
    license: string;
    tags: Array<string>;
    publisher: { slug: string; name: string };
    versions: {
      edges: Array<{
        node: {
          version: string;
          status: ModelVersionStatus;
          sha256: string;
          sizeBytes: string;
          runtimeConfig: unknown;
          inputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
          outputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
          prices: Array<{
            unit: PriceUnit;
            amountMicros: string;
            currency: string;
            freeAllowance: number;
          }>;
          evaluationResults: Array<{
            dataset: string;
            metric: string;
            value: number;
            method: string;
            measuredAt: string;
          }>;
        };
      }>;
    };
    dailyCalls: Array<{ day: string; calls: number }>;
  } | null;
};

export type IsPlatformAdminQueryVariables = Exact<{ [key: string]: never }>;

export type IsPlatformAdminQuery = { isPlatformAdmin: boolean };

export type PlatformRunnersQueryVariables = Exact<{ [key: string]: never }>;

export type PlatformRunnersQuery = {
  platformRunners: Array<{
    id: string;
    name: string;
    url: string;
    status: string;
    capabilities: unknown;
    startedAt: string;
    lastHeartbeatAt: string;
    reachable: boolean;
    unreachableReason: string | null;
    rssBytes: string | null;
    loadedModelsMemoryBytes: string | null;
    memoryBudgetBytes: string | null;
    models: Array<{
      modelVersionId: string;
      model: string | null;
      version: string | null;
      state: string;
      error: string | null;
      updatedAt: string | null;
      queueDepth: number | null;
      instances: number | null;
      busyInstances: number | null;
      memoryBytes: string | null;
    }>;
  }>;
};

export type PlatformTenantsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type PlatformTenantsQuery = {
  platformTenants: {
    totalCount: number;
    hasNextPage: boolean;
    endCursor: string | null;
    tenants: Array<{
      id: string;
      slug: string;
      name: string;
      personal: boolean;
      billingMode: string;
      createdAt: string;
      memberCount: number;
      balanceMicros: string;
      callsLast30Days: number;
    }>;
  };
};

export type PublisherModelsQueryVariables = Exact<{
  publisher: string;
  first: number;
}>;

export type PublisherModelsQuery = {
  models: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        slug: string;
        fullName: string;
        name: string;
        task: ModelTask;
        visibility: Visibility;
        createdAt: string;
        versions: { edges: Array<{ node: { status: ModelVersionStatus } }> };
      };
    }>;
  };
};

export type PublisherModelQueryVariables = Exact<{
  ref: string;
}>;

export type PublisherModelQuery = {
  model: {
    id: string;
    slug: string;
    fullName: string;
    name: string;
    summary: string;
    description: string;
    task: ModelTask;
    license: string;
    tags: Array<string>;
    visibility: Visibility;
    createdAt: string;
    versions: {
      edges: Array<{
        node: {
          id: string;
          version: string;
          status: ModelVersionStatus;
          sha256: string;
          sizeBytes: string;
          opset: number | null;
          producer: string | null;
          parameterCount: string | null;
          publishedAt: string | null;
          inputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
          outputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
          prices: Array<{
            unit: PriceUnit;
            amountMicros: string;
            currency: string;
            freeAllowance: number;
          }>;
        };
      }>;
    };
  } | null;
};

export type UsageDashboardQueryVariables = Exact<{
  from: string;
  to: string;
}>;

export type UsageDashboardQuery = {
  viewer: {
    organization: {
      id: string;
      byDay: Array<{
        group: string;
        label: string;
        calls: number;
        quantity: string;
        amountMicros: string;
        currency: string;
      }>;
      byModel: Array<{
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

export type DashboardUsageRowFragment = {
  group: string;
  label: string;
  calls: number;
  quantity: string;
  amountMicros: string;
  currency: string;
};

export type OrganizationSummaryFieldsFragment = {
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
    user: { id: string; email: string; name: string | null; emailVerified: boolean } | null;
    organization: { id: string; slug: string; name: string; personal: boolean } | null;
    organizations: Array<{
      id: string;
      role: Role;
      organization: { id: string; slug: string; name: string; personal: boolean };
    }>;
  } | null;
};

export type WebhookSigningSecretQueryVariables = Exact<{ [key: string]: never }>;

export type WebhookSigningSecretQuery = { webhookSigningSecret: string };

export type AsyncPredictionsQueryVariables = Exact<{
  first: number;
}>;

export type AsyncPredictionsQuery = {
  predictions: {
    edges: Array<{
      node: {
        id: string;
        status: PredictionStatus;
        model: string | null;
        createdAt: string;
        completedAt: string | null;
        costMicros: string | null;
        currency: string | null;
        webhook: string | null;
        error: { code: string; message: string } | null;
        webhookDeliveries: Array<{
          event: PredictionWebhookEvent;
          attempt: number;
          statusCode: number | null;
          error: string | null;
          succeeded: boolean;
          createdAt: string;
        }>;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type VersionFieldsFragment = {
  version: string;
  status: ModelVersionStatus;
  inputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
  outputs: Array<{ name: string; datatype: Datatype; shape: Array<number> }>;
  prices: Array<{ unit: PriceUnit; amountMicros: string; currency: string; freeAllowance: number }>;
};

/** Every operation the portal sends, by name, with the variables it takes. */
export interface PortalOperationVariables {
  AcceptInvitation: AcceptInvitationMutationVariables;
  ApiKeys: ApiKeysQueryVariables;
  AsyncPredictions: AsyncPredictionsQueryVariables;
  AuditLog: AuditLogQueryVariables;
  Billing: BillingQueryVariables;
  Catalog: CatalogQueryVariables;
  CreateApiKey: CreateApiKeyMutationVariables;
  CreateModel: CreateModelMutationVariables;
  CreateOrganization: CreateOrganizationMutationVariables;
  CreateTopUpCheckout: CreateTopUpCheckoutMutationVariables;
  DevMailbox: DevMailboxQueryVariables;
  Invitations: InvitationsQueryVariables;
  InviteMember: InviteMemberMutationVariables;
  IsPlatformAdmin: IsPlatformAdminQueryVariables;
  LeaveOrganization: LeaveOrganizationMutationVariables;
  MailMode: MailModeQueryVariables;
  Members: MembersQueryVariables;
  Model: ModelQueryVariables;
  PlatformRunners: PlatformRunnersQueryVariables;
  PlatformTenants: PlatformTenantsQueryVariables;
  PlaygroundPredictImage: PlaygroundPredictImageMutationVariables;
  PlaygroundRecognizeText: PlaygroundRecognizeTextMutationVariables;
  PublishModelVersion: PublishModelVersionMutationVariables;
  PublisherModel: PublisherModelQueryVariables;
  PublisherModels: PublisherModelsQueryVariables;
  RemoveMember: RemoveMemberMutationVariables;
  RequestPasswordReset: RequestPasswordResetMutationVariables;
  ResetPassword: ResetPasswordMutationVariables;
  RevokeApiKey: RevokeApiKeyMutationVariables;
  RotateWebhookSigningSecret: RotateWebhookSigningSecretMutationVariables;
  SetDraftPrice: SetDraftPriceMutationVariables;
  SetMonthlySpendLimit: SetMonthlySpendLimitMutationVariables;
  SignInWithOAuth: SignInWithOAuthMutationVariables;
  SignInWithPassword: SignInWithPasswordMutationVariables;
  SignUp: SignUpMutationVariables;
  UpdateMemberRole: UpdateMemberRoleMutationVariables;
  UpdateModel: UpdateModelMutationVariables;
  UsageDashboard: UsageDashboardQueryVariables;
  VerifyEmail: VerifyEmailMutationVariables;
  Viewer: ViewerQueryVariables;
  WebhookSigningSecret: WebhookSigningSecretQueryVariables;
}
