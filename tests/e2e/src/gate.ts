// Both real servers are required; without them the suite is skipped with one visible line (and
// fails under CI=true, where skipping would hide a missing broker or database).
import { requireInfra } from '@boomerang/kit/testing';

export function e2eGate(suite: string): { describe: jest.Describe; kafka: string; databaseUrl: string } {
  const kafka = requireInfra('KAFKA_BROKERS', suite);
  const db = requireInfra('DATABASE_URL', suite);
  if (kafka.value && db.value) return { describe, kafka: kafka.value, databaseUrl: db.value };
  return { describe: describe.skip, kafka: '', databaseUrl: '' };
}
