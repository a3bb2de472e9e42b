import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
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
}
