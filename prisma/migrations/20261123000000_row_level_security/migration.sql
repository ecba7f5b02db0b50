-- Row-level security: the api connects as `modelhub_app`, a role without BYPASSRLS, and sees
-- only the rows of the organization its transaction names in `app.organization_id` (set by
-- `withTenant`). Migrations, the seed, runners and platform jobs use the owner role, which
-- bypasses these policies. `app.user_id` lets a signed-in user see their own memberships in
-- every organization (to list and switch them).

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'modelhub_app') THEN
    CREATE ROLE modelhub_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO modelhub_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO modelhub_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO modelhub_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO modelhub_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO modelhub_app;
-- The app never touches Prisma's bookkeeping (absent from the shadow database of a diff).
DO $$
BEGIN
  IF to_regclass('public."_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM modelhub_app;
  END IF;
END
$$;

CREATE FUNCTION app_current_organization() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.organization_id', true), '') $$;
CREATE FUNCTION app_current_user() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.user_id', true), '') $$;

-- Tables only the owning organization sees.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Invitation', 'ApiKey', 'Prediction', 'LedgerEntry', 'Invoice',
                           'EarningsStatement', 'AuditLog']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("organizationId" = app_current_organization())', t);
  END LOOP;
END
$$;

-- Members of the current organization, plus the signed-in user's own memberships elsewhere.
ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
CREATE POLICY membership_read ON "Membership" FOR SELECT
  USING ("organizationId" = app_current_organization() OR "userId" = app_current_user());
CREATE POLICY membership_write ON "Membership" FOR ALL
  USING ("organizationId" = app_current_organization())
  WITH CHECK ("organizationId" = app_current_organization());

-- Usage is seen by the consumer and, for earnings, by the publisher; only consumers write it.
ALTER TABLE "UsageEvent" ENABLE ROW LEVEL SECURITY;
CREATE POLICY usage_read ON "UsageEvent" FOR SELECT
  USING ("organizationId" = app_current_organization()
         OR "publisherOrganizationId" = app_current_organization());
CREATE POLICY usage_write ON "UsageEvent" FOR ALL
  USING ("organizationId" = app_current_organization())
  WITH CHECK ("organizationId" = app_current_organization());

-- The registry: public models are readable by everyone, private ones by their owner only;
-- only the owner writes.
CREATE FUNCTION app_model_is_public(model_id text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM "Model" WHERE id = model_id AND visibility = 'PUBLIC')
  $$;
CREATE FUNCTION app_version_is_public(version_id text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM "ModelVersion" v JOIN "Model" m ON m.id = v."modelId"
                   WHERE v.id = version_id AND m.visibility = 'PUBLIC')
  $$;

ALTER TABLE "Model" ENABLE ROW LEVEL SECURITY;
CREATE POLICY model_read ON "Model" FOR SELECT
  USING (visibility = 'PUBLIC' OR "organizationId" = app_current_organization());
CREATE POLICY model_write ON "Model" FOR ALL
  USING ("organizationId" = app_current_organization())
  WITH CHECK ("organizationId" = app_current_organization());

ALTER TABLE "ModelVersion" ENABLE ROW LEVEL SECURITY;
CREATE POLICY version_read ON "ModelVersion" FOR SELECT
  USING ("organizationId" = app_current_organization() OR app_model_is_public("modelId"));
CREATE POLICY version_write ON "ModelVersion" FOR ALL
  USING ("organizationId" = app_current_organization())
  WITH CHECK ("organizationId" = app_current_organization());

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Price', 'EvaluationResult']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY registry_read ON %I FOR SELECT USING ("organizationId" = app_current_organization() OR app_version_is_public("modelVersionId"))', t);
    EXECUTE format(
      'CREATE POLICY registry_write ON %I FOR ALL USING ("organizationId" = app_current_organization()) WITH CHECK ("organizationId" = app_current_organization())', t);
  END LOOP;
END
$$;

-- Authentication happens before the organization is known: these look up exactly one
-- credential by its public handle and return nothing else.
CREATE FUNCTION app_api_key_by_prefix(key_prefix text)
  RETURNS TABLE (id text, "organizationId" text, "secretHash" text, scopes "ApiKeyScope"[],
                 "expiresAt" timestamptz, "revokedAt" timestamptz, "lastUsedAt" timestamptz,
                 "rateLimitPerMinute" integer, "monthlySpendLimitMicros" bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT id, "organizationId", "secretHash", scopes, "expiresAt", "revokedAt", "lastUsedAt",
           "rateLimitPerMinute", "monthlySpendLimitMicros"
    FROM "ApiKey" WHERE prefix = key_prefix
  $$;

CREATE FUNCTION app_invitation_by_token_hash(token_hash text)
  RETURNS TABLE (id text, "organizationId" text, email text, role "Role",
                 "expiresAt" timestamptz, "acceptedAt" timestamptz, "revokedAt" timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT id, "organizationId", email, role, "expiresAt", "acceptedAt", "revokedAt"
    FROM "Invitation" WHERE "tokenHash" = token_hash
  $$;

REVOKE ALL ON FUNCTION app_api_key_by_prefix(text), app_invitation_by_token_hash(text),
  app_model_is_public(text), app_version_is_public(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_api_key_by_prefix(text), app_invitation_by_token_hash(text),
  app_model_is_public(text), app_version_is_public(text), app_current_organization(),
  app_current_user() TO modelhub_app;
