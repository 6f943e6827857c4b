// Recent orders for Simulate, written behind the Check path: Check only enqueues; a batch is
// flushed every `flushIntervalMs` (or when `maxBatch` is reached), before every read, and on close.
// These rows are a best-effort sample for simulations, not acknowledged data: if the database is
// down the batch is dropped and logged, and Check still answers.
import type { Logger } from '@boomerang/kit/logger';
import type { Sql } from '@boomerang/kit/sql';
import { Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import { minimiseOrder } from '../domain/order';
import type { RecentOrderStore } from '../domain/ports';

export interface RecentOrdersOptions {
  limitPerTenant: number;
  flushIntervalMs?: number;
  maxBatch?: number;
  logger?: Logger;
}

type Pending = { tenantId: string; order: Order; seenAt: Date };

export function sqlRecentOrders(
  sql: Sql,
  options: RecentOrdersOptions,
): RecentOrderStore & { close(): Promise<void> } {
  const interval = options.flushIntervalMs ?? 250;
  const maxBatch = options.maxBatch ?? 500;
  let pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  async function write(batch: Pending[]): Promise<void> {
    const params: unknown[] = [];
    const values = batch.map((p, i) => {
      params.push(
        p.tenantId,
        p.order.id,
        JSON.stringify(Order.toJSON(minimiseOrder(p.order))),
        p.seenAt.toISOString(),
      );
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    await sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO eligibility_recent_orders (tenant_id, order_id, order_json, seen_at) VALUES ${values.join(', ')}
         ON CONFLICT (tenant_id, order_id) DO UPDATE SET order_json = EXCLUDED.order_json, seen_at = EXCLUDED.seen_at`,
        params,
      );
      for (const tenantId of new Set(batch.map((p) => p.tenantId))) {
        await tx.query(
          `DELETE FROM eligibility_recent_orders WHERE tenant_id = $1 AND order_id IN (
             SELECT order_id FROM eligibility_recent_orders WHERE tenant_id = $1
              ORDER BY seen_at DESC, order_id OFFSET $2)`,
          [tenantId, options.limitPerTenant],
        );
      }
    });
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = [...pending.values()];
    pending = new Map();
    flushing = flushing.then(async () => {
      for (let i = 0; i < batch.length; i += maxBatch) {
        const part = batch.slice(i, i + maxBatch);
        await write(part).catch((err: unknown) =>
          options.logger?.warn(
            { err, orders: part.length },
            'could not store recent orders for Simulate; dropped',
          ),
        );
      }
    });
    return flushing;
  }

  return {
    remember(tenantId, order, seenAt) {
      pending.delete(`${tenantId}\u0000${order.id}`);
      pending.set(`${tenantId}\u0000${order.id}`, { tenantId, order, seenAt });
      if (pending.size >= maxBatch) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), interval);
        timer.unref();
      }
    },
    flush,
    async recent(tenantId, limit) {
      await flush();
      const { rows } = await sql.query<{ order_json: string }>(
        'SELECT order_json FROM eligibility_recent_orders WHERE tenant_id = $1 ORDER BY seen_at DESC, order_id LIMIT $2',
        [tenantId, limit],
      );
      return rows.map((r) => Order.fromJSON(JSON.parse(r.order_json)));
    },
    close: flush,
  };
}
