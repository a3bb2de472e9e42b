import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/app';

const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id status } }`;
const QUALIFY = `mutation ($id: ID!) { qualifyLead(id: $id) { id status } }`;
const CONVERT = `mutation ($id: ID!) { convertLead(id: $id) { id } }`;
const REGISTER = `mutation ($input: RegisterClientInput!) { registerClient(input: $input) { id name } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateClientDetailsInput!) { updateClientDetails(id: $id, input: $input) { id name phone } }`;
const LEAD_AT = `query ($id: ID!, $knownAt: DateTime) { lead(id: $id, knownAt: $knownAt) { id status clientId } }`;
const CLIENT_AT = `query ($id: ID!, $knownAt: DateTime) { client(id: $id, knownAt: $knownAt) { id name phone email } }`;
const CHANGES = `query ($entity: String!, $id: ID!) { changes(entity: $entity, id: $id) {
  revision position recordedAt type actor { id kind name email } correlationId fields { field before after } } }`;
const AUDIT_LOG = `query ($filter: AuditLogFilter, $page: Int, $perPage: Int) { auditLog(filter: $filter, page: $page, perPage: $perPage) {
  total items { position recordedAt entity entityId type actor { id kind name email } correlationId causationId ip userAgent data } } }`;
const THREAD = `query ($id: String!) { auditThread(correlationId: $id) { kind position entity entityId type actor { id kind } causationId } }`;
const VERIFY = `query ($from: DateTime, $to: DateTime) { verifyLog(from: $from, to: $to) { ok checked firstBrokenPosition reason headPosition headHash seals { through position intact } } }`;

describe('Audit trail through GraphQL and the export (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let auditor: Record<string, string>;
  let sales: Record<string, string>;
  let globexAuditor: Record<string, string>;

  const as = async (email: string) => ({ authorization: `Bearer ${await t.login(email)}`, 'user-agent': `audit-test ${email}` });
  const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 30));

  beforeAll(async () => {
    t = await startTestApp();
    admin = await as('admin@acme.test');
    auditor = await as('auditor@acme.test');
    sales = await as('sales@acme.test');
    globexAuditor = await as('auditor@globex.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a record as it stood at any moment, and each revision as the fields it changed', async () => {
    const client = (await ok(REGISTER, { input: { name: 'Grace Hopper', email: `grace.${Date.now()}@example.com` } }, sales)).registerClient;
    await pause();
    const afterRegister = new Date();
    await pause();
    await ok(UPDATE, { id: client.id, input: { name: 'Rear Admiral Hopper', phone: '+1 555 0100' } }, sales);
    await pause();
    const afterRename = new Date();
    await pause();
    await ok(UPDATE, { id: client.id, input: { phone: null } }, admin);

    const at = async (knownAt?: Date) => (await ok(CLIENT_AT, { id: client.id, knownAt: knownAt?.toISOString() }, auditor)).client;
    expect(await at(new Date(Date.now() - 3600_000))).toBeNull();
    expect(await at(afterRegister)).toMatchObject({ name: 'Grace Hopper', phone: null });
    expect(await at(afterRename)).toMatchObject({ name: 'Rear Admiral Hopper', phone: '+1 555 0100' });
    expect(await at(new Date())).toEqual(await at());

    const changes = (await ok(CHANGES, { entity: 'client', id: client.id }, auditor)).changes;
    expect(changes.map((c: { revision: number }) => c.revision)).toEqual([0, 1, 2]);
    expect(changes[0].fields).toEqual(expect.arrayContaining([{ field: 'name', before: null, after: 'Grace Hopper' }]));
    expect(changes[1].fields).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'Grace Hopper', after: 'Rear Admiral Hopper' },
        { field: 'phone', before: null, after: '+1 555 0100' },
      ]),
    );
    expect(changes[1].fields.map((f: { field: string }) => f.field)).not.toContain('email');
    expect(changes[2].fields).toEqual([{ field: 'phone', before: '+1 555 0100', after: null }]);
    expect(changes[1].actor).toMatchObject({ kind: 'user', email: 'sales@acme.test' });
    expect(changes[2].actor).toMatchObject({ kind: 'user', email: 'admin@acme.test' });
  });

  it('keeps the whole trail: filters by actor, record, type and time; one thread from a lead to its client', async () => {
    const lead = (await ok(CAPTURE, { input: { name: 'Ada Lovelace', email: `ada.${Date.now()}@example.com` } }, sales)).captureLead;
    await ok(QUALIFY, { id: lead.id }, sales);
    const client = (await ok(CONVERT, { id: lead.id }, sales)).convertLead;
    const byLead = await until(
      () => ok(AUDIT_LOG, { filter: { entity: 'lead', entityId: lead.id } }, auditor),
      (d) => d.auditLog.total === 3,
      'the lead in the audit log',
    );
    expect(byLead.auditLog.items.map((i: { type: string }) => i.type)).toEqual(['LeadConverted', 'LeadQualified', 'LeadCaptured']);
    const captured = byLead.auditLog.items[2];
    expect(captured).toMatchObject({
      entity: 'lead',
      entityId: lead.id,
      actor: { kind: 'user', email: 'sales@acme.test' },
      userAgent: 'audit-test sales@acme.test',
    });
    expect(captured.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/); // the test's client, on loopback

    const salesUser = captured.actor.id;
    const bySales = (await ok(AUDIT_LOG, { filter: { actorId: salesUser, from: new Date(Date.now() - 60_000).toISOString() }, perPage: 500 }, auditor))
      .auditLog;
    expect(bySales.items.every((i: { actor: { id: string } }) => i.actor.id === salesUser)).toBe(true);
    expect(bySales.total).toBeGreaterThanOrEqual(3);
    const byType = (await ok(AUDIT_LOG, { filter: { eventType: 'LeadQualified', entityId: lead.id } }, auditor)).auditLog;
    expect(byType.total).toBe(1);
    expect((await ok(AUDIT_LOG, { filter: { from: new Date(Date.now() + 60_000).toISOString() } }, auditor)).auditLog.total).toBe(0);

    // The conversion's thread: the command's event, then the process manager's registration of the client.
    const converted = byLead.auditLog.items[0];
    const thread = await until(
      () => ok(THREAD, { id: converted.correlationId }, auditor),
      (d) => d.auditThread.some((s: { entity: string }) => s.entity === 'client'),
      'the conversion thread',
    );
    expect(thread.auditThread[0]).toMatchObject({ kind: 'event', type: 'LeadConverted', entityId: lead.id });
    expect(thread.auditThread).toEqual(expect.arrayContaining([expect.objectContaining({ entity: 'client', entityId: client.id })]));
    const positions = thread.auditThread.map((s: { position: string }) => BigInt(s.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
  });

  it('answers a lead as known at each moment of its life', async () => {
    const lead = (await ok(CAPTURE, { input: { name: 'Alan Turing', email: `alan.${Date.now()}@example.com` } }, sales)).captureLead;
    await pause();
    const captured = new Date();
    await pause();
    await ok(QUALIFY, { id: lead.id }, sales);
    expect((await ok(LEAD_AT, { id: lead.id, knownAt: captured.toISOString() }, auditor)).lead).toMatchObject({ status: 'NEW' });
    expect((await ok(LEAD_AT, { id: lead.id }, auditor)).lead).toMatchObject({ status: 'QUALIFIED' });
    // Another tenant's record, at any moment, is not there.
    expect((await ok(LEAD_AT, { id: lead.id, knownAt: new Date().toISOString() }, globexAuditor)).lead).toBeNull();
  });

  it('lets auditors and admins read the trail; other roles are FORBIDDEN; tenants see only their own', async () => {
    for (const query of [AUDIT_LOG, VERIFY]) {
      const refused = await t.graphql(query, {}, sales);
      expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    expect((await t.graphql(THREAD, { id: 'x' }, sales)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.graphql(CHANGES, { entity: 'lead', id: '00000000-0000-4000-8000-000000000000' }, sales)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await ok(AUDIT_LOG, { perPage: 1 }, admin)).auditLog.total).toBeGreaterThan(0);
    const acmeLead = (await ok(AUDIT_LOG, { filter: { entity: 'lead' }, perPage: 1 }, auditor)).auditLog.items[0];
    const seenByGlobex = (await ok(AUDIT_LOG, { filter: { entityId: acmeLead.entityId } }, globexAuditor)).auditLog;
    expect(seenByGlobex.total).toBe(0);
    expect((await t.graphql(CHANGES, { entity: 'lead', id: acmeLead.entityId }, globexAuditor)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await ok(THREAD, { id: acmeLead.correlationId }, globexAuditor)).auditThread).toEqual([]);
  });

  it('chains every event; an export verifies offline, and an edited export is refused', async () => {
    const verified = await until(
      async () => {
        const head = (await ok(AUDIT_LOG, { perPage: 1 }, auditor)).auditLog.items[0].position;
        const result = (await ok(VERIFY, {}, auditor)).verifyLog;
        return { head, result };
      },
      ({ head, result }) => result.headPosition === head,
      'the chain to cover every event',
    );
    expect(verified.result).toMatchObject({ ok: true, firstBrokenPosition: null, reason: null });
    expect(verified.result.checked).toBeGreaterThan(5);

    const response = await fetch(`${t.url}/audit/export?from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`, { headers: auditor });
    expect(response.status).toBe(200);
    const text = await response.text();
    const lines = text.trim().split('\n');
    const manifest = JSON.parse(lines[lines.length - 1]).manifest;
    expect(manifest).toMatchObject({ tenantId: 'acme', count: lines.length - 1, lastHash: verified.result.headHash });
    expect(lines.slice(0, -1).every((line) => JSON.parse(line).event.metadata.tenantId === 'acme')).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'annals-export-'));
    const file = join(dir, 'export.ndjson');
    writeFileSync(file, text);
    expect(execFileSync(process.execPath, ['scripts/verify-export.mjs', file], { encoding: 'utf8' })).toMatch(/^OK: \d+ events of tenant acme/);

    const edited = lines.map((line, i) =>
      i === 2
        ? line.replace(/"Ada Lovelace"|"sales@acme.test"|"LeadQualified"|"revision":"\d+"/, (m) => (m.startsWith('"revision"') ? '"revision":"99"' : '"Eve"'))
        : line,
    );
    expect(edited[2]).not.toEqual(lines[2]);
    writeFileSync(file, `${edited.join('\n')}\n`);
    let refusal = '';
    try {
      execFileSync(process.execPath, ['scripts/verify-export.mjs', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      refusal = (error as { stderr: string }).stderr;
    }
    expect(refusal).toMatch(/^REFUSED at line 3 \(position \d+\): this event differs/);

    const dropped = [...lines.slice(0, 3), ...lines.slice(4)];
    writeFileSync(file, `${dropped.join('\n')}\n`);
    expect(() => execFileSync(process.execPath, ['scripts/verify-export.mjs', file], { stdio: 'pipe' })).toThrow();
    expect(readFileSync(file, 'utf8')).not.toEqual(text);

    expect((await fetch(`${t.url}/audit/export`, { headers: sales })).status).toBe(403);
    expect((await fetch(`${t.url}/audit/export`)).status).toBe(401);
    expect((await fetch(`${t.url}/audit/export?from=yesterday`, { headers: auditor })).status).toBe(400);
    const globex = await (await fetch(`${t.url}/audit/export`, { headers: globexAuditor })).text();
    expect(
      globex
        .trim()
        .split('\n')
        .slice(0, -1)
        .every((line) => JSON.parse(line).event.metadata.tenantId === 'globex'),
    ).toBe(true);
  });
});
