// @modelhub/sdk: the typed client for the Modelhub GraphQL API.
export {
  Modelhub,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type ModelhubOptions,
} from './modelhub-client.ts';
export type { BackoffOptions } from './retry-policy.ts';
export { DEFAULT_BACKOFF } from './retry-policy.ts';
export { PageRequest, type Page } from './pagination.ts';
export type {
  ListModelsParams,
  Model,
  ModelDetails,
  ModelsResource,
  ModelVersion,
  Price,
  TensorSpec,
} from './resources/models.ts';
export type {
  ApiKey,
  ApiKeysResource,
  CreateApiKeyParams,
  CreatedApiKey,
  ListApiKeysParams,
} from './resources/api-keys.ts';
export type { Prediction, PredictOptions, Tensor } from './predict.ts';
export type {
  AsyncPrediction,
  CreatePredictionOptions,
  PredictionsResource,
  WaitOptions,
  WebhookDelivery,
} from './resources/predictions.ts';
export type { UsageParams, UsageResource, UsageRow } from './resources/usage.ts';
export type { WebhookSecretsResource } from './resources/webhook-secrets.ts';
export type { TensorInput } from './tensor-checks.ts';
export type { Organization, Viewer } from './viewer.ts';
export type {
  ApiKeyScope,
  CatalogSort,
  Datatype,
  ModelTask,
  ModelVersionStatus,
  PredictionMode,
  PredictionStatus,
  PredictionWebhookEvent,
  PriceUnit,
  Role,
  UsageGrouping,
  Visibility,
} from './generated/graphql.ts';
export {
  API_ERROR_STATUS,
  BadUserInputError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  GatewayTimeoutError,
  InternalServerError,
  InvalidResponseError,
  ModelhubError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  RateLimitedError,
  RequestTimeoutError,
  ResourceExhaustedError,
  ServiceUnavailableError,
  UnauthenticatedError,
  type ApiErrorCode,
  type ClientErrorCode,
  type ModelhubErrorDetails,
} from './errors.ts';
export {
  verifyWebhook,
  WebhookVerificationError,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  type WebhookHeaders,
  type WebhookVerificationErrorCode,
} from './webhooks.ts';
