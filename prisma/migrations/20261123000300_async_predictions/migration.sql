-- Async predictions (createPrediction, run by the api's prediction workers), their webhook
-- deliveries and each organization's webhook signing secret.
-- CreateEnum
CREATE TYPE "PredictionMode" AS ENUM ('SYNC', 'ASYNC');

-- CreateEnum
CREATE TYPE "PredictionWebhookEvent" AS ENUM ('START', 'COMPLETED');

-- AlterTable
ALTER TABLE "Prediction" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "expiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "mode" "PredictionMode" NOT NULL DEFAULT 'SYNC',
ADD COLUMN     "purgedAt" TIMESTAMPTZ(3),
ADD COLUMN     "queueJobId" TEXT,
ADD COLUMN     "requestedOutputs" TEXT[],
DROP COLUMN "webhookEvents",
ADD COLUMN     "webhookEvents" "PredictionWebhookEvent"[];

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "predictionId" TEXT NOT NULL,
    "event" "PredictionWebhookEvent" NOT NULL,
    "messageId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookSigningSecret" (
    "organizationId" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookSigningSecret_pkey" PRIMARY KEY ("organizationId")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_predictionId_createdAt_idx" ON "WebhookDelivery"("predictionId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_organizationId_createdAt_idx" ON "WebhookDelivery"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Prediction_expiresAt_idx" ON "Prediction"("expiresAt");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookSigningSecret" ADD CONSTRAINT "WebhookSigningSecret_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Tenant rows, under the same row-level security as every other tenant table.
ALTER TABLE "WebhookDelivery" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "WebhookDelivery"
  USING ("organizationId" = app_current_organization());
ALTER TABLE "WebhookSigningSecret" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "WebhookSigningSecret"
  USING ("organizationId" = app_current_organization());

-- The api's job queue (pg-boss) lives in a schema of its own that the app role may create
-- tables in: the api connects as modelhub_app, which can neither create schemas nor read the
-- worker's queue. Jobs carry ids only; inputs and outputs stay in "Prediction", under RLS.
CREATE SCHEMA IF NOT EXISTS api_jobs;
GRANT USAGE, CREATE ON SCHEMA api_jobs TO modelhub_app;
