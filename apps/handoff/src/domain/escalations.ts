// Escalations: a dispute or threat after the handoff raises the helpdesk ticket to the vendor's highest
// priority (HelpdeskAdapter.escalate). The request is recorded in `helpdesk_escalations` in the
// transaction that accepts the urgent message, and a relay (the kit's RelayLoop, as the outbox uses:
// kicked after commit, a periodic sweep, backoff while it fails, resumed by the next process after a
// restart) calls the vendor until it takes it. Retriable failures (429, 5xx, timeouts, the database)
// are tried again with backoff, honouring Retry-After; permanent refusals (the ticket deleted, 401/403,
// 400/422, routing changed to another destination) are given up on, logged and counted. One row per
// ticket and an idempotent vendor call: asking twice, or a retry after an uncertain failure, is harmless.
import { DomainError, FailedPrecondition } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import { RelayLoop } from '@boomerang/kit/outbox';
import type { Queryable, Sql } from '@boomerang/kit/sql';
import type { AdapterFactory } from './handoff';
import type { DestinationName } from './model';
import type { Clock } from './ports';
import type { RoutingStore } from './routing';

export type EscalationOutcome = 'done' | 'retry' | 'given_up';

export interface EscalationRequest {
  tenantId: string;
  destination: DestinationName;
  ticketRef: string;
  conversationId: string;
  channel: string;
  /** The urgent message: the same one again changes nothing. */
  messageId: string;
}

export interface EscalationDeps {
  sql: Sql;
  clock: Clock;
  routing: RoutingStore;
  adapterFor: AdapterFactory;
  logger: Logger;
  /** Counts vendor attempts by destination and outcome (the `boomerang_handoff_escalations_total` metric). */
  count?: (destination: string, outcome: EscalationOutcome) => void;
  /** How long one replica owns a row's vendor call (a crashed replica's lease expires). Default 60 s. */
  leaseMs?: number;
  /** Backoff after a retriable failure: starts here (default 1 s), doubles up to maxBackoffMs (5 min). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Sweep for due rows (retries, what another process left) this often (default 1 s). */
  sweepMs?: number;
  /** Rows per pass (default 20), called concurrently. */
  batchSize?: number;
}

interface EscalationRow {
  tenant_id: string;
  destination: DestinationName;
  ticket_ref: string;
  conversation_id: string;
  channel: string;
  tries: number;
}

export class Escalations {
  private readonly log: Logger;
  private readonly loop: RelayLoop;
  private readonly stopping = new AbortController();

  constructor(private readonly d: EscalationDeps) {
    this.log = d.logger.child({ component: 'escalations' });
    this.loop = new RelayLoop({
      drain: () => this.drain(),
      logger: this.log,
      batchSize: d.batchSize ?? 20,
      sweepMs: d.sweepMs,
    });
  }

  /**
   * Records that the ticket must go urgent, in the caller's transaction (the one that accepts the
   * message); call `kick()` after commit. The same message again changes nothing; a later urgent
   * message re-arms a ticket escalated (or given up on) before: someone may have lowered it since.
   */
  async recordIn(tx: Queryable, e: EscalationRequest): Promise<void> {
    const now = this.d.clock.now();
    await tx.query(
      `INSERT INTO helpdesk_escalations (tenant_id, destination, ticket_ref, conversation_id, channel, message_id, state, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $7)
       ON CONFLICT (tenant_id, destination, ticket_ref) DO UPDATE
         SET message_id = EXCLUDED.message_id, state = 'pending', tries = 0, last_error = '',
             next_attempt_at = EXCLUDED.next_attempt_at, finished_at = NULL
         WHERE helpdesk_escalations.state <> 'pending' AND helpdesk_escalations.message_id <> EXCLUDED.message_id`,
      [e.tenantId, e.destination, e.ticketRef, e.conversationId, e.channel, e.messageId, now],
    );
  }

  /** Works off what is due soon (call after each commit that recorded one). */
  kick(): void {
    this.loop.kick();
  }

  /** Starts: works off what an earlier process left, then sweeps periodically. */
  start(): void {
    this.loop.start();
  }

  /** Stops: in-flight vendor calls are cancelled and stay pending for the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop.stop();
  }

  /** Escalations not finished yet (pending), for tests and operators. */
  async pending(tenantId?: string): Promise<number> {
    const { rows } = await this.d.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM helpdesk_escalations WHERE state = 'pending'${tenantId ? ' AND tenant_id = $1' : ''}`,
      tenantId ? [tenantId] : [],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** One pass: claims the due rows (leased, so replicas share the work), calls the vendor for each. */
  private async drain(): Promise<number> {
    if (this.stopping.signal.aborted) return 0;
    const now = this.d.clock.now();
    const due = await this.d.sql.transaction(async (tx) => {
      const { rows } = await tx.query<EscalationRow>(
        `SELECT tenant_id, destination, ticket_ref, conversation_id, channel, tries FROM helpdesk_escalations
         WHERE state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, this.d.batchSize ?? 20],
      );
      for (const r of rows) {
        await tx.query(
          `UPDATE helpdesk_escalations SET lease_until = $4, tries = tries + 1
           WHERE tenant_id = $1 AND destination = $2 AND ticket_ref = $3`,
          [r.tenant_id, r.destination, r.ticket_ref, new Date(now.getTime() + (this.d.leaseMs ?? 60_000))],
        );
      }
      return rows.map((r) => ({ ...r, tries: r.tries + 1 }));
    });
    const results = await Promise.allSettled(due.map((row) => this.attempt(row)));
    const failed = results.find((r) => r.status === 'rejected');
    // The database failed while recording an outcome: the loop backs off; the lease expires and the
    // row is tried again (the vendor call is idempotent).
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return due.length;
  }

  private async attempt(row: EscalationRow): Promise<void> {
    const ctx = {
      tenantId: row.tenant_id,
      conversationId: row.conversation_id,
      destination: row.destination,
      ticketRef: row.ticket_ref,
      tries: row.tries,
    };
    let error: unknown;
    try {
      const route = await this.d.routing.get(row.tenant_id, row.channel);
      if (!route || route.destination !== row.destination) {
        throw new FailedPrecondition(
          `the ${row.destination} ticket ${row.ticket_ref} can no longer be reached: handoff routing for channel ${row.channel} now points to ${route?.destination ?? 'nothing'}`,
        );
      }
      await this.d.adapterFor(route).escalate(row.ticket_ref, this.stopping.signal);
    } catch (err) {
      error = err ?? new Error('unknown failure');
    }
    const key = [row.tenant_id, row.destination, row.ticket_ref];
    const now = this.d.clock.now();
    if (error === undefined) {
      await this.d.sql.query(
        `UPDATE helpdesk_escalations SET state = 'done', lease_until = NULL, last_error = '', finished_at = $4
         WHERE tenant_id = $1 AND destination = $2 AND ticket_ref = $3`,
        [...key, now],
      );
      this.d.count?.(row.destination, 'done');
      this.log.warn(ctx, 'the customer disputes after the handoff: helpdesk ticket now urgent');
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof DomainError && !error.retriable) {
      await this.d.sql.query(
        `UPDATE helpdesk_escalations SET state = 'given_up', lease_until = NULL, last_error = $4, finished_at = $5
         WHERE tenant_id = $1 AND destination = $2 AND ticket_ref = $3`,
        [...key, reason.slice(0, 1000), now],
      );
      this.d.count?.(row.destination, 'given_up');
      this.log.error(
        { ...ctx, reason },
        'gave up raising the helpdesk ticket to urgent: the helpdesk refused for good (raise it by hand)',
      );
      return;
    }
    // Retriable (429, 5xx, timeout, cancelled at shutdown, or unexpected): again after a backoff,
    // at least the vendor's Retry-After; at once on the next start when this process is stopping.
    const backoff = Math.min(
      (this.d.minBackoffMs ?? 1000) * 2 ** Math.min(row.tries - 1, 30),
      this.d.maxBackoffMs ?? 300_000,
    );
    const retryAfterMs = error instanceof DomainError ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
    const waitMs = this.stopping.signal.aborted ? 0 : Math.max(backoff, retryAfterMs);
    await this.d.sql.query(
      `UPDATE helpdesk_escalations SET lease_until = NULL, last_error = $4, next_attempt_at = $5
       WHERE tenant_id = $1 AND destination = $2 AND ticket_ref = $3`,
      [...key, reason.slice(0, 1000), new Date(now.getTime() + waitMs)],
    );
    this.d.count?.(row.destination, 'retry');
    this.log.warn(
      { ...ctx, reason, retryInMs: waitMs },
      'could not raise the helpdesk ticket to urgent yet; will retry',
    );
  }
}
