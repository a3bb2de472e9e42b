import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityClass, EntityManager, FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { readerTenant } from '../database/database';
import { ListArgs, Page } from '../graphql/list.types';
import { READERS } from '../tokens';
import { listOrder, pageOf, ReadModelList } from './list-query';
import { knownAtScope, RecordLog } from '../history/known-at';

/**
 * Every read-model query runs here: on the readers' pool, whose connections are the `annals_reader`
 * role (SELECT only) with `app.tenant_id` set to this read's tenant (see database.ts), so
 * PostgreSQL's row-level security hides other tenants' rows even from a query that forgot its
 * WHERE clause. Queries still filter by tenant themselves: two walls.
 */
@Injectable()
export class TenantReader {
  constructor(
    @Inject(READERS) private readonly readers: MikroORM,
    @Optional() private readonly log?: RecordLog,
  ) {}

  read<T>(tenantId: string, query: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!tenantId) return Promise.reject(new Error('TenantReader.read: a tenant is required'));
    return readerTenant.run(tenantId, () => query(this.readers.em.fork()));
  }

  /**
   * One row by id, within the tenant, as the entity: what `em.findOne(Entity, { id, tenantId })`
   * returns, with the SQL built once per entity. Every command answers with such a read, and
   * MikroORM's query builder cost more CPU than the query itself (profiled: ≈ 30% of a read).
   */
  byId<T extends { id: string; tenantId: string }>(tenantId: string, entity: EntityClass<T>, id: string): Promise<T | null> {
    return this.read(tenantId, (em) => this.findById(em, entity, tenantId, id));
  }

  /**
   * `byId` inside a `read` (the em it was given): a prepared statement on the readers' own pool
   * (still `annals_reader` with this read's tenant), past MikroORM's and Kysely's query path, then
   * hydrated as em.map would, without the identity map (reads only; half the CPU of em.map).
   */
  async findById<T extends { id: string; tenantId: string }>(em: EntityManager, entity: EntityClass<T>, tenantId: string, id: string): Promise<T | null> {
    const meta = em.getMetadata().get(entity);
    const moment = knownAtScope.getStore();
    let row: Record<string, unknown> | null;
    if (moment && this.log?.hasTable(meta.tableName)) {
      // As known at a moment: the record folded from the log by its projection (see known-at.ts).
      row = await this.log.rowAt(tenantId, meta.tableName, id, moment);
    } else {
      const { name, text } = this.byIdStatement(entity);
      this.pool ??= (await em.getConnection().getNativeClient()) as Pool;
      row = (await this.pool.query({ name, text, values: [id, tenantId] })).rows[0] ?? null;
    }
    if (row === null) return null;
    const data = em.getDriver().mapResult(row as never, meta);
    return em.getEntityFactory().create(entity, data as never, { merge: false, refresh: false, newEntity: false, convertCustomTypes: true });
  }

  /**
   * Several rows by id inside a `read`, by id (ids of no row are left out). As known at a moment,
   * each is folded from the log as findById folds one, their streams read in one go.
   */
  async findByIds<T extends { id: string; tenantId: string }>(
    em: EntityManager,
    entity: EntityClass<T>,
    tenantId: string,
    ids: readonly string[],
  ): Promise<Map<string, T>> {
    if (ids.length === 0) return new Map();
    const meta = em.getMetadata().get(entity);
    const moment = knownAtScope.getStore();
    if (!moment || !this.log?.hasTable(meta.tableName)) {
      const rows = await em.find(entity, { tenantId, id: { $in: [...new Set(ids)] } } as FilterQuery<T>);
      return new Map(rows.map((row) => [row.id, row]));
    }
    const rows = await this.log.rowsAt(tenantId, meta.tableName, ids, moment);
    const hydrate = (row: Record<string, unknown>) =>
      em
        .getEntityFactory()
        .create(entity, em.getDriver().mapResult(row as never, meta) as never, { merge: false, refresh: false, newEntity: false, convertCustomTypes: true });
    return new Map([...rows].map(([id, row]) => [id, hydrate(row)]));
  }

  /** One page of a list: the rows of `where` in the asked order (id breaks ties), and how many there are in all. */
  page<T extends object>(tenantId: string, list: ReadModelList<T>, where: FilterQuery<NoInfer<T>>, args: ListArgs): Promise<Page<T>> {
    return this.read(tenantId, (em) => this.findPage(em, list, where, args));
  }

  /** `page` inside a `read` (the em it was given). */
  async findPage<T extends object>(
    em: EntityManager,
    { entity, sortable }: ReadModelList<T>,
    where: FilterQuery<NoInfer<T>>,
    args: ListArgs,
  ): Promise<Page<T>> {
    const [items, total] = await em.findAndCount(entity, where, { orderBy: listOrder(args, sortable), ...pageOf(args) });
    return { items, total };
  }

  private pool: Pool | undefined;
  private readonly byIdStatements = new Map<EntityClass<object>, { name: string; text: string }>();

  private byIdStatement(entity: EntityClass<object>): { name: string; text: string } {
    let statement = this.byIdStatements.get(entity);
    if (!statement) {
      const meta = this.readers.getMetadata().get(entity);
      const column = (property: string) => {
        const field = (meta.properties as Record<string, { fieldNames?: string[] } | undefined>)[property]?.fieldNames?.[0];
        if (!field) throw new Error(`TenantReader.byId: ${meta.className} has no ${property} column`);
        return `"${field}"`;
      };
      statement = {
        name: `annals_by_id_${meta.tableName}`,
        text: `select * from "${meta.tableName}" where ${column('id')} = $1 and ${column('tenantId')} = $2`,
      };
      this.byIdStatements.set(entity, statement);
    }
    return statement;
  }
}
