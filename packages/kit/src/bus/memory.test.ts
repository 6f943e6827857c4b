import { silentLogger } from '../logger';
import { uniqueName, waitFor } from '../testing';
import { runBusContract } from './bus.contract';
import { createBus, KafkaBus } from './index';
import { InProcessBus } from './memory';
import { NamespacedBus } from './namespace';
import { type BusMessage, DLQ_HEADERS } from './types';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (m: BusMessage) => new TextDecoder().decode(m.value);

runBusContract('in-process', () => new InProcessBus({ maintenanceIntervalMs: 0 }));
runBusContract('in-process, namespaced', () =>
  createBus({ clientId: 'kit-test', logger: silentLogger(), namespace: uniqueName('ns') }),
);

describe('InProcessBus', () => {
  let bus: InProcessBus;
  beforeEach(() => {
    bus = new InProcessBus({ maintenanceIntervalMs: 0 });
  });
  afterEach(() => bus.close());

  async function readAll(topic: string, count: number): Promise<BusMessage[]> {
    const seen: BusMessage[] = [];
    const sub = await bus.subscribe(
      { topics: [topic], groupId: uniqueName('g'), fromBeginning: true },
      async (m) => {
        seen.push(m);
      },
    );
    await waitFor(() => seen.length >= count, { message: `${count} messages read` });
    await sub.stop();
    return seen;
  }

  test('compact() keeps only the latest value per key of compacted topics, offsets unchanged', async () => {
    await bus.ensureTopics([
      { name: 'rates', partitions: 1, compacted: true, retentionMs: -1 },
      { name: 'events', partitions: 1, compacted: false, retentionMs: -1 },
    ]);
    const records = ['a=1', 'b=1', 'a=2', 'a=3', 'b=2'].map((v) => ({
      key: v.split('=')[0]!,
      value: bytes(v),
    }));
    await bus.publish('rates', records);
    await bus.publish('events', records);
    bus.compact();

    const rates = await readAll('rates', 2);
    expect(rates.map((m) => [m.offset, text(m)])).toEqual([
      ['3', 'a=3'],
      ['4', 'b=2'],
    ]);
    expect((await readAll('events', 5)).map(text)).toEqual(['a=1', 'b=1', 'a=2', 'a=3', 'b=2']);
    // Offsets keep growing after compaction.
    await bus.publish('rates', { key: 'a', value: bytes('a=4') });
    expect((await readAll('rates', 3)).map((m) => m.offset)).toEqual(['3', '4', '5']);
  });

  test('expire() applies retention.ms to delete-policy topics; readers start at the log start', async () => {
    await bus.ensureTopics([{ name: 'short', partitions: 1, compacted: false, retentionMs: 60_000 }]);
    await bus.publish('short', [
      { key: 'k', value: bytes('old') },
      { key: 'k', value: bytes('older') },
    ]);
    bus.expire(Date.now() + 60_001);
    await bus.publish('short', { key: 'k', value: bytes('new') });
    expect((await readAll('short', 1)).map((m) => [m.offset, text(m)])).toEqual([['2', 'new']]);
  });

  test('a namespace prefixes topics and groups on the inner bus and is invisible to handlers', async () => {
    const ns = new NamespacedBus(bus, 'e2e-1');
    await ns.ensureTopics([{ name: 'orders', partitions: 2, compacted: false, retentionMs: -1 }]);
    expect(await bus.describeTopic('e2e-1.orders')).toMatchObject({ partitions: 2 });
    expect(await bus.describeTopic('e2e-1.orders.dlq')).toBeDefined();
    expect(await bus.describeTopic('orders')).toBeUndefined();
    expect(await ns.describeTopic('orders')).toMatchObject({ name: 'orders', partitions: 2 });

    await ns.subscribe(
      { topics: ['orders'], groupId: 'svc', fromBeginning: true, maxAttempts: 1 },
      async () => {
        throw new Error('nope');
      },
    );
    const dead: BusMessage[] = [];
    await ns.subscribe({ topics: ['orders.dlq'], groupId: 'ops', fromBeginning: true }, async (m) => {
      dead.push(m);
    });
    await ns.publish('orders', { key: 'o-1', value: bytes('x') });
    await waitFor(() => dead.length === 1);
    expect(dead[0]!.topic).toBe('orders.dlq');
    expect(dead[0]!.headers).toMatchObject({
      [DLQ_HEADERS.sourceTopic]: 'orders',
      [DLQ_HEADERS.groupId]: 'svc',
    });
    expect(() => new NamespacedBus(bus, 'bad name')).toThrow('invalid bus namespace');
  });

  test('a stop during a retry backoff leaves the message uncommitted for the next member', async () => {
    await bus.ensureTopics([{ name: 'jobs', partitions: 1, compacted: false, retentionMs: -1 }]);
    const group = uniqueName('g');
    let failures = 0;
    const first = await bus.subscribe(
      { topics: ['jobs'], groupId: group, fromBeginning: true, maxAttempts: 5, retryBackoffMs: 60_000 },
      async () => {
        failures++;
        throw new Error('down');
      },
    );
    await bus.publish('jobs', { key: 'k', value: bytes('job') });
    await waitFor(() => failures === 1);
    await first.stop({ drainMs: 50 }); // ends the 60 s backoff at once
    const handled: BusMessage[] = [];
    await bus.subscribe({ topics: ['jobs'], groupId: group, fromBeginning: true }, async (m) => {
      handled.push(m);
    });
    await waitFor(() => handled.length === 1);
    expect(handled[0]!.attempt).toBe(1);
  });

  test('subscribeBatch waits up to maxBatchWaitMs for a batch to fill, and no longer', async () => {
    await bus.ensureTopics([{ name: 'slow-trickle', partitions: 1, compacted: false, retentionMs: -1 }]);
    const batches: { group: string; values: string[]; at: number }[] = [];
    const collect = (group: string) => async (messages: BusMessage[]) => {
      batches.push({ group, values: messages.map(text), at: Date.now() });
    };
    const patient = await bus.subscribeBatch(
      {
        topics: ['slow-trickle'],
        groupId: 'patient',
        fromBeginning: true,
        maxBatchSize: 3,
        maxBatchWaitMs: 60_000,
      },
      collect('patient'),
    );
    // Three separate publishes: the batch is handed over as soon as it is full, not after 60 s.
    for (const v of ['하나', 'dwa', 'three'])
      await bus.publish('slow-trickle', { key: 'k', value: bytes(v) });
    await waitFor(() => batches.length === 1);
    expect(batches[0]).toMatchObject({ group: 'patient', values: ['하나', 'dwa', 'three'] });

    await bus.subscribeBatch(
      { topics: ['slow-trickle'], groupId: 'brisk', maxBatchSize: 100, maxBatchWaitMs: 80 },
      collect('brisk'),
    );
    const publishedAt = Date.now();
    await bus.publish('slow-trickle', { key: 'k', value: bytes('cztery') });
    await waitFor(() => batches.length === 2);
    // The 80 ms one hands over a batch of one after its wait; the 60 s one still waits for two more.
    expect(batches[1]).toMatchObject({ group: 'brisk', values: ['cztery'] });
    expect(batches[1]!.at - publishedAt).toBeGreaterThanOrEqual(75);
    // A stop ends the wait at once and hands over nothing: 'cztery' stays for the group's next member.
    const stopping = Date.now();
    await patient.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
    expect(batches).toHaveLength(2);
    await bus.subscribeBatch({ topics: ['slow-trickle'], groupId: 'patient' }, collect('patient'));
    await waitFor(() => batches.length === 3);
    expect(batches[2]).toMatchObject({ group: 'patient', values: ['cztery'] });
  });

  test('subscribeBatch rejects a batch size below 1', async () => {
    await bus.ensureTopics([{ name: 'jobs-b', partitions: 1, compacted: false, retentionMs: -1 }]);
    await expect(
      bus.subscribeBatch({ topics: ['jobs-b'], groupId: 'g', maxBatchSize: 0 }, async () => {}),
    ).rejects.toThrow('maxBatchSize must be >= 1');
  });

  test('createBus picks Kafka only when brokers are configured', async () => {
    const logger = silentLogger();
    expect(createBus({ clientId: 'kit-test', logger })).toBeInstanceOf(InProcessBus);
    expect(createBus({ clientId: 'kit-test', logger, brokers: [] })).toBeInstanceOf(InProcessBus);
    const kafka = createBus({ clientId: 'kit-test', logger, brokers: ['127.0.0.1:1'] });
    expect(kafka).toBeInstanceOf(KafkaBus);
    await kafka.close(); // never connected: nothing to wait for
  });
});
