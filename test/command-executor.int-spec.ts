import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test, TestingModule } from '@nestjs/testing';
import { Pool } from 'pg';
import { Caller, Role } from '../src/shared/auth/caller';
import { commandsFor } from '../src/shared/command/command-declaration';
import { SELLERS } from '../src/shared/command/command-roles';
import { CommandExecutor, CommandService, READ_YOUR_WRITES, RunCommand } from '../src/shared/command/command.service';
import { ReadYourWrites } from '../src/shared/command/command-spec';
import { EventSourcedRunner } from '../src/shared/command/event-sourced-runner';
import { IdempotencyService } from '../src/shared/command/idempotency.service';
import { deterministicId } from '../src/shared/domain/ids';
import { ExpectedRevision, NewEvent, ReadStreamOptions } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import { leadDecider } from '../src/crm/domain/lead';
import { leadStream } from '../src/crm/domain/lead.events';
import { createTestDatabase, TestDatabase } from './support/postgres';

/** Every step that reaches a real part, in order: the store's reads and appends, the waits, the answers. */
const steps: string[] = [];

class CountingStore extends PostgresEventStore {
  override readStream(streamName: string, options?: ReadStreamOptions) {
    steps.push('read stream');
    return super.readStream(streamName, options);
  }
  override async appendToStream(streamName: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }) {
    try {
      return await super.appendToStream(streamName, events, options);
    } finally {
      steps.push('append');
    }
  }
}

/** The read model, as far as the executor can tell: each read answers something new. */
@Injectable()
class LeadAnswers {
  private answered = 0;
  async lead(tenantId: string, id: string) {
    steps.push('read answer');
    return { id, tenantId, answer: ++this.answered };
  }
}

const readModels: ReadYourWrites = {
  waitFor: async (names, position) => void steps.push(`wait ${names.join(',')} ${position}`),
};

const leads = commandsFor(
  leadDecider,
  {
    entity: 'lead',
    roles: SELLERS,
    stream: leadStream,
    answer: { queries: LeadAnswers, readModels: ['test.leads'], read: (q, tenantId, id) => q.lead(tenantId, id) },
  },
  ({ command }) => ({
    captureLead: command({
      creates: 'lead',
      command: (input: { name: string; email: string }, leadId: string) => {
        steps.push('command');
        return { type: 'CaptureLead', leadId, ...input };
      },
    }),
    qualifyLead: command({
      id: (input: { leadId: string }) => input.leadId,
      command: ({ leadId }) => {
        steps.push('command');
        return { type: 'QualifyLead', leadId };
      },
    }),
  }),
);

describe('The command executor: one path for every command, its steps in order', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: CountingStore;
  let module: TestingModule;
  let commands: CommandService;
  const sent: string[] = [];

  const caller = (role: Role = 'sales', idempotencyKey?: string): Caller => ({
    userId: randomUUID(),
    tenantId: 'acme',
    email: `${role}@acme.test`,
    role,
    requestId: randomUUID(),
    idempotencyKey,
  });
  const keysStored = async () => Number((await pool.query(`SELECT count(*) FROM idempotency_keys`)).rows[0].count);
  const storedTypes = async (leadId: string) => (await store.readStream(leadStream(leadId))).map((event) => event.type);
  const capture = (as = caller()) => commands.execute(leads.captureLead, { name: 'Ada', email: 'ada@example.com' }, as);

  beforeAll(async () => {
    database = await createTestDatabase('command_executor');
    pool = new Pool({ connectionString: database.url, max: 5 });
    await ensureEventStoreSchema(pool);
    await pool.query(`CREATE TABLE idempotency_keys (
      tenant_id text NOT NULL, key text NOT NULL, operation text NOT NULL, request_hash text NOT NULL, response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(), completed_at timestamptz, PRIMARY KEY (tenant_id, key))`);
    store = new CountingStore(pool);
    module = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        CommandExecutor,
        CommandService,
        LeadAnswers,
        { provide: EventSourcedRunner, useValue: new EventSourcedRunner(store) },
        { provide: IdempotencyService, useValue: new IdempotencyService({ pool }) },
        { provide: READ_YOUR_WRITES, useValue: readModels },
      ],
    }).compile();
    await module.init();
    commands = module.get(CommandService);
    module.get(CommandBus).subscribe((command) => command instanceof RunCommand && sent.push(command.name));
  });
  beforeEach(() => {
    steps.length = 0;
  });
  afterAll(async () => {
    await module.close();
    await store.close();
    await pool.end();
    await database.drop();
  });

  it('runs a command through the CommandBus: command, append, read-your-writes at the appended position, then the answer', async () => {
    sent.length = 0;
    const answer = await capture();
    const during = [...steps];
    const [stored] = await store.readStream(leadStream(answer.id));
    expect(sent).toEqual(['captureLead']);
    // A new stream is assumed new (no read before the append); the answer is read once its read model shows the change.
    expect(during).toEqual(['command', 'append', `wait test.leads ${stored.position}`, 'read answer']);
  });

  it('refuses a role the command does not allow before validating, reading, claiming the key or appending anything', async () => {
    for (const role of ['accountant', 'auditor'] as const)
      await expect(commands.execute(leads.qualifyLead, { leadId: 'not-a-uuid' }, caller(role, `forbidden-${role}`))).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: `Your role (${role}) may not run qualifyLead; it is open to: admin, sales. Ask an admin if you need it.`,
      });
    expect(steps).toEqual([]);
    expect(await keysStored()).toBe(0);
  });

  it('validates the record id before the Idempotency-Key is claimed or the stream read', async () => {
    await expect(commands.execute(leads.qualifyLead, { leadId: 'not-a-uuid' }, caller('sales', 'bad-id'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(steps).toEqual([]);
    expect(await keysStored()).toBe(0);
  });

  it('answers a repeat with the same Idempotency-Key as the first time, appending nothing and building no command', async () => {
    const key = `capture-${randomUUID()}`;
    const sales = caller('sales', key);
    const first = await capture(sales);
    // The created id derives from the key (in its sender's namespace), so a retry that got past the key store would still target the same lead.
    expect(first.id).toBe(deterministicId('acme', `user:${sales.userId}:${key}`, 'lead'));
    steps.length = 0;
    const repeat = await capture({ ...sales, requestId: randomUUID() });
    expect(repeat).toEqual(first);
    expect(steps).toEqual([]);
    expect(await storedTypes(first.id)).toEqual(['LeadCaptured']);
  });

  it('re-decides on a conflict: another instance appended after the kept history, the append is refused, re-read and decided again', async () => {
    const { id: leadId } = await capture();
    const elsewhere = new EventSourcedRunner(store);
    await elsewhere.run(
      leadDecider,
      leadStream(leadId),
      { type: 'AssignLeadOwner', leadId, ownerId: randomUUID(), ownerIsTenantUser: true },
      {
        tenantId: 'acme',
        actorId: 'user-2',
        correlationId: randomUUID(),
        causationId: randomUUID(),
      },
    );
    steps.length = 0;
    await commands.execute(leads.qualifyLead, { leadId }, caller());
    expect(steps.slice(0, 4)).toEqual(['command', 'append', 'read stream', 'append']);
    expect(await storedTypes(leadId)).toEqual(['LeadCaptured', 'LeadOwnerAssigned', 'LeadQualified']);
  });

  it('refuses with the domain rule, and frees the Idempotency-Key for a corrected retry', async () => {
    const { id: leadId } = await capture();
    await commands.execute(leads.qualifyLead, { leadId }, caller());
    const key = `qualify-again-${leadId}`;
    await expect(commands.execute(leads.qualifyLead, { leadId }, caller('sales', key))).rejects.toMatchObject({ code: 'LEAD_NOT_NEW' });
    expect((await pool.query(`SELECT count(*) FROM idempotency_keys WHERE key = $1`, [key])).rows[0].count).toBe('0');
  });
});
