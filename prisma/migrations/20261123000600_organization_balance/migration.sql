-- The balance as a column kept by the database: a charge read it as the sum of the whole ledger,
-- which grows with every call. LedgerEntry is append-only: inserts add to the balance (one
-- UPDATE per organization per statement, through a transition table, so a charge group's rows
-- cost one update), updates of an amount are refused, and deletes (only by the cascade of a
-- deleted organization) subtract.

ALTER TABLE "Organization" ADD COLUMN "balanceMicros" BIGINT NOT NULL DEFAULT 0;

UPDATE "Organization" o
SET "balanceMicros" = s.total
FROM (SELECT "organizationId", sum("amountMicros")::bigint AS total
      FROM "LedgerEntry" GROUP BY "organizationId") s
WHERE o.id = s."organizationId";

-- Security definer: the app role inserts ledger rows; the balance follows whatever role did.
CREATE FUNCTION app_ledger_balance_add() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE "Organization" o
  SET "balanceMicros" = o."balanceMicros" + s.total
  FROM (SELECT "organizationId", sum("amountMicros")::bigint AS total
        FROM added GROUP BY "organizationId") s
  WHERE o.id = s."organizationId";
  RETURN NULL;
END
$$;

CREATE FUNCTION app_ledger_balance_subtract() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE "Organization" o
  SET "balanceMicros" = o."balanceMicros" - s.total
  FROM (SELECT "organizationId", sum("amountMicros")::bigint AS total
        FROM removed GROUP BY "organizationId") s
  WHERE o.id = s."organizationId";
  RETURN NULL;
END
$$;

CREATE FUNCTION app_ledger_refuse_amount_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."amountMicros" IS DISTINCT FROM OLD."amountMicros"
     OR NEW."organizationId" IS DISTINCT FROM OLD."organizationId" THEN
    RAISE EXCEPTION 'ledger entries are append-only: post an adjustment instead of changing %', OLD.id
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER ledger_balance_add AFTER INSERT ON "LedgerEntry"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION app_ledger_balance_add();
CREATE TRIGGER ledger_balance_subtract AFTER DELETE ON "LedgerEntry"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION app_ledger_balance_subtract();
CREATE TRIGGER ledger_append_only BEFORE UPDATE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION app_ledger_refuse_amount_change();
