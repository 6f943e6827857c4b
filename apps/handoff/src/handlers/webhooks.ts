// HTTP: helpdesk webhooks that hand a conversation back when its ticket is solved/closed.
//   POST /webhooks/zendesk/:tenant/:channel    X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(secret, timestamp + raw body))
//   POST /webhooks/gorgias/:tenant/:channel    X-Boomerang-Webhook-Secret: <shared secret> (HTTP integration header)
//   POST /webhooks/freshdesk/:tenant/:channel  X-Boomerang-Webhook-Secret: <shared secret> (automation webhook header)
// Body (configured in the helpdesk with its placeholders): {"ticket_id": "...", "status": "..."}.
// Raw bytes are verified in constant time; bodies are size-limited; each tenant is rate-limited.
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  InvalidArgument,
  NotFound,
  ResourceExhausted,
  toHttpStatus,
  Unauthenticated,
} from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { HandoffService } from '../domain/handoff';
import { channelName, type DestinationName } from '../domain/model';
import type { Clock, SecretResolver } from '../domain/ports';
import type { RoutingStore } from '../domain/routing';

const payload = z.object({
  ticket_id: z.union([z.string().min(1).max(100), z.number().int()]).transform(String),
  status: z.union([z.string().max(50), z.number().int()]).transform((s) => String(s).trim().toLowerCase()),
});

/** Vendor statuses that mean "solved" (Freshdesk: 4 Resolved, 5 Closed). */
const RESOLVED: Record<string, string[]> = {
  zendesk: ['solved', 'closed'],
  gorgias: ['closed'],
  freshdesk: ['4', '5', 'resolved', 'closed'],
};

const MAX_SKEW_MS = 5 * 60 * 1000;

export function webhookRouter(deps: {
  handoff: HandoffService;
  routing: RoutingStore;
  secrets: SecretResolver;
  clock: Clock;
  logger: Logger;
  /** Requests per tenant per minute (default 600). */
  ratePerMinute?: number;
}): express.Router {
  const log = deps.logger.child({ component: 'webhooks' });
  const router = express.Router();
  const windows = new Map<string, { start: number; n: number }>();

  router.post(
    '/webhooks/:vendor/:tenant/:channel',
    express.raw({ type: () => true, limit: '64kb' }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const vendor = String(req.params.vendor) as DestinationName;
        if (!(vendor in RESOLVED)) throw new NotFound('unknown webhook');
        const tenant = String(req.params.tenant);
        const channel = channelName(String(req.params.channel));
        if (!channel) throw new NotFound('unknown webhook');
        limit(windows, `${vendor}/${tenant}`, deps.ratePerMinute ?? 600);
        const route = await deps.routing.get(tenant, channel);
        // Same answer for "no such route" and "wrong vendor": nothing to probe.
        if (!route || route.destination !== vendor || !route.webhookSecretRef)
          throw new NotFound('unknown webhook');
        const secret = deps.secrets(route.webhookSecretRef);
        if (!secret) throw new NotFound('unknown webhook');
        const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        verify(vendor, req, raw, secret, deps.clock.now());
        let body: z.infer<typeof payload>;
        try {
          body = payload.parse(JSON.parse(raw.toString('utf8')));
        } catch {
          throw new InvalidArgument('body must be JSON {"ticket_id": "...", "status": "..."}');
        }
        if (!RESOLVED[vendor]!.includes(body.status)) {
          res.status(202).json({ ignored: `status ${body.status}` });
          return;
        }
        const outcome = await deps.handoff.resolveExternal(vendor, tenant, body.ticket_id);
        log.info({ vendor, tenant, ticket: body.ticket_id, outcome }, 'helpdesk webhook');
        res.status(outcome === 'unknown' ? 202 : 200).json({ outcome });
      } catch (err) {
        next(err);
      }
    },
  );

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string };
    if (e?.type === 'entity.too.large') {
      res.status(413).json({ error: 'body too large' });
      return;
    }
    const mapped = toHttpStatus(err);
    if (mapped.unexpected) log.error({ err }, 'webhook failed');
    if (mapped.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(mapped.retryAfterSeconds));
    res.status(mapped.status).json({ error: mapped.message });
  });
  return router;
}

function verify(vendor: string, req: Request, raw: Buffer, secret: string, now: Date): void {
  if (vendor === 'zendesk') {
    const sig = req.header('x-zendesk-webhook-signature') ?? '';
    const ts = req.header('x-zendesk-webhook-signature-timestamp') ?? '';
    if (!sig || !ts) throw new Unauthenticated('missing Zendesk webhook signature');
    const at = Date.parse(ts);
    if (!Number.isFinite(at) || Math.abs(now.getTime() - at) > MAX_SKEW_MS)
      throw new Unauthenticated('stale or invalid webhook timestamp');
    const expected = createHmac('sha256', secret).update(ts).update(raw).digest();
    if (!safeEqual(Buffer.from(sig, 'base64'), expected)) throw new Unauthenticated('bad webhook signature');
    return;
  }
  const given = req.header('x-boomerang-webhook-secret') ?? '';
  if (!given || !safeEqual(Buffer.from(given, 'utf8'), Buffer.from(secret, 'utf8')))
    throw new Unauthenticated('bad webhook secret');
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function limit(windows: Map<string, { start: number; n: number }>, key: string, perMinute: number): void {
  const now = Date.now();
  const w = windows.get(key);
  if (!w || now - w.start >= 60_000) {
    windows.set(key, { start: now, n: 1 });
    return;
  }
  w.n += 1;
  if (w.n > perMinute)
    throw new ResourceExhausted('too many webhook calls', {
      retryAfterSeconds: Math.ceil((w.start + 60_000 - now) / 1000),
    });
}
