// Process entry: the kit's service shell reads config, opens the database (or only migrates with
// MIGRATE_ONLY=true) and the bus, serves metrics and stops gracefully on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import { runService } from '@boomerang/kit/service';
import { migrationsDir } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { loadTenants } from './domain/tenants';
import { createServer } from './server';

void runService('gateway', configSchema, async (ctx) => {
  const { config } = ctx;
  const rawTenants =
    config.GATEWAY_TENANTS ??
    (config.GATEWAY_TENANTS_FILE ? readFileSync(config.GATEWAY_TENANTS_FILE, 'utf8') : undefined);
  if (!rawTenants) throw new Error('set GATEWAY_TENANTS (JSON) or GATEWAY_TENANTS_FILE');
  const tenants = loadTenants(JSON.parse(rawTenants));
  const sql = await ctx.sql({ schema: 'gateway', migrations: migrationsDir(__dirname) });
  const server = createServer({
    sql,
    bus: ctx.bus(),
    logger: ctx.logger,
    metrics: ctx.metrics,
    tenants,
    settings: {
      publicBaseUrl: config.GATEWAY_PUBLIC_URL,
      webchatSecret: config.WEBCHAT_TOKEN_SECRET,
      syncDeadlineMs: config.SYNC_REPLY_DEADLINE_MS,
      publishTimeoutMs: config.PUBLISH_TIMEOUT_MS,
      maxBodyBytes: config.MAX_BODY_BYTES,
      rateLimit: { perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST },
    },
  });
  await server.start({ httpPort: config.HTTP_PORT });
  return server;
});
