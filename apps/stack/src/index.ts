// `npm start`: reads the environment, starts the whole stack with the demo store, prints where to
// go, and shuts everything down cleanly on Ctrl-C / SIGTERM.
import { ConfigError, loadConfig } from '@boomerang/kit/config';
import { configSchema } from './config';
import { StackStartError, startStack } from './launcher';

async function main(): Promise<void> {
  const config = loadConfig('stack', configSchema);
  const stack = await startStack({
    home: config.BOOMERANG_HOME,
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

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof StackStartError) console.error(`\n✖ ${err.message}`);
  else console.error('\n✖ Boomerang failed to start:', err);
  process.exit(1);
});
