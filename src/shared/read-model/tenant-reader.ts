import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/**
 * Every read-model query runs here: in a read-only transaction, as the `annals_reader` role, with
 * `app.tenant_id` set, so PostgreSQL's row-level security hides other tenants' rows even from
 * a query that forgot its WHERE clause. Queries still filter by tenant themselves: two walls.
 */
@Injectable()
export class TenantReader {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  read<T>(tenantId: string, query: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional(
      async (em) => {
        await em.execute(`SELECT set_config('role', 'annals_reader', true), set_config('app.tenant_id', ?, true)`, [tenantId]);
        return query(em);
      },
      { readOnly: true },
    );
  }
}
