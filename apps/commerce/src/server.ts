// createServer(deps): builds the commerce service (gRPC: CustomerHubService, OrderService,
// ReturnsService; HTTP: commerce webhooks) without listening. start() migrates and listens.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { NotFound } from '@boomerang/kit/errors';
import { type RunningGrpcServer, startGrpcServer } from '@boomerang/kit/grpc';
import type { Logger } from '@boomerang/kit/logger';
import { Counter, type Metrics, metricsHandler } from '@boomerang/kit/metrics';
import { migrate, type Sql } from '@boomerang/kit/sql';
import { CustomerHubServiceService } from '@boomerang/proto/boomerang/commerce/v1/customer_hub';
import { OrderServiceService } from '@boomerang/proto/boomerang/commerce/v1/orders';
import { ReturnsServiceService } from '@boomerang/proto/boomerang/commerce/v1/returns';
import express, { type NextFunction, type Request, type Response } from 'express';
import { fetch as undiciFetch } from 'undici';
import { afterShipProvider } from './adapters/aftership';
import { demoLoggingCodeSender, outboundCodeSender } from './adapters/code-sender';
import { identityVerifier } from './adapters/identity-token';
import { loopProvider } from './adapters/loop';
import { otherPortalProvider } from './adapters/other-portal';
import { createResilientHttp, type FetchLike, type ResilientHttp } from './adapters/resilient-http';
import { ShopifyClient } from './adapters/shopify';
import { shopifyPlatform } from './adapters/shopify-platform';
import { purgeExpired, sqlDeliveryLog, sqlOrderCache, sqlSignInStore } from './adapters/sql-stores';
import { Orders } from './domain/orders';
import type { CodeSender, CommercePlatform, Publisher, ReturnsProvider } from './domain/ports';
import { knownReturns, Returns } from './domain/returns';
import { type IdentityVerifier, SignIn } from './domain/signin';
import { Webhooks } from './domain/webhooks';
import { customerHubHandlers, orderHandlers, returnsHandlers } from './handlers/grpc';
import { webhookRouter } from './handlers/webhooks';
import { parseTenants, type Tenants } from './tenants';

export interface CommerceDeps {
  sql: Sql;
  /** The event bus (kit EventBus); only publish is used. */
  bus: Publisher;
  logger: Logger;
  metrics?: Metrics;
  /** Parsed tenants, or the raw tenants object (validated here). */
  tenants: Tenants | Record<string, unknown>;
  /**
   * Per-install secret for hashing codes and identifiers (COMMERCE_CODE_PEPPER; index.ts requires
   * it). Without one a random per-process pepper is used: fine for the one-process demo, but codes
   * outstanding at a restart stop working.
   */
  pepper?: string | Buffer;
  clock?: () => Date;
  fetch?: FetchLike;
  /** Demo mode: print sign-in codes to the console (off by default). */
  demoLogCodes?: boolean;
  /** Replaces the outbound-topic code sender (e.g. a mail/SMS sender). */
  codeSender?: CodeSender;
  /** Cached orders are served without asking Shopify for this long (default 10 min). */
  orderCacheTtlMs?: number;
  webhookRate?: { perSecond: number; burst: number };
}

export interface CommerceServer {
  start(ports: {
    grpcPort: number;
    httpPort: number;
    host?: string;
  }): Promise<{ grpcPort: number; httpPort: number }>;
  stop(): Promise<void>;
  /** Circuit state per "<provider>:<tenant>" (closed/open/half-open), for tests and status. */
  breakerStates(): Record<string, string>;
  readonly signIn: SignIn;
  readonly orders: Orders;
  readonly returns: Returns;
  readonly webhooks: Webhooks;
  /** Deletes expired challenges, sessions, token ids and old delivery records (also every 10 min). */
  purgeExpired(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

export function createServer(deps: CommerceDeps): CommerceServer {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger;
  const fetchImpl: FetchLike = deps.fetch ?? (undiciFetch as unknown as FetchLike);
  const tenants: Tenants = deps.tenants instanceof Map ? deps.tenants : parseTenants(deps.tenants);
  if (!deps.pepper) logger.warn('no code pepper configured; using a random one for this process');
  const pepper = !deps.pepper
    ? randomBytes(32)
    : Buffer.isBuffer(deps.pepper)
      ? deps.pepper
      : Buffer.from(deps.pepper, 'utf8');
  if (pepper.length < 16) throw new Error('commerce: the code pepper must be at least 16 bytes');
  const webhookCounter = deps.metrics
    ? new Counter({
        name: 'boomerang_commerce_webhooks_total',
        help: 'Commerce webhook deliveries by source and outcome (processed, duplicate, ignored, rejected, failed)',
        labelNames: ['source', 'outcome'],
        registers: [deps.metrics.registry],
      })
    : undefined;

  const clients = new Map<string, ResilientHttp>();
  const httpFor = (provider: string, tenantId: string): ResilientHttp => {
    const key = `${provider}:${tenantId}`;
    let c = clients.get(key);
    if (!c) {
      c = createResilientHttp({
        name: provider,
        fetch: fetchImpl,
        resilience: tenants.get(tenantId)!.resilience,
        logger: logger.child({ component: 'http', provider, tenantId }),
      });
      clients.set(key, c);
    }
    return c;
  };

  const platforms = new Map<string, CommercePlatform>();
  const platform = (tenantId: string): CommercePlatform => {
    let p = platforms.get(tenantId);
    if (!p) {
      const cfg = tenants.get(tenantId)?.shopify;
      if (!cfg) throw new NotFound('this store has no Shopify connection');
      p = shopifyPlatform(tenantId, new ShopifyClient(cfg, httpFor('shopify', tenantId)));
      platforms.set(tenantId, p);
    }
    return p;
  };

  const verifiers = new Map<string, IdentityVerifier>();
  const verifier = (tenantId: string): IdentityVerifier | undefined => {
    const cfg = tenants.get(tenantId)?.identity;
    if (!cfg) return undefined;
    let v = verifiers.get(tenantId);
    if (!v) {
      v = identityVerifier(cfg);
      verifiers.set(tenantId, v);
    }
    return v;
  };

  const providers = new Map<string, ReturnsProvider>();
  const provider = (tenantId: string): ReturnsProvider | undefined => {
    const cfg = tenants.get(tenantId)?.returns;
    if (!cfg) return undefined;
    let p = providers.get(tenantId);
    if (!p) {
      p =
        cfg.kind === 'loop'
          ? loopProvider(cfg, httpFor('loop', tenantId))
          : cfg.kind === 'aftership'
            ? afterShipProvider(cfg, httpFor('aftership', tenantId))
            : otherPortalProvider(cfg);
      providers.set(tenantId, p);
    }
    return p;
  };

  const publisher: Publisher = {
    async publish(topic, records) {
      await deps.bus.publish(topic, records);
      deps.metrics?.published.inc({ topic }, records.length);
    },
  };
  let codeSender = deps.codeSender ?? outboundCodeSender(publisher);
  if (deps.demoLogCodes) codeSender = demoLoggingCodeSender(codeSender);

  const signIn = new SignIn({
    store: sqlSignInStore(deps.sql),
    platform,
    verifier,
    sessionTtlSeconds: (t) => tenants.get(t)?.sessionTtlSeconds ?? 7200,
    brandName: (t) => tenants.get(t)?.displayName ?? '',
    codeSender,
    pepper,
    clock,
    logger: logger.child({ component: 'sign-in' }),
  });
  const orders = new Orders({
    signIn,
    platform,
    cache: sqlOrderCache(deps.sql),
    clock,
    cacheTtlMs: deps.orderCacheTtlMs ?? 10 * 60_000,
    returnsOf: (tenantId, order, signal) =>
      knownReturns(provider(tenantId), platform(tenantId), order, signal),
    logger: logger.child({ component: 'orders' }),
  });
  const returns = new Returns({ signIn, orders, platform, provider });
  const webhooks = new Webhooks({
    orders,
    deliveries: sqlDeliveryLog(deps.sql),
    publisher,
    clock,
    logger: logger.child({ component: 'webhooks' }),
  });
  const tenancy = {
    assertTenant(tenantId: string) {
      if (!tenants.has(tenantId)) throw new NotFound('unknown tenant');
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (deps.metrics) {
    const handler = metricsHandler(deps.metrics.registry);
    app.get('/metrics', (req, res) => handler(req, res));
  }
  app.use(
    '/webhooks',
    webhookRouter({
      webhooks,
      tenants,
      logger,
      clock,
      rate: deps.webhookRate?.perSecond,
      burst: deps.webhookRate?.burst,
      count: (source, outcome) => webhookCounter?.inc({ source, outcome }),
    }),
  );
  app.use((err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large' || err.status === 413) {
      res.status(413).json({ error: 'payload too large' });
      return;
    }
    logger.error({ err }, 'http error');
    res.status(err.status && err.status < 500 ? err.status : 500).json({ error: 'request failed' });
  });

  let grpcServer: RunningGrpcServer | undefined;
  let httpServer: http.Server | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;
  const purge = () =>
    purgeExpired(deps.sql, clock()).catch((err: unknown) =>
      logger.warn({ err }, 'purging expired sign-in rows failed'),
    );

  return {
    signIn,
    orders,
    returns,
    webhooks,
    purgeExpired: purge,
    breakerStates: () => Object.fromEntries([...clients].map(([k, c]) => [k, c.state()])),
    async start(ports) {
      await migrate(deps.sql, { app: 'commerce', migrations: MIGRATIONS_DIR, logger });
      grpcServer = await startGrpcServer({
        services: [
          { definition: CustomerHubServiceService, implementation: customerHubHandlers(signIn, tenancy) },
          { definition: OrderServiceService, implementation: orderHandlers(orders, tenancy) },
          { definition: ReturnsServiceService, implementation: returnsHandlers(returns, tenancy) },
        ],
        port: ports.grpcPort,
        host: ports.host,
        logger,
        metrics: deps.metrics,
        maxReceiveMessageLength: 1024 * 1024,
      });
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(ports.httpPort, ports.host ?? '0.0.0.0', resolve));
      httpServer = server;
      purgeTimer = setInterval(purge, 10 * 60_000);
      purgeTimer.unref();
      return { grpcPort: grpcServer.port, httpPort: (server.address() as AddressInfo).port };
    },
    async stop() {
      if (purgeTimer) clearInterval(purgeTimer);
      await grpcServer?.shutdown(5000);
      if (httpServer) {
        const s = httpServer;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      }
      for (const c of clients.values()) c.shutdown();
      grpcServer = undefined;
      httpServer = undefined;
    },
  };
}
