import { Inject, Injectable } from '@nestjs/common';
import { Caller } from '../../shared/auth/caller';
import { CommandContext, contextFromCaller } from '../../shared/command/command-context';
import { IdempotencyService } from '../../shared/command/idempotency.service';
import { Database } from '../../shared/database/database';
import { NotFoundError } from '../../shared/domain/domain-error';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { DATABASE } from '../../shared/tokens';

export const PRODUCTS = 'orders.products';
export const QUOTES = 'orders.quotes';
export const ORDERS = 'orders.orders';

/** The business date commands run on (UTC). */
export const today = (now = new Date()): string => now.toISOString().slice(0, 10);

/**
 * The shared path of every catalogue, quote and order command: idempotency, the append(s), then
 * read-your-writes from the read model the caller sees.
 */
@Injectable()
export class OrdersCommandPipeline {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  handle<T>(
    caller: Caller,
    operation: string,
    request: object,
    execute: (context: CommandContext) => Promise<bigint | null>,
    readModel: string,
    read: () => Promise<T | null>,
    entity: string,
    id: string,
  ): Promise<T> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, operation, request, async () => {
      const position = await execute(contextFromCaller(caller));
      await this.projections.waitFor([readModel], position);
      const row = await read();
      if (!row) throw new NotFoundError(entity, id);
      return row;
    });
  }

  waitFor(readModels: string[], position: bigint | null): Promise<void> {
    return this.projections.waitFor(readModels, position);
  }

  /** Every amount of a tenant is in its one currency. */
  async currency(tenantId: string): Promise<string> {
    const { rows } = await this.database.pool.query(`SELECT currency FROM tenants WHERE id = $1`, [tenantId]);
    if (!rows[0]) throw new NotFoundError('tenant', tenantId);
    return String(rows[0].currency).trim();
  }
}
