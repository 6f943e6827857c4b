// The behaviour every EventBus must have, run against the in-process bus and real Kafka alike.
// Each test owns its topics and groups (uniqueName) and deletes its topics afterwards.
import { uniqueName, waitFor } from '../testing';
import { UnknownTopicError } from './errors';
import { DLQ_RETENTION_MS } from './topics';
import {
  type BatchHandler,
  type BatchSubscribeOptions,
  type BusMessage,
  DLQ_HEADERS,
  type EventBus,
  type MessageHandler,
  type SubscribeOptions,
  type Subscription,
} from './types';

export interface ContractOptions {
  /** Upper bound for each waitFor (Kafka rebalances take a few heartbeats). */
  waitMs?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (s: string) => encoder.encode(s);
const text = (m: BusMessage) => decoder.decode(m.value);

/**
 * Partitions Kafka's default partitioner gives these keys on a 12-partition topic. The murmur2
 * hashes are the Java client's own test vectors (UtilsTest#testMurmur2): toPositive(h) % 12.
 */
const KNOWN_PARTITIONS_OF_12: Record<string, number> = {
  '21': 0, // murmur2 -973932308
  foobar: 6, // -790332482
  'a-little-bit-long-string': 8, // -985981536
  'a-little-bit-longer-string': 11, // -1486304829
  abc: 3, // 479470107
  'tenant-1/conv-42': 11,
  'é/한국': 1,
};

export function runBusContract(
  name: string,
  makeBus: () => EventBus | Promise<EventBus>,
  options: ContractOptions = {},
) {
  const waitMs = options.waitMs ?? 10_000;
  const until = <T>(condition: () => T | Promise<T>, message: string) =>
    waitFor(condition, { timeoutMs: waitMs, message });

  describe(`EventBus contract: ${name}`, () => {
    let bus: EventBus;
    let topics: string[];
    let subscriptions: Subscription[];
    let cleanups: (() => void)[];

    beforeEach(async () => {
      bus = await makeBus();
      topics = [];
      subscriptions = [];
      cleanups = [];
    });

    afterEach(async () => {
      for (const cleanup of cleanups) cleanup();
      await Promise.all(subscriptions.map((s) => s.stop({ drainMs: 1_000 })));
      await bus.deleteTopics(topics);
      await bus.close();
    });

    async function topic(partitions: number): Promise<string> {
      const t = uniqueName('contract');
      topics.push(t);
      await bus.ensureTopics([{ name: t, partitions, compacted: false, retentionMs: 3_600_000 }]);
      return t;
    }

    async function subscribe(opts: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
      const s = await bus.subscribe(opts, handler);
      subscriptions.push(s);
      return s;
    }

    async function subscribeBatch(opts: BatchSubscribeOptions, handler: BatchHandler): Promise<Subscription> {
      const s = await bus.subscribeBatch(opts, handler);
      subscriptions.push(s);
      return s;
    }

    test('keeps each key in publish order, across partitions handled concurrently', async () => {
      const t = await topic(4);
      const keys = Array.from({ length: 12 }, (_, i) => `tenant-${i % 3}/conv-${i}`);
      const perKey = 20;
      const seen = new Map<string, number[]>();
      await subscribe({ topics: [t], groupId: uniqueName('g'), fromBeginning: true }, async (m) => {
        // Simulated work of varying length: a bus that ran one partition's messages concurrently
        // would let a later message overtake an earlier one.
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        seen.set(m.key, [...(seen.get(m.key) ?? []), Number(text(m))]);
      });
      for (let n = 0; n < perKey; n++) {
        await bus.publish(
          t,
          keys.map((key) => ({ key, value: bytes(String(n)) })),
        );
      }
      await until(() => keys.every((k) => seen.get(k)?.length === perKey), 'every message handled');
      const expected = Array.from({ length: perKey }, (_, n) => n);
      for (const key of keys) expect(seen.get(key)).toEqual(expected);
    });

    test("puts a key on one partition, the one Kafka's murmur2 partitioner picks", async () => {
      const t = await topic(12);
      const partitionsOf = new Map<string, Set<number>>();
      await subscribe({ topics: [t], groupId: uniqueName('g'), fromBeginning: true }, async (m) => {
        partitionsOf.set(m.key, (partitionsOf.get(m.key) ?? new Set()).add(m.partition));
      });
      const keys = Object.keys(KNOWN_PARTITIONS_OF_12);
      for (let round = 0; round < 3; round++) {
        await bus.publish(
          t,
          keys.map((key) => ({ key, value: bytes(`${round}`) })),
        );
      }
      await until(() => partitionsOf.size === keys.length, 'every key seen');
      for (const key of keys)
        expect([key, [...partitionsOf.get(key)!]]).toEqual([key, [KNOWN_PARTITIONS_OF_12[key]]]);
    });

    test('shares partitions among the members of a group, and fans out to every group', async () => {
      const t = await topic(4);
      const shared = uniqueName('shared');
      const handledBy = { a: [] as string[], b: [] as string[], other: [] as string[] };
      const record = (who: keyof typeof handledBy) => async (m: BusMessage) => {
        handledBy[who].push(text(m));
      };
      await subscribe({ topics: [t], groupId: shared, fromBeginning: true }, record('a'));
      await subscribe({ topics: [t], groupId: shared, fromBeginning: true }, record('b'));
      await subscribe({ topics: [t], groupId: uniqueName('other'), fromBeginning: true }, record('other'));
      const values = Array.from({ length: 40 }, (_, i) => `m${i}`);
      await bus.publish(
        t,
        values.map((v) => ({ key: `key-${v}`, value: bytes(v) })),
      );
      await until(
        () =>
          handledBy.a.length + handledBy.b.length >= values.length && handledBy.other.length >= values.length,
        'both groups handled every message',
      );
      // Shared: each message exactly once across the two members, and both had partitions.
      expect([...handledBy.a, ...handledBy.b].sort()).toEqual([...values].sort());
      expect(handledBy.a.length).toBeGreaterThan(0);
      expect(handledBy.b.length).toBeGreaterThan(0);
      // Fan-out: the other group got everything on its own.
      expect([...handledBy.other].sort()).toEqual([...values].sort());
    });

    test('redelivers a message whose handler never finished to another member, then commits it', async () => {
      const t = await topic(1);
      const group = uniqueName('g');
      const deliveries: { member: string; value: string }[] = [];
      let releaseHung!: () => void;
      const hung = new Promise<void>((resolve) => (releaseHung = resolve));
      cleanups.push(releaseHung);
      const member = (name: string) => async (m: BusMessage) => {
        deliveries.push({ member: name, value: text(m) });
        // The very first delivery of m1 hangs until the end of the test.
        if (text(m) === 'm1' && deliveries.filter((d) => d.value === 'm1').length === 1) await hung;
      };
      const x = await subscribe({ topics: [t], groupId: group, fromBeginning: true }, member('x'));
      const y = await subscribe({ topics: [t], groupId: group, fromBeginning: true }, member('y'));
      await bus.publish(t, { key: 'k', value: bytes('m1') });

      const first = await until(() => deliveries.find((d) => d.value === 'm1'), 'm1 delivered');
      const [stuck, other] = first.member === 'x' ? [x, 'y'] : [y, 'x'];
      await stuck.stop({ drainMs: 200 }); // must not wait for the hung handler

      await until(() => deliveries.filter((d) => d.value === 'm1').length === 2, 'm1 redelivered');
      expect(deliveries.filter((d) => d.value === 'm1')[1]!.member).toBe(other);

      await bus.publish(t, { key: 'k', value: bytes('m2') });
      await until(() => deliveries.some((d) => d.value === 'm2'), 'm2 handled');
      releaseHung(); // the abandoned handler finishing late must not commit anything
      await (first.member === 'x' ? y : x).stop();

      // A fresh member resumes after m2: m1 was committed once redelivered and is not seen again.
      await subscribe({ topics: [t], groupId: group, fromBeginning: true }, member('z'));
      await bus.publish(t, { key: 'k', value: bytes('m3') });
      await until(() => deliveries.some((d) => d.member === 'z'), 'z handled something');
      expect(deliveries.filter((d) => d.member === 'z').map((d) => d.value)).toEqual(['m3']);
      expect(deliveries.map((d) => d.value)).toEqual(['m1', 'm1', 'm2', 'm3']);
    });

    test('a new group without fromBeginning gets exactly what is published once subscribe() resolved', async () => {
      const t = await topic(2);
      await bus.publish(t, { key: 'k', value: bytes('before') });
      const seen: string[][] = [];
      // Several fresh groups in a row, each publishing right after subscribe() resolves: a bus
      // that fixed "latest" lazily, after returning, would skip some of these messages.
      for (let i = 0; i < 4; i++) {
        const got: string[] = [];
        seen.push(got);
        await subscribe({ topics: [t], groupId: uniqueName('g') }, async (m) => {
          got.push(text(m));
        });
        await bus.publish(t, { key: 'k', value: bytes(`after-${i}`) });
        await until(() => got.length > 0, `group ${i} got its first message`);
      }
      await until(() => seen.every((got, i) => got.length >= 4 - i), 'every group got every later message');
      expect(seen).toEqual([
        ['after-0', 'after-1', 'after-2', 'after-3'],
        ['after-1', 'after-2', 'after-3'],
        ['after-2', 'after-3'],
        ['after-3'],
      ]);
    });

    test("resumes a group from its committed offsets: a new member doesn't reprocess", async () => {
      const t = await topic(3);
      const group = uniqueName('g');
      const first: string[] = [];
      const second: string[] = [];
      const publish = (from: number, to: number) =>
        bus.publish(
          t,
          Array.from({ length: to - from + 1 }, (_, i) => ({
            key: `k${(from + i) % 5}`,
            value: bytes(`m${from + i}`),
          })),
        );
      const a = await subscribe({ topics: [t], groupId: group, fromBeginning: true }, async (m) => {
        first.push(text(m));
      });
      await publish(1, 10);
      await until(() => first.length === 10, 'first member handled m1..m10');
      await a.stop();

      await publish(11, 15);
      await subscribe({ topics: [t], groupId: group, fromBeginning: true }, async (m) => {
        second.push(text(m));
      });
      await until(() => second.length >= 5, 'second member handled m11..m15');
      expect([...second].sort()).toEqual(['m11', 'm12', 'm13', 'm14', 'm15']);
    });

    test('retries with exponential backoff, then moves the message to <topic>.dlq and goes on', async () => {
      const t = await topic(2);
      const group = uniqueName('g');
      const attempts = new Map<string, { attempt: number; at: number }[]>();
      await subscribe(
        { topics: [t], groupId: group, fromBeginning: true, maxAttempts: 3, retryBackoffMs: 50 },
        async (m) => {
          const value = text(m);
          attempts.set(value, [...(attempts.get(value) ?? []), { attempt: m.attempt, at: Date.now() }]);
          if (value === 'bad') throw new Error('boom: cannot handle bad');
          if (value === 'flaky' && m.attempt < 3) throw new Error('flaky');
        },
      );
      const dead: BusMessage[] = [];
      await subscribe(
        { topics: [`${t}.dlq`], groupId: uniqueName('ops'), fromBeginning: true },
        async (m) => {
          dead.push(m);
        },
      );
      await bus.publish(t, [
        { key: 'order-1', value: bytes('flaky'), headers: { 'x-event-id': 'e1' } },
        { key: 'order-1', value: bytes('bad'), headers: { 'x-event-id': 'e2' } },
        { key: 'order-1', value: bytes('good') },
      ]);

      await until(() => attempts.has('good') && dead.length > 0, 'good handled and bad dead-lettered');
      expect(attempts.get('flaky')!.map((a) => a.attempt)).toEqual([1, 2, 3]);
      expect(attempts.get('bad')!.map((a) => a.attempt)).toEqual([1, 2, 3]);
      expect(attempts.get('good')!.map((a) => a.attempt)).toEqual([1]);
      const [b1, b2, b3] = attempts.get('bad')!;
      expect(b2!.at - b1!.at).toBeGreaterThanOrEqual(45); // 50 ms, then doubled
      expect(b3!.at - b2!.at).toBeGreaterThanOrEqual(95);

      // Only bad: flaky was published first on the same key, so it would have come first.
      expect(dead.map(text)).toEqual(['bad']);
      const [d] = dead;
      expect(d!.key).toBe('order-1');
      expect(d!.headers).toMatchObject({
        'x-event-id': 'e2',
        [DLQ_HEADERS.sourceTopic]: t,
        [DLQ_HEADERS.sourceOffset]: '1',
        [DLQ_HEADERS.attempts]: '3',
        [DLQ_HEADERS.groupId]: group,
      });
      expect(d!.headers[DLQ_HEADERS.error]).toContain('boom: cannot handle bad');
      const sourcePartition = Number(d!.headers[DLQ_HEADERS.sourcePartition]);
      expect(d!.partition).toBe(sourcePartition); // same partition count: the key stays together
    });

    describe('subscribeBatch', () => {
      test('hands over runs of one partition in offset order, each key in publish order within and across batches', async () => {
        const t = await topic(4);
        const keys = Array.from({ length: 12 }, (_, i) => `brand-${['kr', 'pl', 'en'][i % 3]}/rozmowa-${i}`);
        const rounds = 5;
        const perRound = 5;
        const batches: BusMessage[][] = [];
        const seen = new Map<string, number[]>();
        await subscribeBatch(
          { topics: [t], groupId: uniqueName('g'), fromBeginning: true, maxBatchSize: 7 },
          async (messages) => {
            batches.push(messages);
            // Work of varying length: partitions run concurrently, a partition's batches must not.
            await new Promise((r) => setTimeout(r, Math.random() * 3));
            for (const m of messages) seen.set(m.key, [...(seen.get(m.key) ?? []), Number(text(m))]);
          },
        );
        for (let round = 0; round < rounds; round++) {
          const records = keys.flatMap((key) =>
            Array.from({ length: perRound }, (_, i) => ({ key, value: bytes(String(round * perRound + i)) })),
          );
          await bus.publish(t, records);
        }
        const total = rounds * perRound;
        await until(() => keys.every((k) => seen.get(k)?.length === total), 'every message handled');
        const expected = Array.from({ length: total }, (_, n) => n);
        for (const key of keys) expect([key, seen.get(key)]).toEqual([key, expected]);

        const lastOffset = new Map<number, bigint>();
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThanOrEqual(1);
          expect(batch.length).toBeLessThanOrEqual(7);
          expect(new Set(batch.map((m) => `${m.topic}#${m.partition}`)).size).toBe(1);
          for (const m of batch) {
            // Offsets only grow per partition, within a batch and from one batch to the next.
            const offset = BigInt(m.offset);
            expect(offset > (lastOffset.get(m.partition) ?? -1n)).toBe(true);
            lastOffset.set(m.partition, offset);
            expect(m.attempt).toBe(1);
          }
        }
        // It really batched: 60 records per publish land on 4 partitions, so full batches happen.
        expect(Math.max(...batches.map((b) => b.length))).toBe(7);
        expect(batches.length).toBeLessThan(keys.length * total);
      });

      test('commits a batch only after its handler: an unfinished batch comes back whole, a late finish commits nothing', async () => {
        const t = await topic(1);
        const group = uniqueName('g');
        const calls: { member: string; values: string[] }[] = [];
        let releaseHung!: () => void;
        const hung = new Promise<void>((resolve) => (releaseHung = resolve));
        cleanups.push(releaseHung);
        const member = (name: string) => async (messages: BusMessage[]) => {
          calls.push({ member: name, values: messages.map(text) });
          if (calls.length === 1) await hung; // the very first batch never finishes in time
        };
        const first = ['zwrot-1', '반품-2', 'return-3', 'zwrot-4', '반품-5'];
        await bus.publish(
          t,
          first.map((v) => ({ key: 'order-1', value: bytes(v) })),
        );
        const x = await subscribeBatch({ topics: [t], groupId: group, fromBeginning: true }, member('x'));
        await until(() => calls.length === 1, 'x got the batch');
        expect(calls[0]).toEqual({ member: 'x', values: first });
        await x.stop({ drainMs: 200 }); // must not wait for the hung handler

        const y = await subscribeBatch({ topics: [t], groupId: group, fromBeginning: true }, member('y'));
        const handledBy = (name: string) => calls.filter((c) => c.member === name).flatMap((c) => c.values);
        await until(() => handledBy('y').length >= first.length, 'the unfinished batch redelivered to y');
        expect(handledBy('y')).toEqual(first);

        releaseHung(); // x's abandoned handler finishing now must not commit anything
        await bus.publish(t, { key: 'order-1', value: bytes('zwrot-6') });
        await until(() => handledBy('y').includes('zwrot-6'), 'y handled the next one');
        await y.stop();

        // A fresh member resumes after zwrot-6: nothing before it comes back.
        await subscribeBatch({ topics: [t], groupId: group, fromBeginning: true }, member('z'));
        await bus.publish(t, { key: 'order-1', value: bytes('반품-7') });
        await until(() => handledBy('z').length > 0, 'z handled something');
        expect(handledBy('z')).toEqual(['반품-7']);
        expect(handledBy('x')).toEqual(first);
      });

      test('isolates a poison message: the batch is retried, then delivered one by one, only the poison goes to the DLQ', async () => {
        const t = await topic(2);
        const group = uniqueName('g');
        const values = ['rozmiar', '사이즈', 'poison', 'damaged', 'uszkodzony'];
        await bus.publish(
          t,
          values.map((v, i) => ({ key: 'order-7', value: bytes(v), headers: { 'x-event-id': `e${i}` } })),
        );
        const calls: { values: string[]; attempt: number }[] = [];
        const processed: string[] = [];
        await subscribeBatch(
          { topics: [t], groupId: group, fromBeginning: true, maxAttempts: 2, retryBackoffMs: 20 },
          async (messages) => {
            calls.push({ values: messages.map(text), attempt: messages[0]!.attempt });
            if (messages.some((m) => text(m) === 'poison')) throw new Error('boom: cannot decode poison');
            processed.push(...messages.map(text));
          },
        );
        const dead: BusMessage[] = [];
        await subscribe(
          { topics: [`${t}.dlq`], groupId: uniqueName('ops'), fromBeginning: true },
          async (m) => {
            dead.push(m);
          },
        );
        await until(() => processed.includes('uszkodzony') && dead.length > 0, 'rest processed, poison dead');
        expect(processed).toEqual(['rozmiar', '사이즈', 'damaged', 'uszkodzony']);
        expect(dead.map(text)).toEqual(['poison']);
        expect(calls).toEqual([
          { values, attempt: 1 },
          { values, attempt: 2 },
          // Then one at a time; attempts count on from the batch's.
          { values: ['rozmiar'], attempt: 3 },
          { values: ['사이즈'], attempt: 3 },
          { values: ['poison'], attempt: 3 },
          { values: ['poison'], attempt: 4 },
          { values: ['damaged'], attempt: 3 },
          { values: ['uszkodzony'], attempt: 3 },
        ]);
        expect(dead[0]!.headers).toMatchObject({
          'x-event-id': 'e2',
          [DLQ_HEADERS.sourceTopic]: t,
          [DLQ_HEADERS.sourceOffset]: '2',
          [DLQ_HEADERS.attempts]: '4',
          [DLQ_HEADERS.groupId]: group,
        });
        expect(dead[0]!.headers[DLQ_HEADERS.error]).toContain('boom: cannot decode poison');

        // The group goes on (batching again) after the poison.
        await bus.publish(t, { key: 'order-7', value: bytes('next') });
        await until(() => processed.includes('next'), 'next handled');
        expect(calls[calls.length - 1]).toEqual({ values: ['next'], attempt: 1 });
        expect(processed.filter((v) => v !== 'next')).toHaveLength(4); // nothing handled twice
      });

      test('shares partitions among the members of a group, and fans out to every group', async () => {
        const t = await topic(4);
        const shared = uniqueName('shared');
        const handledBy = { a: [] as string[], b: [] as string[], other: [] as string[] };
        const partitionsPerBatch: number[] = [];
        const record = (who: keyof typeof handledBy) => async (messages: BusMessage[]) => {
          partitionsPerBatch.push(new Set(messages.map((m) => m.partition)).size);
          handledBy[who].push(...messages.map(text));
        };
        await subscribeBatch({ topics: [t], groupId: shared, fromBeginning: true }, record('a'));
        await subscribeBatch({ topics: [t], groupId: shared, fromBeginning: true }, record('b'));
        await subscribeBatch(
          { topics: [t], groupId: uniqueName('other'), fromBeginning: true },
          record('other'),
        );
        const values = Array.from({ length: 40 }, (_, i) => `m${i}`);
        await bus.publish(
          t,
          values.map((v) => ({ key: `key-${v}`, value: bytes(v) })),
        );
        await until(
          () =>
            handledBy.a.length + handledBy.b.length >= values.length &&
            handledBy.other.length >= values.length,
          'both groups handled every message',
        );
        expect([...handledBy.a, ...handledBy.b].sort()).toEqual([...values].sort());
        expect(handledBy.a.length).toBeGreaterThan(0);
        expect(handledBy.b.length).toBeGreaterThan(0);
        expect([...handledBy.other].sort()).toEqual([...values].sort());
        expect(new Set(partitionsPerBatch)).toEqual(new Set([1]));
      });
    });

    test('creates a compacted topic with its DLQ, and leaves existing topics as they are', async () => {
      const t = uniqueName('contract-compacted');
      topics.push(t);
      const spec = {
        name: t,
        partitions: 3,
        compacted: true,
        retentionMs: -1,
        config: { 'min.cleanable.dirty.ratio': '0.1' },
      };
      await bus.ensureTopics([spec]);
      const described = await bus.describeTopic(t);
      expect(described).toMatchObject({ name: t, partitions: 3 });
      expect(described!.config).toMatchObject({
        'cleanup.policy': 'compact',
        'min.cleanable.dirty.ratio': '0.1',
      });

      const dlq = await bus.describeTopic(`${t}.dlq`);
      expect(dlq).toMatchObject({ name: `${t}.dlq`, partitions: 3 });
      expect(dlq!.config).toMatchObject({
        'cleanup.policy': 'delete',
        'retention.ms': String(DLQ_RETENTION_MS),
      });

      await bus.ensureTopics([{ ...spec, partitions: 6, compacted: false }]);
      const again = await bus.describeTopic(t);
      expect(again!.partitions).toBe(3);
      expect(again!.config['cleanup.policy']).toBe('compact');
    });

    test('refuses a member that would join a group with another topic set', async () => {
      const a = await topic(2);
      const b = await topic(2);
      const group = uniqueName('g');
      const first = await subscribe({ topics: [a], groupId: group, fromBeginning: true }, async () => {});
      await expect(
        subscribe({ topics: [b], groupId: group, fromBeginning: true }, async () => {}),
      ).rejects.toThrow(`consumer group "${group}" already consumes [${a}]`);
      // the same topic set is a normal second member; another group may read b
      const second = await subscribe({ topics: [a], groupId: group, fromBeginning: true }, async () => {});
      await subscribe({ topics: [b], groupId: `${group}.b`, fromBeginning: true }, async () => {});
      // once every member of the group has left, the group may move to other topics
      await first.stop();
      await second.stop();
      await subscribe({ topics: [b], groupId: group, fromBeginning: true }, async () => {});
    });

    test('refuses topics that do not exist, with a clear error', async () => {
      const missing = uniqueName('contract-missing');
      expect(await bus.describeTopic(missing)).toBeUndefined();
      await expect(bus.publish(missing, { key: 'k', value: bytes('v') })).rejects.toThrow(UnknownTopicError);
      await expect(bus.publish(missing, { key: 'k', value: bytes('v') })).rejects.toThrow(
        `topic "${missing}" does not exist`,
      );
      await expect(
        bus.subscribe({ topics: [missing], groupId: uniqueName('g') }, async () => {}),
      ).rejects.toThrow(UnknownTopicError);

      // Deleted topics (and their DLQs) are gone the same way.
      const t = await topic(1);
      await bus.publish(t, { key: 'k', value: bytes('v') });
      await bus.deleteTopics([t]);
      await until(async () => (await bus.describeTopic(t)) === undefined, 'topic deleted');
      expect(await bus.describeTopic(`${t}.dlq`)).toBeUndefined();
      await expect(bus.publish(t, { key: 'k', value: bytes('v') })).rejects.toThrow(UnknownTopicError);
    });
  });
}
