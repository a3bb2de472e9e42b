import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../database/transaction';

/** The schema a projector's rebuild builds its tables in: one per projector, so two rebuilds never see each other's. */
export const shadowSchemaFor = (processor: string): string => `annals_rebuild_${processor.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;

/**
 * Creates empty copies of a projector's tables in its shadow schema: columns, defaults, indexes,
 * constraints (LIKE ... INCLUDING ALL), and what LIKE leaves out: row-level security (enabled and
 * forced as on the live table), the live table's policies and its grants (annals_reader's SELECT).
 * Once moved into public at the switch, the new table is guarded exactly as the old one was.
 */
export const createShadowTables = (pool: Pool, schema: string, tables: readonly string[]): Promise<void> =>
  inTransaction(pool, async (tx) => {
    const s = tx.escapeIdentifier(schema);
    await tx.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; CREATE SCHEMA ${s}`);
    for (const table of tables) {
      const live = `public.${tx.escapeIdentifier(table)}`;
      const shadow = `${s}.${tx.escapeIdentifier(table)}`;
      await tx.query(`CREATE TABLE ${shadow} (LIKE ${live} INCLUDING ALL)`);
      const { rows: rls } = await tx.query(`SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = $1::regclass`, [live]);
      if (rls[0]?.relrowsecurity) await tx.query(`ALTER TABLE ${shadow} ENABLE ROW LEVEL SECURITY`);
      if (rls[0]?.relforcerowsecurity) await tx.query(`ALTER TABLE ${shadow} FORCE ROW LEVEL SECURITY`);
      const { rows: policies } = await tx.query(
        `SELECT policyname, permissive, roles::text[] AS roles, cmd, qual, with_check FROM pg_policies WHERE schemaname = 'public' AND tablename = $1`,
        [table],
      );
      for (const policy of policies) await tx.query(createPolicySql(tx, shadow, policy));
      const { rows: grants } = await tx.query(
        `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS grantee, a.privilege_type
           FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = $1::regclass AND a.grantee <> c.relowner`,
        [live],
      );
      // regrole::text is already quoted as an identifier needs to be.
      for (const grant of grants) await tx.query(`GRANT ${grant.privilege_type} ON ${shadow} TO ${grant.grantee}`);
    }
  });

/** Planner statistics for the built tables, before they answer queries. */
export const analyzeShadowTables = async (pool: Pool, schema: string, tables: readonly string[]): Promise<void> => {
  for (const table of tables) await pool.query(`ANALYZE ${ident(schema)}.${ident(table)}`);
};

interface PolicyRow {
  policyname: string;
  permissive: string;
  roles: string[];
  cmd: string;
  qual: string | null;
  with_check: string | null;
}

const createPolicySql = (tx: PoolClient, table: string, policy: PolicyRow): string => {
  const roles = policy.roles.map((role) => (role === 'public' ? 'PUBLIC' : tx.escapeIdentifier(role))).join(', ');
  return (
    `CREATE POLICY ${tx.escapeIdentifier(policy.policyname)} ON ${table} AS ${policy.permissive} FOR ${policy.cmd} TO ${roles}` +
    (policy.qual ? ` USING (${policy.qual})` : '') +
    (policy.with_check ? ` WITH CHECK (${policy.with_check})` : '')
  );
};

/** An index's definition without its name and table, to find the new table's counterpart of each old index. */
const INDEXES_SQL = `SELECT c.relname AS name, regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+', 'CREATE \\1INDEX ON') AS definition
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass`;

/**
 * In the switch-over's transaction: drops the live tables, moves the shadow ones into public
 * under the same names, and gives their indexes the old ones' names (later migrations may name
 * them). Queries under way hold the live tables for their few milliseconds; the lock timeout
 * keeps a stuck one from holding every reader behind the switch (the rebuild then tries again).
 */
export const swapInShadowTables = async (tx: PoolClient, schema: string, tables: readonly string[]): Promise<void> => {
  await tx.query(`SET LOCAL lock_timeout = '5s'`);
  for (const table of tables) {
    const live = `public.${tx.escapeIdentifier(table)}`;
    const oldIndexes = (await tx.query<{ name: string; definition: string }>(INDEXES_SQL, [live])).rows;
    await tx.query(`DROP TABLE ${live}`);
    await tx.query(`ALTER TABLE ${tx.escapeIdentifier(schema)}.${tx.escapeIdentifier(table)} SET SCHEMA public`);
    const newIndexes = (await tx.query<{ name: string; definition: string }>(INDEXES_SQL, [live])).rows;
    for (const old of oldIndexes) {
      const counterpart = newIndexes.find((index) => index.definition === old.definition);
      if (!counterpart || counterpart.name === old.name) continue;
      newIndexes.splice(newIndexes.indexOf(counterpart), 1);
      await tx.query(`ALTER INDEX public.${tx.escapeIdentifier(counterpart.name)} RENAME TO ${tx.escapeIdentifier(old.name)}`);
    }
  }
};

export const dropShadowSchema = async (pool: Pool, schema: string): Promise<void> => {
  await pool.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
