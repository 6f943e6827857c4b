/** Builds the agent service: gRPC API, inbound and ticket consumers, outbox relay. Never listens at import. */
import path from 'node:path';
import { decodeEvent, type EventBus, type Subscription, TOPICS } from '@boomerang/kit/bus';
import { type RunningGrpcServer, startGrpcServer } from '@boomerang/kit/grpc';
import type { Metrics } from '@boomerang/kit/metrics';
import { migrate, type Sql } from '@boomerang/kit/sql';
import { AgentServiceService } from '@boomerang/proto/boomerang/agent/v1/agent';
import { InboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { TicketEvent } from '@boomerang/proto/boomerang/events/v1/tickets';
import type { Logger } from 'pino';
import { type CommerceClients, grpcCommerce } from './adapters/commerce';
import { type EligibilityClient, grpcEligibility } from './adapters/eligibility';
import { grpcHandoff, type HandoffClient } from './adapters/handoff';
import { grpcKnowledge, type KnowledgeClient } from './adapters/knowledge';
import { INBOUND_BATCH } from './config';
import type { Ports } from './domain/ports';
import { Engine, type TurnObserver } from './engine';
import { agentHandlers } from './handlers/agent';
import { OutboxRelay } from './outbox';
import { Settings } from './settings';

export interface AgentClients {
  knowledge: KnowledgeClient;
  eligibility: EligibilityClient;
  commerce: CommerceClients;
  handoff: HandoffClient;
}

export interface AgentDeps {
  sql: Sql;
  bus: EventBus;
  logger: Logger;
  metrics?: Metrics;
  clock?: () => Date;
  /** gRPC clients of the other services; or `ports` directly (unit tests with in-memory ports). */
  clients?: AgentClients;
  ports?: Ports;
  /** Consumer group for the inbound and ticket topics (default "agent"). */
  groupId?: string;
  /** Sees each turn's processing window (tests: two replicas never process a conversation at once). */
  observer?: TurnObserver;
  /** Abandoned-conversation sweep: idle time after which an open conversation is abandoned (default 30 min). */
  abandonAfterMs?: number;
  /**
   * How long processed inbound message ids are kept to recognise a redelivery (default 14 days: twice
   * the inbound topic's retention).
   */
  processedRetentionMs?: number;
}

export interface AgentServer {
  engine: Engine;
  settings: Settings;
  start(options?: { grpcPort?: number; consume?: boolean }): Promise<{ grpcPort: number }>;
  stop(): Promise<void>;
}

export function portsFromClients(c: AgentClients): Ports {
  return {
    knowledge: grpcKnowledge(c.knowledge),
    eligibility: grpcEligibility(c.eligibility),
    commerce: grpcCommerce(c.commerce),
    handoff: grpcHandoff(c.handoff),
  };
}

export function createServer(deps: AgentDeps): AgentServer {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger.child({ component: 'agent' });
  const ports = deps.ports ?? (deps.clients ? portsFromClients(deps.clients) : undefined);
  if (!ports) throw new Error('createServer: clients or ports are required');
  const settings = new Settings(deps.sql, ports, clock, logger);
  const relay = new OutboxRelay(deps.sql, deps.bus, logger);
  const engine = new Engine({
    observer: deps.observer,
    sql: deps.sql,
    ports,
    settings,
    relay,
    logger,
    clock,
  });
  const groupId = deps.groupId ?? 'agent';
  let grpc: RunningGrpcServer | undefined;
  const subs: Subscription[] = [];
  const timers: NodeJS.Timeout[] = [];

  return {
    engine,
    settings,
    async start(options = {}) {
      await migrate(deps.sql, {
        app: 'agent',
        migrations: path.resolve(__dirname, '..', 'migrations'),
        logger,
      });
      // Replies a dead process committed but never published go out before any new turn.
      await relay
        .sweep()
        .catch((err) => logger.warn({ err }, 'outbox sweep at start failed; retried every second'));
      if (options.consume ?? true) {
        subs.push(
          // A partition's run of messages is one transaction (see Engine.handleBatch): per-key order
          // holds because a partition's messages arrive in offset order and turns of a conversation
          // run in that order; a failing batch is retried, then split so only a poison message is
          // dead-lettered.
          await deps.bus.subscribeBatch(
            {
              topics: [TOPICS.channelInbound.name],
              groupId,
              fromBeginning: true,
              maxBatchSize: INBOUND_BATCH,
            },
            async (batch) => {
              await engine.handleBatch(
                batch.map((m) => {
                  const msg = decodeEvent(InboundMessage, m.value);
                  return {
                    tenantId: msg.tenantId,
                    conversationId: msg.conversationId,
                    channel: msg.channel,
                    messageId: msg.messageId || `${m.topic}:${m.partition}:${m.offset}`,
                    text: msg.text,
                    postback: msg.postback,
                    identityToken: msg.identityToken,
                    receivedAt: msg.receivedAt ?? new Date(m.timestamp),
                    sender: msg.sender,
                    localeHint: msg.localeHint,
                    live: true,
                  };
                }),
              );
            },
          ),
        );
        subs.push(
          await deps.bus.subscribe(
            // Its own group: members of one Kafka group must subscribe to the same topics.
            { topics: [TOPICS.ticketEvents.name], groupId: `${groupId}.tickets`, fromBeginning: true },
            async (m) => {
              const ev = decodeEvent(TicketEvent, m.value);
              // Resolved, or closed without being resolved first: people are done, the agent speaks again.
              if ((ev.status === 'RESOLVED' || ev.status === 'CLOSED') && ev.conversationId)
                await engine.handBack(ev.tenantId, ev.conversationId, ev.eventId, {
                  // The desk already told the shopper; a second "we're done" would only repeat it.
                  silent: ev.customerNotified,
                });
            },
          ),
        );
      }
      const sweep = setInterval(() => {
        relay.sweep().catch((err) => logger.warn({ err }, 'outbox sweep failed'));
      }, 1000);
      const abandon = setInterval(() => {
        engine
          .sweepAbandoned(deps.abandonAfterMs ?? 30 * 60_000)
          .catch((err) => logger.warn({ err }, 'abandoned sweep failed'));
      }, 60_000);
      const prune = setInterval(() => {
        engine
          .pruneProcessed(deps.processedRetentionMs ?? 2 * TOPICS.channelInbound.retentionMs)
          .catch((err) => logger.warn({ err }, 'pruning processed message ids failed'));
      }, 3_600_000);
      sweep.unref();
      abandon.unref();
      prune.unref();
      timers.push(sweep, abandon, prune);
      grpc = await startGrpcServer({
        services: [
          {
            definition: AgentServiceService,
            implementation: agentHandlers(engine, settings, clock) as never,
          },
        ],
        port: options.grpcPort ?? 0,
        logger,
        metrics: deps.metrics,
      });
      return { grpcPort: grpc.port };
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(subs.splice(0).map((s) => s.stop()));
      await grpc?.shutdown(2000);
      await relay.close().catch((err) => logger.warn({ err }, 'marking outbox rows failed'));
    },
  };
}
