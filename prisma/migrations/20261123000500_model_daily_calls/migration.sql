-- Calls per day of one model, for the usage chart on its page. Like app_model_usage_counts it
-- must count every consumer's calls although row-level security shows each organization only
-- its own usage events, so it runs as the owner (SECURITY DEFINER) and answers counts only,
-- never who called. It repeats the catalog's visibility rule itself (public, or owned by the
-- viewing organization), so a caller that knows a private model's id learns nothing from it.
CREATE FUNCTION app_model_daily_calls(model_id text, viewer_organization_id text, since timestamptz)
  RETURNS TABLE (day date, calls bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT (u."createdAt" AT TIME ZONE 'UTC')::date AS day, count(*)::bigint
    FROM "UsageEvent" u
    JOIN "ModelVersion" v ON v.id = u."modelVersionId"
    JOIN "Model" m ON m.id = v."modelId"
    WHERE v."modelId" = model_id
      AND u."createdAt" >= since
      AND (m.visibility = 'PUBLIC' OR m."organizationId" = viewer_organization_id)
    GROUP BY 1
  $$;

REVOKE ALL ON FUNCTION app_model_daily_calls(text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_model_daily_calls(text, text, timestamptz) TO modelhub_app;
