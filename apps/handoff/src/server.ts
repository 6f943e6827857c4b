// Builds the handoff service (gRPC HandoffService + TicketService, HTTP helpdesk webhooks, outbox
// relay, the inbound follower that adds shoppers' later messages to their open ticket) without
// listening; `start` listens and subscribes, `stop` drains. Used by index.ts and apps/stack.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EventBus, type Subscription, TOPICS } from '@boomerang/kit/bus';
import { type RunningGrpcServer, startGrpcServer } from '@boomerang/kit/grpc';
import type { Logger } from '@boomerang/kit/logger';
import { Counter, type Metrics } from '@boomerang/kit/metrics';
import { Outbox } from '@boomerang/kit/outbox';
import { migrate, migrationsDir, type Sql } from '@boomerang/kit/sql';
import { HandoffServiceService, type Routing } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { TicketServiceService } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import express from 'express';
import { helpdeskAdapters } from './adapters/helpdesks';
import type { FetchLike, HttpOptions } from './adapters/http-client';
import { Desk } from './domain/desk';
import { Escalations } from './domain/escalations';
import { FollowUps } from './domain/followups';
import { HandoffService } from './domain/handoff';
import { type Clock, envSecrets, type SecretResolver, systemClock } from './domain/ports';
import { parseRouting, RoutingStore } from './domain/routing';
import { handoffHandlers } from './handlers/handoff';
import { type FollowInboundOptions, followInbound } from './handlers/inbound';
import { ticketHandlers } from './handlers/tickets';
import { webhookRouter } from './handlers/webhooks';

export interface HandoffServerDeps {
  sql: Sql;
  /** The kit's EventBus: ticket events and customer notices are published through the outbox. */
  bus: EventBus;
  logger: Logger;
  metrics?: Metrics;
  clock?: Clock;
  /** Outgoing HTTP to the helpdesks (tests inject faults here). */
  fetch?: FetchLike;
  /** Routing applied at start (from a config file); SetRouting changes it later. */
  routing?: Routing[];
  /** Secret references → values (default: HANDOFF_SECRET_* environment variables). */
  secrets?: SecretResolver;
  /** Helpdesk client tuning (timeouts, retries). */
  http?: Omit<HttpOptions, 'fetch'>;
  /** Lease of a pending handoff attempt (default 60 s). */
  leaseMs?: number;
  watchPollMs?: number;
  outboxSweepMs?: number;
  /** Raising helpdesk tickets to urgent: retry backoff and sweep (defaults 1 s doubling to 5 min; 1 s). */
  escalations?: { minBackoffMs?: number; maxBackoffMs?: number; sweepMs?: number };
  /** How long stop() waits for in-flight calls before forcing (default 5 s). */
  shutdownGraceMs?: number;
  /**
   * The inbound follower (boomerang.channel.inbound.v1, group handoff.inbound): shopper messages of
   * handed-off conversations go to their open ticket. `false` turns it off (default on).
   */
  followInbound?:
    | false
    | Pick<FollowInboundOptions, 'graceMs' | 'maxAttempts' | 'retryBackoffMs' | 'groupId'>;
}

export interface HandoffServer {
  desk: Desk;
  handoff: HandoffService;
  followUps: FollowUps;
  escalations: Escalations;
  relay: Outbox;
  start(options: {
    grpcPort: number;
    httpPort?: number;
    host?: string;
  }): Promise<{ grpcPort: number; httpPort?: number }>;
  stop(): Promise<void>;
}

export function createServer(deps: HandoffServerDeps): HandoffServer {
  const logger = deps.logger;
  const clock = deps.clock ?? systemClock;
  const secrets = deps.secrets ?? envSecrets();
  const relay = new Outbox({
    sql: deps.sql,
    bus: deps.bus,
    logger,
    table: 'outbox',
    published: deps.metrics?.published,
    sweepMs: deps.outboxSweepMs,
  });
  const routing = new RoutingStore(deps.sql, clock);
  const desk = new Desk({ sql: deps.sql, clock, outbox: relay, routing });
  const adapterFor = helpdeskAdapters(secrets, { ...deps.http, fetch: deps.fetch });
  const handoff = new HandoffService({
    sql: deps.sql,
    clock,
    outbox: relay,
    routing,
    desk,
    secrets,
    adapterFor,
    logger,
    leaseMs: deps.leaseMs,
  });
  const escalated = deps.metrics
    ? new Counter({
        name: 'boomerang_handoff_escalations_total',
        help: 'Attempts to raise a helpdesk ticket to urgent by destination and outcome (done, retry, given_up)',
        labelNames: ['destination', 'outcome'],
        registers: [deps.metrics.registry],
      })
    : undefined;
  const escalations = new Escalations({
    sql: deps.sql,
    clock,
    routing,
    adapterFor,
    logger,
    leaseMs: deps.leaseMs,
    ...deps.escalations,
    count: (destination, outcome) => escalated?.inc({ destination, outcome }),
  });
  const followUps = new FollowUps({
    sql: deps.sql,
    clock,
    outbox: relay,
    routing,
    desk,
    adapterFor,
    escalations,
    logger,
    leaseMs: deps.leaseMs,
  });
  const stopping = new AbortController();
  let inbound: Subscription | undefined;
  let grpcServer: RunningGrpcServer | undefined;
  let httpServer: http.Server | undefined;

  return {
    desk,
    handoff,
    followUps,
    escalations,
    relay,
    async start(options) {
      await migrate(deps.sql, { app: 'handoff', migrations: migrationsDir(__dirname), logger });
      await deps.bus.ensureTopics([TOPICS.ticketEvents, TOPICS.channelOutbound, TOPICS.channelInbound]);
      for (const r of deps.routing ?? []) await routing.put(parseRouting(r));
      relay.start(); // also publishes whatever an earlier process left behind
      escalations.start(); // also raises the tickets an earlier process could not
      if (deps.followInbound !== false) {
        inbound = await followInbound({ ...deps.followInbound, bus: deps.bus, followUps, logger });
      }
      grpcServer = await startGrpcServer({
        services: [
          {
            definition: HandoffServiceService,
            implementation: handoffHandlers({ handoff, routing, secrets, followUps }),
          },
          {
            definition: TicketServiceService,
            implementation: ticketHandlers(desk, { stopping: stopping.signal, pollMs: deps.watchPollMs }),
          },
        ],
        port: options.grpcPort,
        host: options.host,
        logger,
        metrics: deps.metrics,
      });
      let httpPort: number | undefined;
      if (options.httpPort !== undefined) {
        const app = express();
        app.disable('x-powered-by');
        app.get('/healthz', (_req, res) => {
          res.json({ ok: true });
        });
        app.use(webhookRouter({ handoff, routing, secrets, clock, logger }));
        httpServer = http.createServer(app);
        const srv = httpServer;
        await new Promise<void>((resolve) =>
          srv.listen(options.httpPort, options.host ?? '0.0.0.0', resolve),
        );
        httpPort = (srv.address() as AddressInfo).port;
      }
      return { grpcPort: grpcServer.port, httpPort };
    },
    async stop() {
      stopping.abort();
      await inbound?.stop({ drainMs: deps.shutdownGraceMs ?? 5000 });
      await grpcServer?.shutdown(deps.shutdownGraceMs ?? 5000);
      if (httpServer) {
        const srv = httpServer;
        srv.closeAllConnections();
        await new Promise<void>((resolve) => srv.close(() => resolve()));
      }
      await escalations.stop();
      await relay.stop();
    },
  };
}
