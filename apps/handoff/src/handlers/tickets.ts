// gRPC adapter for boomerang.handoff.v1.TicketService (the built-in desk), including Watch.
import { InvalidArgument } from '@boomerang/kit/errors';
import { serverStream, unary } from '@boomerang/kit/grpc';
import { Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import type { TicketServiceServer, WatchResponse } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import type { Desk } from '../domain/desk';
import { channelName, priorityName, requireText, statusName } from '../domain/model';

export interface WatchOptions {
  /** Poll interval when no local change wakes the stream (changes on other replicas). Default 500 ms. */
  pollMs?: number;
  /** Aborted when the server stops: every Watch stream ends. */
  stopping: AbortSignal;
}

export function ticketHandlers(desk: Desk, watch: WatchOptions): TicketServiceServer {
  return {
    create: unary(async (req) => {
      if (req.channel && !channelName(req.channel))
        throw new InvalidArgument(`unknown channel "${req.channel}"`, { field: 'channel' });
      const { ticket } = await desk.create({
        tenantId: req.tenantId,
        conversationId: req.conversationId,
        customer: req.customer ?? { customerId: '', email: '', phone: '', name: '' },
        subject: req.subject,
        priority: priorityName(req.priority, 'NORMAL'),
        tags: req.tags,
        transcript: req.transcript,
        channel: req.channel,
        language: req.language,
        recipient: req.recipient,
        idempotencyKey: req.idempotencyKey,
        actor: req.actor,
      });
      return { ticket };
    }),
    get: unary(async (req) => ({ ticket: await desk.get(req.tenantId, req.id) })),
    list: unary(async (req) => {
      if (req.pageSize < 0)
        throw new InvalidArgument('page_size must not be negative', { field: 'page_size' });
      return desk.list({
        tenantId: req.tenantId,
        assigneeId: req.assigneeId,
        statuses: req.statuses.map((s, i) => statusName(s, `statuses[${i}]`)),
        priority: req.priority === Priority.PRIORITY_UNSPECIFIED ? undefined : priorityName(req.priority),
        conversationId: req.conversationId,
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
    }),
    assign: unary(async (req) => {
      if (!req.assignee) throw new InvalidArgument('assignee is required', { field: 'assignee' });
      return {
        ticket: await desk.assign(req.tenantId, req.id, req.expectedVersion, req.assignee, req.actor),
      };
    }),
    setPriority: unary(async (req) => ({
      ticket: await desk.setPriority(
        req.tenantId,
        req.id,
        req.expectedVersion,
        priorityName(req.priority),
        req.actor,
      ),
    })),
    addMemo: unary(async (req) => {
      if (!req.memo) throw new InvalidArgument('memo is required', { field: 'memo' });
      return { ticket: await desk.addMemo(req.tenantId, req.id, req.expectedVersion, req.memo) };
    }),
    setStatus: unary(async (req) => ({
      ticket: await desk.setStatus(
        req.tenantId,
        req.id,
        req.expectedVersion,
        statusName(req.status),
        req.actor,
      ),
    })),
    watch: serverStream<Parameters<TicketServiceServer['watch']>[0]['request'], WatchResponse>(
      async (req, write, ctx) => {
        const tenantId = requireText(req.tenantId, 'tenant_id', 200);
        const assigneeId = req.assigneeId.trim();
        let after = await desk.headSeq(tenantId);
        const done = AbortSignal.any([ctx.signal, watch.stopping]);
        // Tails the audit history (works across replicas); a local commit wakes it at once.
        let wake: (() => void) | undefined;
        let dirty = false; // a change committed while we were reading: don't sleep
        const onChange = (t: string) => {
          if (t !== tenantId) return;
          dirty = true;
          wake?.();
        };
        desk.changes.on('change', onChange);
        try {
          while (!done.aborted) {
            dirty = false;
            const rows = await desk.tail(tenantId, after);
            for (const row of rows) {
              after = row.seq;
              const ticket = await desk.get(tenantId, row.ticketId).catch(() => undefined);
              if (!ticket) continue;
              if (assigneeId && ticket.assignee?.id !== assigneeId) continue;
              write({ ticket, change: row.change });
            }
            if (rows.length > 0 || dirty) continue;
            await new Promise<void>((resolve) => {
              const t = setTimeout(resolve, watch.pollMs ?? 500);
              wake = () => {
                clearTimeout(t);
                resolve();
              };
              done.addEventListener('abort', () => wake?.(), { once: true });
            });
            wake = undefined;
          }
        } finally {
          desk.changes.off('change', onChange);
        }
      },
    ),
  };
}
