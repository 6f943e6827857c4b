// `npm start`: reads the environment, starts the whole stack — the demo store, or the brands of a
// brands file (BOOMERANG_BRANDS / --brands) — prints where to go, and shuts everything down cleanly
// on Ctrl-C / SIGTERM.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@boomerang/kit/config';
import { BrandsFileError } from './brands-file';
import { configSchema } from './config';
import { StackStartError, startStack } from './launcher';

/**
 * The brands file: `--brands <file>` or BOOMERANG_BRANDS, relative to where the command was typed
 * (npm runs the start script in apps/stack, and says where it was started in INIT_CWD).
 */
export function brandsFileOf(
  argv: string[],
  env: Record<string, string | undefined>,
  configured: string | undefined,
): string | undefined {
  const { values } = parseArgs({ args: argv, options: { brands: { type: 'string' } }, strict: true });
  const file = values.brands ?? configured;
  return file ? path.resolve(env.INIT_CWD ?? process.cwd(), file) : undefined;
}

async function main(): Promise<void> {
  const config = loadConfig('stack', configSchema);
  const stack = await startStack({
    home: config.BOOMERANG_HOME,
    brandsFile: brandsFileOf(process.argv.slice(2), process.env, config.BOOMERANG_BRANDS),
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS ? [...config.KAFKA_BROKERS] : undefined,
    busNamespace: config.BUS_NAMESPACE,
    schemaPrefix: config.DATABASE_SCHEMA_PREFIX,
    portBase: config.PORT_BASE,
    host: config.HOST,
    publicHost: config.PUBLIC_HOST,
    logLevel: config.LOG_LEVEL,
    demoCodes: config.DEMO_SIGN_IN_CODES,
    codePepper: config.COMMERCE_CODE_PEPPER,
    webchatSecret: config.WEBCHAT_TOKEN_SECRET,
  });
  console.log('  Ctrl-C stops everything; your data stays for the next start.');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log('  stopping already; press Ctrl-C again to force');
      process.once(signal as NodeJS.Signals, () => process.exit(130));
      return;
    }
    stopping = true;
    console.log(`\n${signal}: stopping Boomerang…`);
    const t = performance.now();
    stack
      .stop()
      .then(() => {
        console.log(`stopped cleanly in ${Math.round(performance.now() - t)} ms`);
        process.exit(0);
      })
      .catch((err: unknown) => {
        console.error(`stop failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module)
  main().catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof StackStartError || err instanceof BrandsFileError)
      console.error(`\n✖ ${err.message}`);
    else if ((err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS'))
      console.error(
        `\n✖ ${(err as Error).message} (npm start takes BOOMERANG_BRANDS=<file>; node dist/index.js --brands <file>)`,
      );
    else console.error('\n✖ Boomerang failed to start:', err);
    process.exit(1);
  });
