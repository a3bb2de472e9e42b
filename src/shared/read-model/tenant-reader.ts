import { Inject, Injectable } from '@nestjs/common';
import { EntityClass, EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { readerTenant } from '../database/database';
import { READERS } from '../tokens';

/**
 * Every read-model query runs here: on the readers' pool, whose connections are the `annals_reader`
 * role (SELECT only) with `app.tenant_id` set to this read's tenant (see database.ts), so
 * PostgreSQL's row-level security hides other tenants' rows even from a query that forgot its
 * WHERE clause. Queries still filter by tenant themselves: two walls.
 */
@Injectable()
export class TenantReader {
  constructor(@Inject(READERS) private readonly readers: MikroORM) {}

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

  /** `byId` inside a `read` (the em it was given). */
  async findById<T extends { id: string; tenantId: string }>(em: EntityManager, entity: EntityClass<T>, tenantId: string, id: string): Promise<T | null> {
    const rows = await em.execute<Record<string, unknown>[]>(this.byIdSql(entity), [id, tenantId]);
    if (rows.length === 0) return null;
    // Hydrated as em.map would, without registering it in the identity map (half the CPU): reads only.
    const data = em.getDriver().mapResult(rows[0] as never, em.getMetadata().get(entity));
    return em.getEntityFactory().create(entity, data as never, { merge: false, refresh: false, newEntity: false, convertCustomTypes: true });
  }

  private readonly byIdSqls = new Map<EntityClass<object>, string>();

  private byIdSql(entity: EntityClass<object>): string {
    let sql = this.byIdSqls.get(entity);
    if (!sql) {
      const meta = this.readers.getMetadata().get(entity);
      const column = (property: string) => {
        const field = (meta.properties as Record<string, { fieldNames?: string[] } | undefined>)[property]?.fieldNames?.[0];
        if (!field) throw new Error(`TenantReader.byId: ${meta.className} has no ${property} column`);
        return `"${field}"`;
      };
      sql = `select * from "${meta.tableName}" where ${column('id')} = ? and ${column('tenantId')} = ?`;
      this.byIdSqls.set(entity, sql);
    }
    return sql;
  }
}
