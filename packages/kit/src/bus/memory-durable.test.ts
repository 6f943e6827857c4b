// The in-process bus with a data directory: the shared contract, plus what a restart (clean or a
// crash) must keep: acknowledged messages, committed offsets, topics; a torn last record is cut off.
import { spawn } from 'node:child_process';
import fs, { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../logger';
import { uniqueName, waitFor } from '../testing';
import { runBusContract } from './bus.contract';
import { createBus } from './index';
import { InProcessBus } from './memory';
import { encodeRecord, segmentFiles } from './memory-disk';
import type { BusMessage } from './types';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (m: BusMessage) => new TextDecoder().decode(m.value);

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'boomerang-bus-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

runBusContract(
  'in-process, durable',
  () => new InProcessBus({ maintenanceIntervalMs: 0, dataDir: tempDir() }),
);
runBusContract('in-process, durable, namespaced', () =>
  createBus({
    clientId: 'kit-test',
    logger: silentLogger(),
    namespace: uniqueName('ns'),
    dataDir: tempDir(),
  }),
);

describe('InProcessBus with a data directory', () => {
  const MESSAGES = ['반품하고 싶어요', 'Chcę zwrócić kurtkę', 'Where is my refund?'];
  const open = (dataDir: string, segmentBytes?: number) =>
    new InProcessBus({ maintenanceIntervalMs: 0, dataDir, segmentBytes });
  const spec = (name: string) => ({ name, partitions: 1, compacted: false, retentionMs: -1 });

  async function readAll(bus: InProcessBus, topic: string, groupId: string, count: number) {
    const seen: BusMessage[] = [];
    const sub = await bus.subscribe({ topics: [topic], groupId, fromBeginning: true }, async (m) => {
      seen.push(m);
    });
    await waitFor(() => seen.length >= count, { message: `${count} messages read` });
    await sub.stop();
    return seen;
  }

  test('a crash before the consumer commits: every acknowledged message comes back to its group once, in order', async () => {
    const dir = tempDir();
    const crashed = open(dir);
    await crashed.ensureTopics([spec('inbound')]);
    let held = 0;
    await crashed.subscribe({ topics: ['inbound'], groupId: 'agent', fromBeginning: true }, async () => {
      held++;
      await new Promise(() => undefined); // the process dies inside the handler
    });
    await crashed.publish(
      'inbound',
      MESSAGES.map((m, i) => ({ key: 'shop/conv-1', value: bytes(m), headers: { n: String(i) } })),
    );
    await waitFor(() => held === 1, { message: 'the first message in the handler' });
    // No close(): the bus is simply abandoned, like a process killed with SIGKILL.

    const restarted = open(dir);
    const again = await readAll(restarted, 'inbound', 'agent', 3);
    expect(again.map((m) => [m.offset, text(m), m.headers.n, m.key])).toEqual([
      ['0', MESSAGES[0], '0', 'shop/conv-1'],
      ['1', MESSAGES[1], '1', 'shop/conv-1'],
      ['2', MESSAGES[2], '2', 'shop/conv-1'],
    ]);
    expect(await restarted.describeTopic('inbound')).toMatchObject({ partitions: 1 });
    await restarted.close();

    // Committed offsets survive too: the next start hands over only what is new.
    const third = open(dir);
    await third.publish('inbound', { key: 'shop/conv-1', value: bytes('Dziękuję') });
    const fresh = await readAll(third, 'inbound', 'agent', 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(fresh.map((m) => [m.offset, text(m)])).toEqual([['3', 'Dziękuję']]);
    await third.close();
  });

  test('a group that starts at "latest" keeps its place across a crash: nothing published after it joined is skipped', async () => {
    const dir = tempDir();
    const crashed = open(dir);
    await crashed.ensureTopics([spec('events')]);
    await crashed.publish('events', { key: 'k', value: bytes('before the group existed') });
    await crashed.subscribe({ topics: ['events'], groupId: 'late' }, () => new Promise(() => undefined));
    await new Promise((r) => setTimeout(r, 50));
    await crashed.publish('events', { key: 'k', value: bytes('주문 #1001 반품 요청') });

    const restarted = open(dir);
    const seen: string[] = [];
    await restarted.subscribe({ topics: ['events'], groupId: 'late' }, async (m) => {
      seen.push(text(m));
    });
    await waitFor(() => seen.length === 1, { message: 'the message published after the group joined' });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['주문 #1001 반품 요청']);
    await restarted.close();
  });

  test('a torn last record (crash mid-write) or a corrupt one is cut off; offsets go on from the last good record', async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.ensureTopics([spec('t')]);
    await first.publish('t', [
      { key: 'a', value: bytes('one') },
      { key: 'a', value: bytes('dwa') },
    ]);
    await first.close();
    const [segment] = segmentFiles(path.join(dir, 'topics', 't', '0'));
    const good = segment!.bytes;
    const next = encodeRecord({
      offset: 2,
      key: 'a',
      value: bytes('never acknowledged'),
      headers: {},
      timestamp: 1,
    });
    appendFileSync(segment!.file, next.subarray(0, next.length - 5));

    const second = open(dir);
    expect(readFileSync(segment!.file).length).toBe(good);
    await second.publish('t', { key: 'a', value: bytes('셋') });
    await second.close();

    // A whole record whose bytes changed fails its CRC and is cut off too.
    const corrupt = encodeRecord({ offset: 3, key: 'a', value: bytes('zepsuty'), headers: {}, timestamp: 1 });
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 1) ^ 0xff, corrupt.length - 1);
    appendFileSync(segment!.file, corrupt);

    const third = open(dir);
    const all = await readAll(third, 't', 'g', 3);
    expect(all.map((m) => [m.offset, text(m)])).toEqual([
      ['0', 'one'],
      ['1', 'dwa'],
      ['2', '셋'],
    ]);
    await third.close();
  });

  test('publish resolves after fsync; concurrent publishes share fsyncs', async () => {
    const dir = tempDir();
    const bus = open(dir);
    await bus.ensureTopics([spec('t')]);
    const syncs = jest.spyOn(fs, 'fdatasync');
    try {
      await bus.publish('t', { key: 'a', value: bytes('first') });
      expect(syncs).toHaveBeenCalledTimes(1);
      await Promise.all(
        Array.from({ length: 200 }, (_, i) => bus.publish('t', { key: 'a', value: bytes(`m${i}`) })),
      );
      expect(syncs.mock.calls.length).toBeLessThan(20);
    } finally {
      syncs.mockRestore();
    }
    await bus.close();
    const reopened = open(dir);
    const all = await readAll(reopened, 't', 'g', 201);
    expect(all.map(text)).toEqual(['first', ...Array.from({ length: 200 }, (_, i) => `m${i}`)]);
    await reopened.close();
  });

  test('retention: a segment goes once every group committed past it; a group behind keeps it', async () => {
    const dir = tempDir();
    const bus = open(dir, 200);
    await bus.ensureTopics([spec('t')]);
    for (let i = 0; i < 20; i++) await bus.publish('t', { key: 'k', value: bytes(`wiadomość ${i}`) });
    const partitionDir = path.join(dir, 'topics', 't', '0');
    const before = segmentFiles(partitionDir).length;
    expect(before).toBeGreaterThan(3);

    await readAll(bus, 't', 'fast', 20);
    // A group that committed only the first message holds everything after it.
    let firstOnly = true;
    const slow = await bus.subscribe({ topics: ['t'], groupId: 'slow', fromBeginning: true }, async () => {
      if (!firstOnly) await new Promise(() => undefined);
      firstOnly = false;
    });
    await new Promise((r) => setTimeout(r, 50));
    bus.retain();
    expect(segmentFiles(partitionDir).length).toBe(before);
    await slow.stop({ drainMs: 10 });

    await bus.close();
    rmSync(path.join(dir, 'groups', 'slow.json')); // the slow group goes away
    const reopened = open(dir, 200);
    reopened.retain();
    const kept = segmentFiles(partitionDir);
    expect(kept).toHaveLength(1);
    const rest = await readAll(reopened, 't', 'new', 1);
    expect(Number(rest[0]!.offset)).toBeGreaterThan(0);
    await reopened.publish('t', { key: 'k', value: bytes('po restarcie') });
    const latest = await readAll(reopened, 't', 'fast', 1);
    expect(latest.map((m) => [m.offset, text(m)])).toEqual([['20', 'po restarcie']]);
    await reopened.close();
  });
});

test("forgets the offsets of a group that committed nothing for 7 days, so it can't hold segments forever", async () => {
  const dir = tempDir();
  const bus = new InProcessBus({ maintenanceIntervalMs: 0, dataDir: dir });
  await bus.ensureTopics([{ name: 't', partitions: 1, compacted: false, retentionMs: -1 }]);
  await bus.publish('t', { key: 'k', value: bytes('stary') });
  const sub = await bus.subscribe(
    { topics: ['t'], groupId: 'gateway-live-old', fromBeginning: true },
    async () => undefined,
  );
  await new Promise((r) => setTimeout(r, 50));
  await sub.stop();
  await bus.close();
  const file = path.join(dir, 'groups', 'gateway-live-old.json');
  const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
  fs.utimesSync(file, eightDaysAgo, eightDaysAgo);
  const reopened = new InProcessBus({ maintenanceIntervalMs: 0, dataDir: dir });
  expect(fs.existsSync(file)).toBe(false);
  await reopened.close();
});

describe('one process per data directory', () => {
  const kitBus = require.resolve('@boomerang/kit/bus');
  /** Another process holding the directory: publishes one record, says "ready", then waits. */
  function holder(dir: string, closeAfter = false) {
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const { InProcessBus } = require(${JSON.stringify(kitBus)});
         (async () => {
           const bus = new InProcessBus({ maintenanceIntervalMs: 0, dataDir: ${JSON.stringify(dir)} });
           await bus.ensureTopics([{ name: 'inbound', partitions: 1, compacted: false, retentionMs: -1 }]);
           await bus.publish('inbound', { key: 'shop/conv-1', value: Buffer.from('Chcę zwrócić kurtkę') });
           if (${closeAfter}) await bus.close();
           process.stdout.write('ready\\n');
           setInterval(() => {}, 1000);
         })().catch((e) => { process.stderr.write(String(e.stack)); process.exit(1); });`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    return { child, ready };
  }
  const open = (dataDir: string, lockWaitMs: number) =>
    new InProcessBus({ maintenanceIntervalMs: 0, dataDir, lockWaitMs });

  test('a second process is refused while the first runs and takes over once it was killed', async () => {
    const dir = tempDir();
    const first = holder(dir);
    await first.ready;
    expect(() => open(dir, 300)).toThrow(/bus data directory .* is in use by another running process/);

    first.child.kill('SIGKILL'); // its lock stays behind, no longer refreshed
    await new Promise((r) => first.child.once('exit', r));
    const started = Date.now();
    const after = open(dir, 15_000);
    const waited = Date.now() - started;
    const got: string[] = [];
    const sub = await after.subscribe(
      { topics: ['inbound'], groupId: 'agent', fromBeginning: true },
      async (m) => {
        got.push(text(m));
      },
    );
    await waitFor(() => got.length === 1, { message: 'the record acknowledged before the kill' });
    expect(got).toEqual(['Chcę zwrócić kurtkę']);
    expect(waited).toBeLessThan(10_000);
    await sub.stop();
    await after.close();
  }, 30_000);

  test('a process that closed its bus leaves the directory free at once', async () => {
    const dir = tempDir();
    const h = holder(dir, true);
    await h.ready;
    const bus = open(dir, 300); // no waiting for staleness: the lock was released
    expect(await bus.describeTopic('inbound')).toMatchObject({ partitions: 1 });
    await bus.close();
    h.child.kill('SIGKILL');
  });
});
