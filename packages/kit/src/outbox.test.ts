import { silentLogger } from './logger';
import { Outbox, type OutboxPublisher } from './outbox';
import { createPostgres, openTestSql, type Sql } from './sql';
import { waitFor } from './testing';

/** A bus as the relay sees it: records what was published, and can be switched off. */
class RecordingBus implements OutboxPublisher {
  published: { topic: string; key: string; text: string }[] = [];
  down = false;
  async publish(topic: string, records: { key: string; value: Uint8Array }[]): Promise<void> {
    if (this.down) throw new Error('broker unavailable');
    for (const r of records)
      this.published.push({ topic, key: r.key, text: Buffer.from(r.value).toString() });
  }
  texts(key?: string): string[] {
    return this.published.filter((p) => key === undefined || p.key === key).map((p) => p.text);
  }
}

const TABLE = `CREATE TABLE events_outbox (
  id bigserial PRIMARY KEY, topic text NOT NULL, key text NOT NULL, value bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz)`;

const rec = (key: string, text: string, topic = 'boomerang.test.v1') => ({
  topic,
  key,
  value: new TextEncoder().encode(text),
});

function relayOf(sql: Sql, bus: OutboxPublisher, mode?: 'delete' | 'mark') {
  return new Outbox({
    sql,
    bus,
    logger: silentLogger(),
    table: 'events_outbox',
    mode,
    sweepMs: 50,
    minBackoffMs: 10,
    maxBackoffMs: 40,
  });
}

const databases: [string, string | undefined][] = [['PGlite', undefined]];
if (process.env.DATABASE_URL) databases.push(['PostgreSQL', process.env.DATABASE_URL]);

describe.each(databases)('transactional outbox on %s', (_name, url) => {
  let sql: Sql;
  let drop: () => Promise<void>;
  const relays: Outbox[] = [];
  const relay = (bus: OutboxPublisher, mode?: 'delete' | 'mark', on: Sql = sql) => {
    const r = relayOf(on, bus, mode);
    relays.push(r);
    return r;
  };

  beforeEach(async () => {
    ({ sql, drop } = await openTestSql(url));
    await sql.query(TABLE);
  });
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    await drop();
  });

  it('publishes only what committed, in order, and empties the table', async () => {
    const bus = new RecordingBus();
    const outbox = relay(bus);
    await sql.transaction((tx) => outbox.enqueue(tx, [rec('c1', 'one'), rec('c1', 'two')]));
    await expect(
      sql.transaction(async (tx) => {
        await outbox.enqueue(tx, [rec('c1', 'rolled back')]);
        throw new Error('turn failed');
      }),
    ).rejects.toThrow('turn failed');
    await sql.transaction((tx) =>
      outbox.enqueue(tx, [rec('c1', 'three'), rec('c2', 'other', 'boomerang.other.v1')]),
    );
    outbox.start();
    await waitFor(() => bus.published.length === 4);
    expect(bus.texts('c1')).toEqual(['one', 'two', 'three']);
    expect(bus.published.find((p) => p.key === 'c2')?.topic).toBe('boomerang.other.v1');
    expect(await outbox.pending()).toBe(0);
    expect((await sql.query('SELECT count(*)::int AS n FROM events_outbox')).rows[0]).toEqual({ n: 0 });
  });

  it("mode 'mark' keeps published rows with published_at and never publishes them twice", async () => {
    const bus = new RecordingBus();
    const outbox = relay(bus, 'mark');
    outbox.start();
    await sql.transaction((tx) => outbox.enqueue(tx, [rec('c1', 'a')]));
    outbox.kick();
    await waitFor(() => bus.published.length === 1);
    await sql.transaction((tx) => outbox.enqueue(tx, [rec('c1', 'b')]));
    outbox.kick();
    await waitFor(() => bus.published.length === 2);
    await new Promise((r) => setTimeout(r, 150)); // a few sweeps
    expect(bus.texts()).toEqual(['a', 'b']);
    const { rows } = await sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events_outbox WHERE published_at IS NOT NULL',
    );
    expect(rows[0]!.n).toBe(2);
    expect(await outbox.pending()).toBe(0);
  });

  it('a bus outage delays events, loses none, and a later event never overtakes an earlier one', async () => {
    const bus = new RecordingBus();
    const outbox = relay(bus);
    outbox.start();
    bus.down = true;
    // The reply written before the outage (or before a crash) is still pending when the next one commits.
    await sql.transaction((tx) => outbox.enqueue(tx, [rec('conv', 'answer to question 1')]));
    outbox.kick();
    await new Promise((r) => setTimeout(r, 60));
    expect(await outbox.pending()).toBe(1);
    bus.down = false;
    await sql.transaction((tx) => outbox.enqueue(tx, [rec('conv', 'answer to question 2')]));
    outbox.kick();
    await waitFor(() => bus.published.length === 2);
    expect(bus.texts('conv')).toEqual(['answer to question 1', 'answer to question 2']);
  });

  it('a new relay (after a crash) publishes what the dead one left, oldest first', async () => {
    const bus = new RecordingBus();
    const dead = relay(bus); // never started: as if the process died right after the commits
    await sql.transaction((tx) => dead.enqueue(tx, [rec('k', '1'), rec('k', '2')]));
    await sql.transaction((tx) => dead.enqueue(tx, [rec('k', '3')]));
    const fresh = relay(bus);
    fresh.start();
    await waitFor(() => bus.published.length === 3);
    expect(bus.texts('k')).toEqual(['1', '2', '3']);
  });

  it('stop() drains what is pending; flush() rejects while the bus is down', async () => {
    const bus = new RecordingBus();
    const outbox = relay(bus);
    bus.down = true;
    await sql.transaction((tx) => outbox.enqueue(tx, [rec('k', 'last words')]));
    await expect(outbox.flush()).rejects.toThrow('broker unavailable');
    bus.down = false;
    await outbox.stop();
    expect(bus.texts()).toEqual(['last words']);
  });

  if (url) {
    it('two replicas relaying one table keep each key in order', async () => {
      const schema = (await sql.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
      const other = createPostgres({ url, schema, max: 2 });
      try {
        const bus = new RecordingBus();
        const a = relay(bus, undefined, sql);
        const b = relay(bus, undefined, other);
        a.start();
        b.start();
        for (let i = 0; i < 40; i++) {
          const writer = i % 2 === 0 ? a : b;
          await (i % 2 === 0 ? sql : other).transaction((tx) =>
            writer.enqueue(tx, [rec(`k${i % 3}`, String(i))]),
          );
          writer.kick();
        }
        await waitFor(() => bus.published.length >= 40);
        for (const k of ['k0', 'k1', 'k2']) {
          const seen = bus.texts(k).map(Number);
          expect(seen).toEqual([...seen].sort((x, y) => x - y));
          expect(new Set(seen).size).toBe(seen.length);
        }
        for (const r of relays.splice(0)) await r.stop();
      } finally {
        await other.close();
      }
    });
  }

  it('rejects a table name that is not an identifier', () => {
    expect(
      () => new Outbox({ sql, bus: new RecordingBus(), logger: silentLogger(), table: 'x; DROP TABLE y' }),
    ).toThrow(/invalid SQL identifier/);
  });
});
