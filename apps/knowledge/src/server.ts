import { hostname } from 'node:os';
import path from 'node:path';
import type { EventBus, Subscription } from '@boomerang/kit/bus';
import { TOPICS } from '@boomerang/kit/bus';
import { type RunningGrpcServer, startGrpcServer } from '@boomerang/kit/grpc';
import type { Logger } from '@boomerang/kit/logger';
import type { Metrics } from '@boomerang/kit/metrics';
import { migrate, type Sql } from '@boomerang/kit/sql';
import { KnowledgeServiceService } from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { followDocumentChanges } from './adapters/document-events';
import { DocumentOutboxRelay } from './adapters/outbox-relay';
import { KnowledgeRepository } from './adapters/repository';
import { UrlFetcher } from './adapters/url-fetcher';
import type { AnswerThresholds } from './domain/answer';
import { HashingEmbeddings, type IndexEmbedder } from './domain/embedder';
import { IndexRegistry, type RegistryOptions } from './domain/index-registry';
import { KnowledgeService, type Limits } from './domain/knowledge';
import { knowledgeHandlers } from './handlers/knowledge';

export interface KnowledgeServerDeps {
  sql: Sql;
  bus: EventBus;
  logger: Logger;
  metrics?: Metrics;
  /** Index snapshots go under `<dataDir>/index`; omit for no snapshots. */
  dataDir?: string;
  embedder?: IndexEmbedder;
  limits?: Partial<Limits>;
  thresholds?: AnswerThresholds;
  chatModel?: BaseChatModel;
  urlFetch?: { maxBytes?: number; timeoutMs?: number; allowPrivate?: boolean };
  /** Names this replica's consumer group: every replica follows every document change. */
  replicaId?: string;
  /** Outbox safety-net sweep (default 1 s); commits wake the relay at once anyway. */
  outboxSweepMs?: number;
  /** How often changed indexes are snapshotted (default 30 s; 0 = only at stop). */
  snapshotIntervalMs?: number;
  /** HNSW in a worker thread (default true) and its parameters. */
  index?: RegistryOptions;
}

export interface KnowledgeServer {
  readonly service: KnowledgeService;
  readonly registry: IndexRegistry;
  readonly relay: DocumentOutboxRelay;
  /** What the last start did: snapshots loaded, documents synced from the database, chunks re-embedded. */
  readonly startup: { snapshots: number; synced: number; reembedded: number; ms: number };
  start(options?: { grpcPort?: number; host?: string }): Promise<{ grpcPort: number }>;
  stop(): Promise<void>;
}

/** Builds the knowledge service without listening; `start` migrates, rebuilds the index, then serves. */
export function createServer(deps: KnowledgeServerDeps): KnowledgeServer {
  const logger = deps.logger.child({ component: 'knowledge-server' });
  const embedder = deps.embedder ?? new HashingEmbeddings();
  const registry = new IndexRegistry(embedder, deps.dataDir, logger, deps.index);
  const repo = new KnowledgeRepository(deps.sql);
  const fetcher = new UrlFetcher({
    maxBytes: deps.urlFetch?.maxBytes ?? 5 * 1024 * 1024,
    timeoutMs: deps.urlFetch?.timeoutMs ?? 10_000,
    allowPrivate: deps.urlFetch?.allowPrivate ?? false,
  });
  const relay = new DocumentOutboxRelay({
    sql: deps.sql,
    bus: deps.bus,
    logger: deps.logger,
    sweepMs: deps.outboxSweepMs,
  });
  const service = new KnowledgeService({
    repo,
    embedder,
    registry,
    fetcher,
    changed: () => relay.kick(),
    logger: deps.logger,
    limits: deps.limits,
    thresholds: deps.thresholds,
    chatModel: deps.chatModel,
  });
  let grpc: RunningGrpcServer | undefined;
  let subscription: Subscription | undefined;
  let timer: NodeJS.Timeout | undefined;
  const startup = { snapshots: 0, synced: 0, reembedded: 0, ms: 0 };

  return {
    service,
    registry,
    relay,
    startup,
    async start(options = {}) {
      await migrate(deps.sql, {
        app: 'knowledge',
        migrations: path.resolve(__dirname, '..', 'migrations'),
        logger,
      });
      await deps.bus.ensureTopics([TOPICS.knowledgeDocuments]);
      // Publishes what an earlier process committed but did not get to publish.
      relay.start();
      // Health says NOT_SERVING until the index is rebuilt.
      grpc = await startGrpcServer({
        services: [{ definition: KnowledgeServiceService, implementation: knowledgeHandlers(service) }],
        port: options.grpcPort ?? 0,
        host: options.host,
        logger: deps.logger,
        metrics: deps.metrics,
        serving: false,
      });
      const replica =
        deps.replicaId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
      // Follow changes first, then reconcile with the database: nothing falls between the two.
      subscription = await followDocumentChanges(
        deps.bus,
        `knowledge-replica-${replica}`,
        (t, d) => service.syncDocument(t, d),
        logger,
      );
      const started = performance.now();
      const r = await service.rebuild();
      Object.assign(startup, r, { ms: performance.now() - started });
      logger.info(startup, 'index ready');
      const every = deps.snapshotIntervalMs ?? 30_000;
      if (every > 0 && deps.dataDir) {
        timer = setInterval(() => {
          registry.saveSnapshots().catch((err) => logger.warn({ err }, 'index snapshot failed'));
        }, every);
        timer.unref();
      }
      grpc.setServing(true);
      return { grpcPort: grpc.port };
    },
    async stop() {
      if (timer) clearInterval(timer);
      const t0 = performance.now();
      await grpc?.shutdown(5_000);
      await relay.stop();
      const t1 = performance.now();
      await subscription?.stop({ drainMs: 5_000 });
      const t2 = performance.now();
      await fetcher.close();
      logger.debug({ grpcMs: Math.round(t1 - t0), consumerMs: Math.round(t2 - t1) }, 'stopped');
      try {
        await registry.saveSnapshots();
      } catch (err) {
        logger.warn({ err }, 'index snapshot at stop failed');
      }
      await registry.close();
    },
  };
}
