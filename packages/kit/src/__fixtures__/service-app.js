// A minimal app on the kit's service shell, run as a child process by service.test.ts (uses dist/).
const path = require('node:path');
const { z } = require('zod');
const { runService } = require('../../dist/service');
const { envBoolean, envPort } = require('../../dist/config');
const { migrate } = require('../../dist/sql');

const schema = z.object({
  METRICS_PORT: envPort.default(0),
  LOG_LEVEL: z.string().default('info'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string(),
  MIGRATE_ONLY: envBoolean.default(false),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  DEMO_HANG_ON_STOP: envBoolean.default(false),
  DEMO_GREETING: z.string().min(1),
});

void runService('demo', schema, async (ctx) => {
  const migrations = path.join(__dirname, 'migrations');
  const sql = await ctx.sql({ schema: 'demo', migrations });
  // Apps migrate in their server's start (also used by the stack and tests), as here.
  await migrate(sql, { app: 'demo', migrations, logger: ctx.logger });
  const { rows } = await sql.query('SELECT count(*)::int AS n FROM greetings');
  ctx.logger.info({ greetings: rows[0].n, greeting: ctx.config.DEMO_GREETING }, 'serving');
  return {
    async stop() {
      ctx.logger.info('draining');
      if (ctx.config.DEMO_HANG_ON_STOP) await new Promise(() => undefined);
    },
  };
});
