// Helpers for tests in every workspace. Never imported by product code.
import { randomBytes } from 'node:crypto';

/** A name unique to this test run: topics, consumer groups, schemas, tenants. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Polls `condition` until it returns a truthy value (returned) or the timeout passes (throws). */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `waitFor timed out after ${timeoutMs} ms: ${options.message ?? 'condition not met'}${why}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface InfraGate {
  /** The connection string / broker list, or undefined when the suite is skipped. */
  value: string | undefined;
  /** `describe` when the server is configured, `describe.skip` otherwise. */
  describe: jest.Describe;
}

const announced = new Set<string>();

/**
 * Gates a suite on a real server. With the variable unset the suite is skipped with one visible
 * line; with CI=true a missing server is a failure, never a silent skip.
 */
export function requireInfra(variable: 'KAFKA_BROKERS' | 'DATABASE_URL', suite: string): InfraGate {
  const value = process.env[variable];
  if (value) return { value, describe };
  if (process.env.CI === 'true') {
    throw new Error(`${suite}: ${variable} is not set, but CI=true requires the real server for this suite`);
  }
  if (!announced.has(`${variable}:${suite}`)) {
    announced.add(`${variable}:${suite}`);
    process.stderr.write(`SKIPPED ${suite}: set ${variable} to run it against a real server\n`);
  }
  return { value: undefined, describe: describe.skip };
}

/** Kafka broker list from KAFKA_BROKERS ("host:port,host:port"). */
export function kafkaBrokers(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
