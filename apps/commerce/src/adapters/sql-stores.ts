// PostgreSQL/PGlite repositories for sign-in, the order cache and webhook deduplication.
import type { Sql } from '@boomerang/kit/sql';
import { Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import { orderNameVariants } from '../domain/orders';
import type { ChallengeRow, DeliveryLog, OrderCache, SessionRow, SignInStore } from '../domain/ports';

const d = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const iso = (v: Date) => v.toISOString();

interface ChallengeDb {
  id: string;
  tenant_id: string;
  conversation_id: string;
  customer_id: string | null;
  identifier_hash: string;
  method: string;
  masked_destination: string;
  code_hash: string;
  attempts: number;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
}

const challenge = (r: ChallengeDb): ChallengeRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  conversationId: r.conversation_id,
  customerId: r.customer_id,
  identifierHash: r.identifier_hash,
  method: r.method,
  maskedDestination: r.masked_destination,
  codeHash: r.code_hash,
  attempts: Number(r.attempts),
  createdAt: d(r.created_at),
  expiresAt: d(r.expires_at),
  consumedAt: r.consumed_at ? d(r.consumed_at) : null,
});

export function sqlSignInStore(sql: Sql): SignInStore {
  return {
    async insertChallenge(c) {
      await sql.query(
        `INSERT INTO commerce_challenges (id, tenant_id, conversation_id, customer_id, identifier_hash, method,
           masked_destination, code_hash, attempts, created_at, expires_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
        [
          c.id,
          c.tenantId,
          c.conversationId,
          c.customerId,
          c.identifierHash,
          c.method,
          c.maskedDestination,
          c.codeHash,
          c.attempts,
          iso(c.createdAt),
          iso(c.expiresAt),
        ],
      );
    },
    async getChallenge(tenantId, id) {
      const { rows } = await sql.query<ChallengeDb>(
        'SELECT * FROM commerce_challenges WHERE tenant_id = $1 AND id = $2',
        [tenantId, id],
      );
      return rows[0] ? challenge(rows[0]) : null;
    },
    async recentChallenges(tenantId, identifierHash, since) {
      const { rows } = await sql.query<ChallengeDb>(
        `SELECT * FROM commerce_challenges WHERE tenant_id = $1 AND identifier_hash = $2 AND created_at >= $3
         ORDER BY created_at DESC LIMIT 20`,
        [tenantId, identifierHash, iso(since)],
      );
      return rows.map(challenge);
    },
    async countAttempt(tenantId, id, now, maxAttempts) {
      const { rows } = await sql.query<{ attempts: number }>(
        `UPDATE commerce_challenges SET attempts = attempts + 1
         WHERE tenant_id = $1 AND id = $2 AND consumed_at IS NULL AND expires_at > $3 AND attempts < $4
         RETURNING attempts`,
        [tenantId, id, iso(now), maxAttempts],
      );
      return rows[0] ? Number(rows[0].attempts) : null;
    },
    async consume(tenantId, id, now) {
      const { rowCount } = await sql.query(
        'UPDATE commerce_challenges SET consumed_at = $3 WHERE tenant_id = $1 AND id = $2 AND consumed_at IS NULL',
        [tenantId, id, iso(now)],
      );
      return rowCount === 1;
    },
    async insertSession(s: SessionRow) {
      await sql.query(
        `INSERT INTO commerce_sessions (id_hash, tenant_id, conversation_id, customer_id, method, created_at, expires_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [s.idHash, s.tenantId, s.conversationId, s.customerId, s.method, iso(s.createdAt), iso(s.expiresAt)],
      );
    },
    async getSession(idHash) {
      const { rows } = await sql.query<{
        id_hash: string;
        tenant_id: string;
        conversation_id: string;
        customer_id: string;
        method: string;
        created_at: Date;
        expires_at: Date;
      }>('SELECT * FROM commerce_sessions WHERE id_hash = $1', [idHash]);
      const r = rows[0];
      return r
        ? {
            idHash: r.id_hash,
            tenantId: r.tenant_id,
            conversationId: r.conversation_id,
            customerId: r.customer_id,
            method: r.method,
            createdAt: d(r.created_at),
            expiresAt: d(r.expires_at),
          }
        : null;
    },
    async useTokenId(tenantId, jti, expiresAt) {
      const { rowCount } = await sql.query(
        'INSERT INTO commerce_used_tokens (tenant_id, jti, expires_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING',
        [tenantId, jti, iso(expiresAt)],
      );
      return rowCount === 1;
    },
  };
}

export function sqlOrderCache(sql: Sql): OrderCache {
  const decode = (data: unknown) => Order.fromJSON(typeof data === 'string' ? JSON.parse(data) : data);
  return {
    async get(tenantId, customerId, ref, freshSince) {
      const byId = Boolean(ref.id);
      // A name in any of its spellings: "#1001" / "1001", "RG1041" / "#rg1041".
      const { rows } = await sql.query<{ data: unknown }>(
        `SELECT data FROM commerce_orders
         WHERE tenant_id = $1 AND customer_id = $2 AND ${byId ? 'order_id = $3' : 'upper(name) = ANY($3::text[])'} AND fetched_at >= $4
         ORDER BY fetched_at DESC LIMIT 1`,
        [tenantId, customerId, byId ? ref.id : orderNameVariants(ref.name ?? ''), iso(freshSince)],
      );
      return rows[0] ? decode(rows[0].data) : null;
    },
    async put(order, now) {
      await sql.query(
        `INSERT INTO commerce_orders (tenant_id, order_id, customer_id, name, data, source_updated_at, fetched_at)
         VALUES ($1,$2,$3,$4,$5::jsonb,$6,$7)
         ON CONFLICT (tenant_id, order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, name = EXCLUDED.name,
           data = EXCLUDED.data, source_updated_at = EXCLUDED.source_updated_at, fetched_at = EXCLUDED.fetched_at
         WHERE commerce_orders.source_updated_at IS NULL OR EXCLUDED.source_updated_at IS NULL
           OR EXCLUDED.source_updated_at >= commerce_orders.source_updated_at`,
        [
          order.tenantId,
          order.id,
          order.customerId,
          order.name,
          JSON.stringify(Order.toJSON(order)),
          order.updatedAt ? iso(order.updatedAt) : null,
          iso(now),
        ],
      );
    },
    async listByCustomer(tenantId, customerId) {
      const { rows } = await sql.query<{ data: unknown }>(
        `SELECT data FROM commerce_orders WHERE tenant_id = $1 AND customer_id = $2
         ORDER BY (data->>'createdAt') DESC LIMIT 50`,
        [tenantId, customerId],
      );
      return rows.map((r) => decode(r.data));
    },
  };
}

export function sqlDeliveryLog(sql: Sql): DeliveryLog {
  return {
    async firstSeen(tenantId, source, key, now) {
      const { rowCount } = await sql.query(
        `INSERT INTO commerce_webhook_deliveries (tenant_id, source, delivery_key, received_at)
         VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`,
        [tenantId, source, key, iso(now)],
      );
      return rowCount === 1;
    },
    async forget(tenantId, source, key) {
      await sql.query(
        'DELETE FROM commerce_webhook_deliveries WHERE tenant_id = $1 AND source = $2 AND delivery_key = $3',
        [tenantId, source, key],
      );
    },
  };
}

/** Deletes what can no longer be used: expired challenges, sessions and token ids, old deliveries. */
export async function purgeExpired(sql: Sql, now: Date, deliveryRetentionMs = 7 * 86_400_000): Promise<void> {
  const t = iso(now);
  await sql.query('DELETE FROM commerce_challenges WHERE expires_at < $1', [
    iso(new Date(now.getTime() - 3600_000)),
  ]);
  await sql.query('DELETE FROM commerce_sessions WHERE expires_at < $1', [t]);
  await sql.query('DELETE FROM commerce_used_tokens WHERE expires_at < $1', [t]);
  await sql.query('DELETE FROM commerce_webhook_deliveries WHERE received_at < $1', [
    iso(new Date(now.getTime() - deliveryRetentionMs)),
  ]);
}
