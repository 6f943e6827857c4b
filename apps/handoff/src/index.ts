// Process entry: the kit's service shell reads config, opens the database (or only migrates with
// MIGRATE_ONLY=true) and the bus, serves metrics and stops gracefully on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import { runService } from '@boomerang/kit/service';
import { migrationsDir } from '@boomerang/kit/sql';
import { Routing } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { configSchema } from './config';
import { createServer } from './server';

void runService('handoff', configSchema, async (ctx) => {
  const { config } = ctx;
  // Optional JSON file with an array of Routing objects applied at start (GitOps-style config).
  const routing = config.HANDOFF_ROUTING_FILE
    ? (JSON.parse(readFileSync(config.HANDOFF_ROUTING_FILE, 'utf8')) as unknown[]).map((r) =>
        Routing.fromJSON(r),
      )
    : undefined;
  const sql = await ctx.sql({ schema: 'handoff', migrations: migrationsDir(__dirname) });
  const server = createServer({
    sql,
    bus: ctx.bus(),
    logger: ctx.logger,
    metrics: ctx.metrics,
    routing,
    followInbound: { graceMs: config.HANDOFF_FOLLOW_GRACE_MS },
  });
  const ports = await server.start({ grpcPort: config.GRPC_PORT, httpPort: config.HTTP_PORT });
  ctx.logger.info(ports, 'handoff started');
  return server;
});
