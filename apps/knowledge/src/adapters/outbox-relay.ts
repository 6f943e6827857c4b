// Outbox relay for DocumentChanged (the pattern of apps/handoff's outbox): the repository writes a
// row in the same transaction as the document change; after commit the relay publishes pending rows
// in id order and deletes them. One relay drains at a time across replicas (transaction-scoped
// advisory lock), so per-document order holds. When the bus is down the rows stay, the relay backs
// off and retries, and a periodic sweep picks up rows a crashed replica left: at least once.

import { type EventBus, publishEvent } from '@boomerang/kit/bus';
import type { Logger } from '@boomerang/kit/logger';
import { RelayLoop } from '@boomerang/kit/outbox';
import type { Sql } from '@boomerang/kit/sql';
import { DocumentChanged } from '@boomerang/proto/boomerang/events/v1/knowledge';
import { DOCUMENTS_TOPIC } from './document-events';
import type { PendingChange } from './repository';

export interface RelayOptions {
  sql: Sql;
  bus: EventBus;
  logger: Logger;
  batchSize?: number;
  /** Safety-net sweep interval (default 1 s). */
  sweepMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export class DocumentOutboxRelay {
  private readonly loop: RelayLoop;

  constructor(private readonly o: RelayOptions) {
    this.loop = new RelayLoop({
      drain: () => this.drainBatch(),
      logger: o.logger.child({ component: 'outbox' }),
      batchSize: o.batchSize ?? 100,
      sweepMs: o.sweepMs,
      minBackoffMs: o.minBackoffMs,
      maxBackoffMs: o.maxBackoffMs,
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Publishes what is pending (called after each commit); overlapping calls coalesce. */
  kick(): void {
    this.loop.kick();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  async pending(): Promise<number> {
    const { rows } = await this.o.sql.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM knowledge_outbox',
    );
    return Number(rows[0]?.n ?? 0);
  }

  private drainBatch(): Promise<number> {
    return this.o.sql.transaction(async (tx) => {
      const lock = await tx.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_xact_lock(hashtext('boomerang:knowledge:outbox')) AS ok",
      );
      if (!lock.rows[0]?.ok) return 0;
      const { rows } = await tx.query<{
        id: string | number;
        tenant_id: string;
        document_id: string;
        version: number;
        deleted: boolean;
        embedder_id: string;
      }>(
        'SELECT id, tenant_id, document_id, version, deleted, embedder_id FROM knowledge_outbox ORDER BY id LIMIT $1',
        [this.o.batchSize ?? 100],
      );
      if (rows.length === 0) return 0;
      const changes: PendingChange[] = rows.map((r) => ({
        id: Number(r.id),
        tenantId: r.tenant_id,
        documentId: r.document_id,
        version: Number(r.version),
        deleted: r.deleted,
        embedderId: r.embedder_id,
      }));
      // Keyed "<tenant>/<document>" on the compacted topic: the latest per document survives.
      await publishEvent(
        this.o.bus,
        DOCUMENTS_TOPIC,
        DocumentChanged,
        changes.map((c) => ({
          key: `${c.tenantId}/${c.documentId}`,
          value: {
            tenantId: c.tenantId,
            documentId: c.documentId,
            version: c.version,
            deleted: c.deleted,
            embedderId: c.embedderId,
            occurredAt: new Date(),
          },
        })),
      );
      await tx.query('DELETE FROM knowledge_outbox WHERE id = ANY($1::bigint[])', [
        changes.map((c) => String(c.id)),
      ]);
      return rows.length;
    });
  }
}
