export { createDb, type Db, type CreateDbOptions } from './client.ts';
export { openDatabase, type Database, type OpenDatabaseOptions } from './database.ts';
export { readDbEnv, repoRoot, type DbEnv } from './env.ts';
export { startEmbeddedPostgres, ensureDatabase } from './embedded-postgres.ts';
export { freePort } from './free-port.ts';
export { loggableError } from './loggable-error.ts';
export { execPrismaCli, migrateDeploy, runPrismaCli } from './migrate.ts';
export { tenantReadClient, withTenant, type Tx } from './tenant.ts';
export {
  billingLockSql,
  createSqlPool,
  sqlClientOf,
  sqlJson,
  sqlLiteral,
  withTenantSql,
  type CreateSqlPoolOptions,
  type SqlClient,
  type SqlPool,
  type SqlTenantOptions,
  type SqlTransaction,
} from './sql-tenant.ts';
export {
  executeSql,
  preparedSql,
  type PreparedSql,
  type PreparedUse,
  type SqlStatement,
} from './prepared-sql.ts';
export { APP_ROLE, appRoleUrl, enableAppRoleLogin } from './app-role.ts';
export {
  apiKeyMatches,
  apiKeyPrefix,
  generateApiKey,
  hashApiKey,
  type NewApiKeyCredentials,
} from './api-key-credentials.ts';
export {
  seedBaseData,
  DEMO_KEY_NAME,
  DEMO_ORG_SLUG,
  DEMO_PUBLISHER_SLUG,
  DEMO_USER_EMAIL,
  TRIAL_CREDIT_MICROS,
  type BaseSeed,
} from './seed.ts';
export * from './generated/prisma/enums.ts';
export { Prisma } from './generated/prisma/client.ts';
export type {
  User,
  Account,
  Session,
  VerificationToken,
  Organization,
  Membership,
  Invitation,
  ApiKey,
  Model,
  ModelVersion,
  Price,
  EvaluationResult,
  Runner,
  RunnerModel,
  Prediction,
  UsageEvent,
  LedgerEntry,
  Invoice,
  StripeEvent,
  EarningsStatement,
  AuditLog,
  WebhookDelivery,
  WebhookSigningSecret,
} from './generated/prisma/client.ts';
