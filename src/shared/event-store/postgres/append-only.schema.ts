/**
 * The log is append-only in the database itself, not only by convention: a trigger refuses every
 * UPDATE, DELETE and TRUNCATE of es_events, whoever runs it (the owner included), and the
 * application's role `annals_app` holds SELECT and INSERT only. What is left is a superuser who
 * disables the trigger (`session_replication_role = replica`): the per-tenant hash chain
 * (src/audit/chain/) is what makes that visible. Idempotent, like the store's schema.
 *
 * The tenant index serves every per-tenant walk of the log in position order: the chain's
 * verification, the export, and "as known at" reports.
 */
export const appendOnlySql = /* sql */ `
CREATE INDEX IF NOT EXISTS es_events_tenant_position_idx ON es_events (tenant_id, position);

CREATE OR REPLACE FUNCTION es_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $es_refuse$
BEGIN
  RAISE EXCEPTION 'es_events is append-only: % is refused (events are facts; append a correcting event instead)', TG_OP
    USING ERRCODE = '42501', HINT = 'the event log keeps every stored event as it was written';
END
$es_refuse$;

DROP TRIGGER IF EXISTS es_events_append_only ON es_events;
CREATE TRIGGER es_events_append_only BEFORE UPDATE OR DELETE ON es_events FOR EACH ROW EXECUTE FUNCTION es_refuse_change();
DROP TRIGGER IF EXISTS es_events_no_truncate ON es_events;
CREATE TRIGGER es_events_no_truncate BEFORE TRUNCATE ON es_events FOR EACH STATEMENT EXECUTE FUNCTION es_refuse_change();

DO $es_app_role$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'annals_app') THEN
    BEGIN
      CREATE ROLE annals_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN
      RAISE NOTICE 'could not create annals_app: %', SQLERRM;
    END;
  END IF;
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'annals_app') THEN
    EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON es_events FROM PUBLIC, annals_app';
    EXECUTE 'GRANT SELECT, INSERT ON es_events TO annals_app';
    EXECUTE 'GRANT USAGE, SELECT, UPDATE ON SEQUENCE es_position_seq TO annals_app';
  END IF;
END
$es_app_role$;
`;
