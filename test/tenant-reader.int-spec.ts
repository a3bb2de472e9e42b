import { randomUUID } from 'node:crypto';
import { Database, migrate, openDatabase } from '../src/app-database';
import { TenantReader } from '../src/shared/read-model/tenant-reader';
import { LeadView } from '../projections/crm/lead.entity';
import { createTestDatabase, TestDatabase } from './support/postgres';

/**
 * TenantReader's connections keep role and tenant between reads (one round trip per query), so
 * these pin down that a connection reused by another tenant never shows the previous one's rows.
 */
describe('TenantReader (PostgreSQL, row-level security)', () => {
  let db: TestDatabase;
  let database: Database;
  let reader: TenantReader;

  const leadIds: Record<string, string[]> = { acme: [], globex: [] };
  const leadsOf = (tenantId: string) =>
    reader.read(tenantId, async (em) =>
      (await em.execute<{ id: string; tenant_id: string }[]>(`SELECT id, tenant_id FROM crm_leads ORDER BY id`)).map((row) => row.tenant_id),
    );

  beforeAll(async () => {
    db = await createTestDatabase('tenant_reader');
    database = await openDatabase(db.url, { poolSize: 2 });
    await migrate(database);
    reader = new TenantReader(database.readers);
    for (const tenantId of ['acme', 'acme', 'acme', 'globex', 'globex']) {
      const id = randomUUID();
      leadIds[tenantId].push(id);
      await database.pool.query(
        `INSERT INTO crm_leads (id, tenant_id, name, email, status, source, created_at, updated_at, revision)
         VALUES ($1, $2, 'Lead', 'lead@example.com', 'NEW', 'web', now(), now(), 0)`,
        [id, tenantId],
      );
    }
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it('shows each read only its own tenant, also when reads of two tenants interleave on few connections', async () => {
    const tenants = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 'globex' : 'acme'));
    const seen = await Promise.all(tenants.map((tenantId) => leadsOf(tenantId)));
    seen.forEach((rows, i) => {
      expect(rows).toHaveLength(leadIds[tenants[i]].length);
      expect(new Set(rows)).toEqual(new Set([tenants[i]]));
    });
  });

  it('relies on row-level security, not only on WHERE clauses: an unfiltered count sees one tenant', async () => {
    const count = (tenantId: string) =>
      reader.read(tenantId, async (em) => (await em.execute<{ n: number }[]>(`SELECT count(*)::int AS n FROM crm_leads`))[0].n);
    expect(await count('acme')).toBe(3);
    expect(await count('globex')).toBe(2);
    expect(await count('initech')).toBe(0);
  });

  it('shows nothing to a query on the readers outside a tenant read', async () => {
    await leadsOf('acme'); // leaves a connection set to acme
    const rows = await database.readers.em.fork().execute(`SELECT id FROM crm_leads`);
    expect(rows).toEqual([]);
  });

  it('cannot write: the readers run as annals_reader, with SELECT only', async () => {
    await expect(reader.read('acme', (em) => em.execute(`UPDATE crm_leads SET name = 'changed' WHERE tenant_id = 'acme'`))).rejects.toThrow(
      /permission denied/,
    );
    const names = await database.pool.query(`SELECT DISTINCT name FROM crm_leads`);
    expect(names.rows).toEqual([{ name: 'Lead' }]);
  });

  it('reads one row by id as the entity, and only within the tenant', async () => {
    const [acmeLead] = leadIds.acme;
    const own = await reader.byId('acme', LeadView, acmeLead);
    expect(own).toMatchObject({ id: acmeLead, tenantId: 'acme', status: 'NEW', revision: 0n });
    expect(own?.createdAt).toBeInstanceOf(Date);
    expect(await reader.byId('globex', LeadView, acmeLead)).toBeNull();
    // Even a caller that names the wrong tenant in its filter gets nothing past row-level security.
    expect(await reader.read('globex', (em) => reader.findById(em, LeadView, 'acme', acmeLead))).toBeNull();
  });

  it('refuses a read without a tenant', async () => {
    await expect(reader.read('', async () => 1)).rejects.toThrow(/tenant is required/);
  });
});
