// Real PostgreSQL / Kafka for the stack tests when DATABASE_URL / KAFKA_BROKERS are set (each run in
// its own schemas and topic namespace, dropped afterwards); PGlite and the in-process bus otherwise.
import { randomBytes } from 'node:crypto';
import { createPostgres } from '@boomerang/kit/sql';
import { kafkaBrokers } from '@boomerang/kit/testing';
import { SERVICES, type StackOptions } from '../launcher';

export function infraOptions(): { options: Partial<StackOptions>; cleanup: () => Promise<void> } {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const brokers = process.env.KAFKA_BROKERS ? kafkaBrokers(process.env.KAFKA_BROKERS) : undefined;
  const run = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const schemaPrefix = `${run}_`;
  return {
    options: {
      databaseUrl,
      schemaPrefix: databaseUrl ? schemaPrefix : undefined,
      kafkaBrokers: brokers,
      busNamespace: brokers ? run : undefined,
    },
    async cleanup() {
      if (!databaseUrl) return;
      const admin = createPostgres({ url: databaseUrl, max: 1 });
      try {
        for (const s of SERVICES) await admin.query(`DROP SCHEMA IF EXISTS ${schemaPrefix}${s} CASCADE`);
      } finally {
        await admin.close();
      }
    },
  };
}
