-- Catalog search: PostgreSQL full text over a model's name, summary, card and tags, and the
-- usage counts that rank "most used", which must count every consumer's calls although
-- row-level security shows each organization only its own usage events.

-- array_to_string is only STABLE; an index expression needs an IMMUTABLE function.
CREATE FUNCTION app_model_search_document(name text, summary text, description text, tags text[])
  RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', coalesce(name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(array_to_string(tags, ' '), '')), 'A')
        || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
        || setweight(to_tsvector('english', coalesce(description, '')), 'C')
  $$;

CREATE INDEX "Model_search_idx" ON "Model"
  USING GIN (app_model_search_document(name, summary, description, tags));


-- Calls per model since a moment: counts only, never who called.
CREATE FUNCTION app_model_usage_counts(since timestamptz)
  RETURNS TABLE ("modelId" text, calls bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT v."modelId", count(*)::bigint
    FROM "UsageEvent" u JOIN "ModelVersion" v ON v.id = u."modelVersionId"
    WHERE u."createdAt" >= since
    GROUP BY v."modelId"
  $$;

REVOKE ALL ON FUNCTION app_model_usage_counts(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_model_usage_counts(timestamptz), app_model_search_document(text, text, text, text[]) TO modelhub_app;
