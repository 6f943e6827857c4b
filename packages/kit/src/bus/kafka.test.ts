import { createLogger } from '../logger';
import { kafkaBrokers, requireInfra, uniqueName, waitFor } from '../testing';
import { runBusContract } from './bus.contract';
import { KafkaBus, type KafkaTuning } from './kafka';
import type { BusMessage } from './types';

const kafka = requireInfra('KAFKA_BROKERS', 'kit bus on Kafka');

kafka.describe('KafkaBus', () => {
  const logger = createLogger({ service: 'kit-bus-test', level: process.env.LOG_LEVEL ?? 'warn' });
  const makeBus = (tuning: KafkaTuning = {}) =>
    new KafkaBus({
      brokers: kafkaBrokers(kafka.value!),
      clientId: uniqueName('kit-test'),
      logger,
      // Short timeouts: members notice joins and leaves within a second.
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      maxWaitTimeMs: 250,
      ...tuning,
    });

  runBusContract('Kafka', () => makeBus(), { waitMs: 20_000 });

  test.each(['subscribe', 'subscribeBatch'] as const)(
    '%s: a handler running longer than the session timeout keeps its member in the group',
    async (api) => {
      const bus = makeBus({ sessionTimeoutMs: 1_500, heartbeatIntervalMs: 300 });
      const topic = uniqueName('kafka-slow');
      const group = uniqueName('g');
      const text = (m: BusMessage) => new TextDecoder().decode(m.value);
      try {
        await bus.ensureTopics([{ name: topic, partitions: 1, compacted: false, retentionMs: 3_600_000 }]);
        const deliveries: string[] = [];
        const handler = async (m: BusMessage) => {
          deliveries.push(text(m));
          // Slow work, three session timeouts long: without heartbeats the coordinator would
          // evict this member and the other one would get "slow" a second time.
          if (text(m) === 'slow') await new Promise((r) => setTimeout(r, 4_500));
        };
        const options = { topics: [topic], groupId: group, fromBeginning: true };
        for (let member = 0; member < 2; member++) {
          if (api === 'subscribe') await bus.subscribe(options, handler);
          else
            await bus.subscribeBatch(options, async (messages) => {
              for (const m of messages) await handler(m);
            });
        }
        await bus.publish(topic, [
          { key: 'k', value: new TextEncoder().encode('slow') },
          { key: 'k', value: new TextEncoder().encode('next') },
        ]);
        await waitFor(() => deliveries.includes('next'), { timeoutMs: 20_000 });
        expect(deliveries).toEqual(['slow', 'next']);
      } finally {
        await bus.deleteTopics([topic]);
        await bus.close();
      }
    },
  );
});
