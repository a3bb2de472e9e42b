import { Migration } from '@mikro-orm/migrations';

/**
 * The identity context. `tenants`, `users` and `api_keys` become read models of the identity events
 * (projectors write them, rebuilt from the log like any other; users and API keys readable as
 * `annals_reader` under row-level security). What must never be in the log lives in write-side
 * tables: password hashes (`user_credentials`, which also holds each email once across tenants),
 * invitation and reset tokens (`user_tokens`, hashed, single use) and API key secrets
 * (`api_key_secrets`, hashed). Existing users keep their passwords: their hashes move over.
 */
export class Migration20261202000100IdentityContext extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS user_credentials (
        user_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        email text NOT NULL UNIQUE,
        password_hash text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO user_credentials (user_id, tenant_id, email, password_hash)
        SELECT id, tenant_id, email, password_hash FROM users ON CONFLICT DO NOTHING;

      ALTER TABLE users DROP CONSTRAINT IF EXISTS users_tenant_id_fkey;
      ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;
      ALTER TABLE users DROP COLUMN IF EXISTS password_hash;
      ALTER TABLE users ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'ACTIVE';
      ALTER TABLE users ADD COLUMN IF NOT EXISTS active boolean NOT NULL DEFAULT true;
      ALTER TABLE users ADD COLUMN IF NOT EXISTS invited_by text;
      ALTER TABLE users ADD COLUMN IF NOT EXISTS joined_at timestamptz;
      ALTER TABLE users ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
      ALTER TABLE users ADD COLUMN IF NOT EXISTS revision bigint NOT NULL DEFAULT 0;
      CREATE INDEX IF NOT EXISTS users_tenant_email ON users (tenant_id, email);

      ALTER TABLE tenants ADD COLUMN IF NOT EXISTS time_zone text NOT NULL DEFAULT 'UTC';
      ALTER TABLE tenants ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

      CREATE TABLE IF NOT EXISTS user_tokens (
        token_hash text PRIMARY KEY,
        tenant_id text NOT NULL,
        user_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS user_tokens_user ON user_tokens (user_id, purpose);

      CREATE TABLE IF NOT EXISTS api_keys (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        prefix text NOT NULL,
        created_by text NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS api_keys_tenant_created ON api_keys (tenant_id, created_at DESC);

      CREATE TABLE IF NOT EXISTS api_key_secrets (
        api_key_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        secret_hash text NOT NULL,
        last_used_at timestamptz
      );

      GRANT SELECT ON users, api_keys TO annals_reader;
      ALTER TABLE users ENABLE ROW LEVEL SECURITY;
      ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS tenant_isolation ON users;
      CREATE POLICY tenant_isolation ON users USING (tenant_id = current_setting('app.tenant_id', true));
      DROP POLICY IF EXISTS tenant_isolation ON api_keys;
      CREATE POLICY tenant_isolation ON api_keys USING (tenant_id = current_setting('app.tenant_id', true));
    `);
  }
}
