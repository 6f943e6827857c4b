import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type EventBus, type Subscription, TOPICS } from '@boomerang/kit/bus';
import type { Logger } from '@boomerang/kit/logger';
import { type Metrics, metricsHandler } from '@boomerang/kit/metrics';
import { migrate, type Sql } from '@boomerang/kit/sql';
import express, { type Express } from 'express';
import type { FetchLike } from './adapters/http';
import { GatewayStore } from './adapters/store';
import { RateLimiter } from './domain/rate-limit';
import { ReplyHub } from './domain/reply-hub';
import type { Tenants } from './domain/tenants';
import type { HandlerContext, Settings } from './handlers/context';
import { emailRoutes } from './handlers/email';
import { errorHandler } from './handlers/errors';
import { withFastLane } from './handlers/fast-lane';
import { kakaoRoutes } from './handlers/kakao';
import { naverRoutes } from './handlers/naver';
import { staticRoutes } from './handlers/static';
import { twilioRoutes } from './handlers/twilio';
import { webchatRoutes } from './handlers/webchat';
import { whatsappRoutes } from './handlers/whatsapp';
import { createPublisher } from './ingest';
import { createGatewayMetrics } from './metrics';
import { createDeliveryHandler, createLiveHandler } from './outbound';

export interface GatewayDeps {
  sql: Sql;
  bus: EventBus;
  logger: Logger;
  metrics?: Metrics;
  tenants: Tenants;
  /** ms since epoch (tests move time). */
  clock?: () => number;
  /** Outgoing vendor HTTP (tests may point it anywhere; defaults to global fetch). */
  fetch?: FetchLike;
  settings?: Partial<Settings> & {
    /** Consumer group for delivery (default "gateway"). */
    groupId?: string;
    /** Attempts before the kit bus moves a failed delivery to the DLQ. */
    deliveryAttempts?: number;
    deliveryBackoffMs?: number;
    /** Longest wait for the bus before a webhook is answered 503 (default 3 s, see IngestDeps). */
    publishTimeoutMs?: number;
  };
}

export interface GatewayServer {
  app: Express;
  start(options?: { httpPort?: number; host?: string }): Promise<{ httpPort: number }>;
  stop(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

export function createServer(deps: GatewayDeps): GatewayServer {
  const now = deps.clock ?? Date.now;
  const logger = deps.logger.child({ component: 'gateway' });
  const settings: Settings = {
    publicBaseUrl: deps.settings?.publicBaseUrl,
    webchatSecret: deps.settings?.webchatSecret ?? randomBytes(32).toString('hex'),
    syncDeadlineMs: deps.settings?.syncDeadlineMs ?? 4000,
    maxBodyBytes: deps.settings?.maxBodyBytes ?? 256 * 1024,
    rateLimit: deps.settings?.rateLimit ?? { perMinute: 30, burst: 20 },
  };
  if (settings.syncDeadlineMs >= 5000)
    throw new Error('syncDeadlineMs must be below 5000 (Kakao and Naver give up at 5 s)');
  const store = new GatewayStore(deps.sql);
  const hub = new ReplyHub(now);
  const limiter = new RateLimiter(settings.rateLimit, now);
  const metrics = deps.metrics ? createGatewayMetrics(deps.metrics) : undefined;
  const ctx: HandlerContext = {
    tenants: deps.tenants,
    store,
    hub,
    limiter,
    logger,
    settings,
    now,
    ingest: {
      store,
      bus: deps.bus,
      publish: createPublisher(deps.bus),
      publishTimeoutMs: deps.settings?.publishTimeoutMs,
      limiter,
      logger,
      metrics,
      now,
    },
  };

  const app = express();
  app.disable('x-powered-by');
  // No generated ETags: webhook and API answers are never cached, and hashing every body costs CPU
  // on the hot path. The static widget files carry a precomputed ETag of their own (static.ts).
  app.set('etag', false);
  app.set('trust proxy', true);
  // Vendor webhooks first (the hot path), each router behind its own prefix so a request is matched
  // against one mount instead of every route: raw bytes (signatures are over them), size-limited
  // before anything else.
  const raw = express.raw({ type: () => true, limit: settings.maxBodyBytes });
  app.use('/v1/twilio', raw, twilioRoutes(ctx));
  app.use('/v1/whatsapp', raw, whatsappRoutes(ctx));
  app.use('/v1/email', raw, emailRoutes(ctx));
  app.use('/v1/kakao', raw, kakaoRoutes(ctx));
  app.use('/v1/naver', raw, naverRoutes(ctx));
  app.use('/v1/webchat', webchatRoutes(ctx));
  // Liveness: the process answers. Readiness: migrated, consuming, not draining (Kubernetes probes).
  let ready = false;
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  if (deps.metrics) app.get('/metrics', metricsHandler(deps.metrics.registry));
  app.use(staticRoutes(ctx));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route' } });
  });
  app.use(errorHandler(logger));

  let server: http.Server | undefined;
  const subscriptions: Subscription[] = [];
  const instance = randomBytes(6).toString('hex');

  return {
    app,
    async start(options = {}) {
      await migrate(deps.sql, { app: 'gateway', migrations: MIGRATIONS_DIR, logger });
      await deps.bus.ensureTopics([TOPICS.channelInbound, TOPICS.channelOutbound]);
      const outDeps = { store, tenants: deps.tenants, hub, fetch: deps.fetch ?? fetch, logger, metrics, now };
      subscriptions.push(
        await deps.bus.subscribe(
          { topics: [TOPICS.channelOutbound.name], groupId: `gateway-live-${instance}` },
          createLiveHandler(outDeps),
        ),
      );
      subscriptions.push(
        await deps.bus.subscribe(
          {
            topics: [TOPICS.channelOutbound.name],
            groupId: deps.settings?.groupId ?? 'gateway',
            maxAttempts: deps.settings?.deliveryAttempts,
            retryBackoffMs: deps.settings?.deliveryBackoffMs,
          },
          createDeliveryHandler(outDeps),
        ),
      );
      // Twilio SMS and WhatsApp webhooks skip express (handlers/fast-lane.ts); the rest is the app.
      server = http.createServer(withFastLane(ctx, app));
      server.keepAliveTimeout = 65_000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(options.httpPort ?? 0, options.host ?? '0.0.0.0', resolve);
      });
      const httpPort = (server.address() as AddressInfo).port;
      ready = true;
      logger.info({ httpPort }, 'gateway listening');
      return { httpPort };
    },
    async stop() {
      ready = false;
      if (server) {
        const s = server;
        server = undefined;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      }
      for (const sub of subscriptions.splice(0)) await sub.stop({ drainMs: 5000 });
    },
  };
}
