import { silentLogger } from '../logger';
import { CoalescedCommits } from './kafka-consumer';

type Offsets = { topic: string; partition: number; offset: string }[];

/** kafkajs' Consumer.commitOffsets, recording each request; `gate` holds a request open. */
function fakeConsumer() {
  const requests: Offsets[] = [];
  let gate: Promise<void> | undefined;
  let fail: Error | undefined;
  return {
    requests,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = undefined;
        release();
      };
    },
    failNext(err: Error) {
      fail = err;
    },
    consumer: {
      async commitOffsets(offsets: Offsets) {
        requests.push(offsets);
        if (fail) {
          const err = fail;
          fail = undefined;
          throw err;
        }
        if (gate) await gate;
      },
    },
  };
}

const turn = () => new Promise((r) => setImmediate(r));
const fresh = () => false;
const T = 'boomerang.channel.inbound.v1';

describe('CoalescedCommits', () => {
  test('every partition finished in one event-loop turn goes in one request, the latest offset per partition', async () => {
    const k = fakeConsumer();
    const commits = new CoalescedCommits(k.consumer, silentLogger());
    commits.add(T, 0, '11', fresh);
    commits.add(T, 3, '40', fresh);
    commits.add(T, 0, '12', fresh); // a later batch of partition 0 supersedes the first
    commits.add('boomerang.agent.outcomes.v1', 3, '7', fresh);
    expect(k.requests).toEqual([]); // not sent inline: the handler returns first
    await turn();
    await commits.settle();
    expect(k.requests).toEqual([
      [
        { topic: T, partition: 0, offset: '12' },
        { topic: T, partition: 3, offset: '40' },
        { topic: 'boomerang.agent.outcomes.v1', partition: 3, offset: '7' },
      ],
    ]);
  });

  test('what finishes while a request is in flight goes in the next one, after it (offsets never go back)', async () => {
    const k = fakeConsumer();
    const commits = new CoalescedCommits(k.consumer, silentLogger());
    const release = k.hold();
    commits.add(T, 1, '5', fresh);
    await turn();
    expect(k.requests).toEqual([[{ topic: T, partition: 1, offset: '5' }]]);
    commits.add(T, 1, '9', fresh);
    commits.add(T, 2, '3', fresh);
    await turn();
    await turn();
    expect(k.requests).toHaveLength(1); // waits for the request in flight
    release();
    await commits.settle();
    expect(k.requests).toEqual([
      [{ topic: T, partition: 1, offset: '5' }],
      [
        { topic: T, partition: 1, offset: '9' },
        { topic: T, partition: 2, offset: '3' },
      ],
    ]);
  });

  test('a partition revoked before the commit goes out is left to its next owner', async () => {
    const k = fakeConsumer();
    const commits = new CoalescedCommits(k.consumer, silentLogger());
    let revoked = false;
    commits.add(T, 4, '100', () => revoked);
    commits.add(T, 5, '8', fresh);
    revoked = true;
    await commits.settle();
    expect(k.requests).toEqual([[{ topic: T, partition: 5, offset: '8' }]]);
  });

  test('a failed request is logged and dropped; later commits still go out and settle() resolves', async () => {
    const k = fakeConsumer();
    const warnings: unknown[] = [];
    const logger = { ...silentLogger(), warn: (o: unknown) => warnings.push(o) } as ReturnType<
      typeof silentLogger
    >;
    const commits = new CoalescedCommits(k.consumer, logger);
    k.failNext(new Error('REBALANCE_IN_PROGRESS'));
    commits.add(T, 0, '3', fresh);
    await commits.settle();
    commits.add(T, 0, '4', fresh);
    await commits.settle();
    expect(k.requests).toEqual([
      [{ topic: T, partition: 0, offset: '3' }],
      [{ topic: T, partition: 0, offset: '4' }],
    ]);
    expect(warnings).toHaveLength(1);
  });

  test('settle() sends what is pending at once and waits for it; with nothing pending it sends nothing', async () => {
    const k = fakeConsumer();
    const commits = new CoalescedCommits(k.consumer, silentLogger());
    await commits.settle();
    expect(k.requests).toEqual([]);
    const release = k.hold();
    commits.add(T, 0, '2', fresh);
    let settled = false;
    const s = commits.settle().then(() => (settled = true));
    await turn();
    expect(k.requests).toHaveLength(1);
    expect(settled).toBe(false);
    release();
    await s;
    expect(settled).toBe(true);
  });

  test('with an interval: one request per interval, the first at once; settle() does not wait for the interval', async () => {
    const k = fakeConsumer();
    const commits = new CoalescedCommits(k.consumer, silentLogger(), 80);
    commits.add(T, 0, '1', fresh);
    await turn();
    expect(k.requests).toEqual([[{ topic: T, partition: 0, offset: '1' }]]); // nothing sent lately
    commits.add(T, 0, '2', fresh);
    await turn();
    commits.add(T, 1, '7', fresh);
    commits.add(T, 0, '3', fresh);
    await new Promise((r) => setTimeout(r, 30));
    expect(k.requests).toHaveLength(1); // within the interval: held back, coalescing
    await new Promise((r) => setTimeout(r, 80));
    expect(k.requests).toEqual([
      [{ topic: T, partition: 0, offset: '1' }],
      [
        { topic: T, partition: 0, offset: '3' },
        { topic: T, partition: 1, offset: '7' },
      ],
    ]);
    commits.add(T, 0, '4', fresh);
    const started = performance.now();
    await commits.settle(); // a member leaving commits now
    expect(performance.now() - started).toBeLessThan(60);
    expect(k.requests.at(-1)).toEqual([{ topic: T, partition: 0, offset: '4' }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(k.requests).toHaveLength(3); // the cancelled timer sent nothing more
  });
});
