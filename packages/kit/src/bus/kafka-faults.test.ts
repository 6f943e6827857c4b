// KafkaBus under network faults, on the real broker: the connection drops after a produce request
// reached the broker (it appended the records) but before its answer came back — what a broker
// restart does to the requests in flight. Sockets are wrapped (kafkajs socketFactory) to cut exactly
// that connection at exactly that moment; the broker itself keeps running for everyone else.
import net from 'node:net';
import type { ISocketFactory } from 'kafkajs';
import { createLogger } from '../logger';
import { kafkaBrokers, requireInfra, uniqueName, waitFor } from '../testing';
import { KafkaBus } from './kafka';
import type { BusMessage, EventBus } from './types';

const kafka = requireInfra('KAFKA_BROKERS', 'kit bus on Kafka under faults');

const PRODUCE_API_KEY = 0;

/**
 * Plain TCP sockets; `dropNextProduceAnswer(then)` makes the next produce request go out normally
 * and then loses the connection when its answer starts to arrive (the broker has appended the
 * records by then: it answers acks=all only after the append). `then` runs at that moment.
 */
function faultySockets(): { factory: ISocketFactory; dropNextProduceAnswer(then?: () => void): void } {
  let armed: (() => void) | undefined;
  const factory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = net.connect({ host, port }, onConnect);
    let cut: (() => void) | undefined;
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      // Kafka request framing: int32 size, int16 api key, ...
      if (armed && Buffer.isBuffer(chunk) && chunk.length >= 6 && chunk.readInt16BE(4) === PRODUCE_API_KEY) {
        cut = armed;
        armed = undefined;
      }
      return write(chunk, ...rest);
    }) as typeof socket.write;
    const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === 'data' && cut) {
        const then = cut;
        cut = undefined;
        socket.destroy(new Error('injected fault: connection lost before the produce answer'));
        then();
        return true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
    return socket;
  };
  return {
    factory,
    dropNextProduceAnswer(then = () => undefined) {
      armed = then;
    },
  };
}

kafka.describe('KafkaBus under network faults', () => {
  const logger = createLogger({ service: 'kit-bus-faults-test', level: process.env.LOG_LEVEL ?? 'silent' });
  const text = (m: BusMessage) => new TextDecoder().decode(m.value);
  const record = (key: string, value: string) => ({ key, value: new TextEncoder().encode(value) });

  async function withTopic(
    socketFactory: ISocketFactory,
    fn: (bus: EventBus, topic: string, received: string[]) => Promise<void>,
  ): Promise<void> {
    const bus = new KafkaBus({
      brokers: kafkaBrokers(kafka.value!),
      clientId: uniqueName('kit-faults'),
      logger,
      socketFactory,
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      maxWaitTimeMs: 250,
    });
    const topic = uniqueName('kafka-faults');
    try {
      await bus.ensureTopics([{ name: topic, partitions: 1, compacted: false, retentionMs: 3_600_000 }]);
      const received: string[] = [];
      await bus.subscribe({ topics: [topic], groupId: uniqueName('g'), fromBeginning: true }, async (m) => {
        received.push(text(m));
      });
      await fn(bus, topic, received);
    } finally {
      await bus.deleteTopics([topic]).catch(() => undefined);
      await bus.close();
    }
  }

  test('a publish that resolved is on the topic, also when another publish lost its answer meanwhile', async () => {
    const faults = faultySockets();
    await withTopic(faults.factory, async (bus, topic, received) => {
      await bus.publish(topic, record('zamówienie-1', 'first'));
      // "lost" reaches the broker but its answer never comes back; right then, a second publisher
      // sends "next" (one record, like "lost", to the same partition).
      let next: Promise<void> | undefined;
      const lost = bus.publish(topic, record('zamówienie-1', '반품 lost-answer'));
      faults.dropNextProduceAnswer(() => {
        next = bus.publish(topic, record('zamówienie-1', 'next'));
      });
      // Both resolve (the lost answer is retried); each resolved publish must be on the topic.
      await lost;
      await waitFor(() => next !== undefined);
      await next;
      await bus.publish(topic, record('zamówienie-1', 'last'));
      await waitFor(() => received.includes('last'), { timeoutMs: 20_000 });
      // Duplicates are allowed (at-least-once: a retried request may be appended twice), losses are not.
      expect([...new Set(received)].sort()).toEqual(['first', 'last', 'next', '반품 lost-answer'].sort());
    });
  }, 60_000);

  test('a group that started at "latest" resumes there after its consumer restarts: nothing published in between is skipped', async () => {
    // kafkajs restarts a crashed consumer (it crashes while the broker is down) and a partition the
    // group never committed would start at "latest" again; stop + subscribe is the same restart.
    const bus = new KafkaBus({
      brokers: kafkaBrokers(kafka.value!),
      clientId: uniqueName('kit-faults'),
      logger,
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      maxWaitTimeMs: 250,
    });
    const topic = uniqueName('kafka-restart');
    const group = uniqueName('live');
    const received: string[] = [];
    const handler = async (m: BusMessage) => {
      received.push(text(m));
    };
    try {
      await bus.ensureTopics([{ name: topic, partitions: 3, compacted: false, retentionMs: 3_600_000 }]);
      const first = await bus.subscribe({ topics: [topic], groupId: group }, handler);
      await first.stop();
      const meanwhile = ['Zwrot 1', '교환 2', 'refund 3', 'wymiana 4', '반품 5', 'exchange 6'];
      await bus.publish(
        topic,
        meanwhile.map((v, i) => record(`rozmowa-${i}`, v)),
      );
      await bus.subscribe({ topics: [topic], groupId: group }, handler);
      await waitFor(() => received.length >= meanwhile.length, { timeoutMs: 20_000 });
      expect([...received].sort()).toEqual([...meanwhile].sort());
    } finally {
      await bus.deleteTopics([topic]).catch(() => undefined);
      await bus.close();
    }
  }, 60_000);
});
