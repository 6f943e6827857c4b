import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EventBus, InProcessBus } from '@boomerang/kit/bus';
import { createClient, type PromiseClient } from '@boomerang/kit/grpc';
import { createLogger } from '@boomerang/kit/logger';
import { openTestSql, type Sql } from '@boomerang/kit/sql';
import { KnowledgeServiceClient } from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import { EVAL_DIR, runEvaluation } from '../evaluate';
import { createServer, type KnowledgeServer, type KnowledgeServerDeps } from '../server';

export const logger = createLogger({
  service: 'knowledge-test',
  level: (process.env.TEST_LOG_LEVEL as 'info') ?? 'silent',
});

export interface Running {
  server: KnowledgeServer;
  client: PromiseClient<KnowledgeServiceClient>;
  port: number;
  stop(): Promise<void>;
}

export async function startKnowledge(
  deps: Partial<KnowledgeServerDeps> & { sql: Sql; bus: EventBus },
): Promise<Running> {
  const server = createServer({ logger, snapshotIntervalMs: 0, urlFetch: { allowPrivate: true }, ...deps });
  const { grpcPort } = await server.start({ grpcPort: 0, host: '127.0.0.1' });
  const client = createClient(KnowledgeServiceClient, `127.0.0.1:${grpcPort}`, {
    deadlineMs: 20_000,
    maxAttempts: 1,
  });
  return {
    server,
    client,
    port: grpcPort,
    async stop() {
      client.close();
      await server.stop();
    },
  };
}

/** One database (own schema or in-memory PGlite), one in-process bus, a temp data dir. */
export async function testEnv(): Promise<{
  sql: Sql;
  bus: EventBus;
  dataDir: string;
  close(): Promise<void>;
}> {
  const { sql, drop } = await openTestSql(process.env.DATABASE_URL);
  const bus = new InProcessBus({ logger, maintenanceIntervalMs: 0 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'knowledge-'));
  return {
    sql,
    bus,
    dataDir,
    async close() {
      await bus.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one eval set (eval/<set>) and holds every language (en, ko, pl) to its measured floors:
 * answer accuracy and unanswerable questions refused, and hit@5 = 1 unless `hit5: false`. A set covers the
 * languages `floors` names (a one-brand set may have two). Returns the report.
 */
export async function expectEvalFloors(
  set: string,
  floors: Record<string, { accuracy: number; rejected: number }>,
  options: { hit5?: boolean } = {},
): Promise<Awaited<ReturnType<typeof runEvaluation>>> {
  const report = await runEvaluation({ dir: path.join(EVAL_DIR, set) });
  if (process.env.EVAL_VERBOSE) console.log(set, JSON.stringify(report, null, 1));
  const hit5 = options.hit5 ?? true;
  expect(Object.keys(report).sort()).toEqual(Object.keys(floors).sort());
  for (const [lang, r] of Object.entries(report)) {
    const floor = floors[lang]!;
    expect({
      lang,
      ...(hit5 ? { hit5: r.hitAt5 } : {}),
      accuracy: r.answerAccuracy >= floor.accuracy,
      rejected: r.unanswerableRejected >= floor.rejected,
    }).toEqual({ lang, ...(hit5 ? { hit5: 1 } : {}), accuracy: true, rejected: true });
  }
  return report;
}

/** One line per set on the test's output: accuracy and refusals per language. */
export function printEvalReport(set: string, report: Awaited<ReturnType<typeof expectEvalFloors>>): void {
  const line = Object.entries(report)
    .map(
      ([lang, r]) => `${lang} ${r.answerAccuracy.toFixed(2)} (refused ${r.unanswerableRejected.toFixed(2)})`,
    )
    .join(', ');
  console.log(`${set}: ${line}`);
}
