// Reads boomerang.analytics.resolution-rate.v1 the way an analyst does: plain kafkajs, its own
// consumer group, from the beginning, values decoded with the generated ResolutionRate type.
import { TOPICS } from '@boomerang/kit/bus';
import { ResolutionRate } from '@boomerang/proto/boomerang/events/v1/analytics';
import { Kafka, logLevel } from 'kafkajs';
import type { System } from './harness';

export interface RateReader {
  rates: ResolutionRate[];
  close(): Promise<void>;
}

export async function readResolutionRates(sys: System): Promise<RateReader> {
  const kafka = new Kafka({
    clientId: `e2e-analyst-${sys.run}`,
    brokers: sys.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `e2e-analyst-${sys.run}-${Date.now().toString(36)}` });
  const rates: ResolutionRate[] = [];
  const mine = new Set(Object.values(sys.brands).map((b) => b.tenantId));
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPICS.resolutionRate.name], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.value) return; // a tombstone
      const rate = ResolutionRate.decode(message.value);
      if (mine.has(rate.tenantId)) rates.push(rate);
    },
  });
  return { rates, close: () => consumer.disconnect() };
}

/** The highest version of the rows matching `where` (a compacted topic keeps the latest per key). */
export function latest(
  rates: ResolutionRate[],
  where: (r: ResolutionRate) => boolean,
): ResolutionRate | undefined {
  return rates.filter(where).sort((a, b) => Number(b.version) - Number(a.version))[0];
}
