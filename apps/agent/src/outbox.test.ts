/**
 * The relay's order guarantee as the shopper sees it: a conversation's replies reach the outbound
 * topic in the order they were committed, also when an earlier one was left unpublished by a crash
 * (found in CI: after a SIGKILL the answer to the second question arrived first) or by
 * a failed publish.
 */
import path from 'node:path';
import type { EventBus } from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { migrate, openTestSql, type Sql } from '@boomerang/kit/sql';
import { type OutboxRecord, OutboxRelay, type PendingRow, writeOutbox } from './outbox';

class RecordingBus {
  published: { key: string; text: string }[] = [];
  down = false;
  /** How long a publish takes (a slow broker). */
  delayMs = 0;
  async publish(_topic: string, records: { key: string; value: Uint8Array }[]): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.down) throw new Error('broker unavailable');
    for (const r of records) this.published.push({ key: r.key, text: Buffer.from(r.value).toString() });
  }
  texts(key: string): string[] {
    return this.published.filter((p) => p.key === key).map((p) => p.text);
  }
}

const reply = (conversation: string, text: string): OutboxRecord => ({
  topic: 'boomerang.channel.outbound.v1',
  key: conversation,
  value: new TextEncoder().encode(text),
});

let sql: Sql;
let drop: () => Promise<void>;

beforeEach(async () => {
  ({ sql, drop } = await openTestSql(process.env.DATABASE_URL));
  await migrate(sql, {
    app: 'agent',
    migrations: path.resolve(__dirname, '..', 'migrations'),
    logger: silentLogger(),
  });
});
afterEach(() => drop());

async function commit(records: OutboxRecord[]): Promise<number[]> {
  return sql.transaction((tx) => writeOutbox(tx, records));
}

/**
 * A turn transaction's commit and delivery, both ways the relay learns of earlier unpublished rows:
 * from the transaction (the engine's agent_lock_and_read, under the conversations' locks) or by
 * looking them up itself (hand-backs, the abandon sweep).
 */
const modes = {
  'seen by the turn transaction': async (relay: OutboxRelay, records: OutboxRecord[]) => {
    const { ids, pending } = await sql.transaction(async (tx) => {
      const convs = [...new Set(records.map((r) => r.key))].map((k) => k.split('/') as [string, string]);
      const { rows } = await tx.query<{ kind: string; doc: { id: string; age_ms: number } }>(
        'SELECT kind, doc FROM agent_lock_and_read($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])',
        [convs.map((c) => c.join('/')), [], [], convs.map((c) => c[0]), convs.map((c) => c[1])],
      );
      const pending: PendingRow[] = rows
        .filter((r) => r.kind === 'o')
        .map((r) => ({ id: Number(r.doc.id), ageMs: r.doc.age_ms }));
      return { ids: await writeOutbox(tx, records), pending };
    });
    await relay.deliver(ids, records, pending);
  },
  'looked up by the relay': async (relay: OutboxRelay, records: OutboxRecord[]) => {
    await relay.deliver(await commit(records), records);
  },
};

describe.each(Object.entries(modes))('earlier unpublished rows %s', (_mode, turn) => {
  it('a reply committed before a crash goes out before the next reply of that conversation', async () => {
    const bus = new RecordingBus();
    // The previous process committed these and died before publishing them.
    await commit([reply('shop/conv-ko', '반품은 14일 이내에 신청할 수 있습니다.')]);
    await commit([reply('shop/conv-pl', 'Masz 30 dni na zwrot.')]);
    // Kafka hands a dead member's partitions over only after its session expired (seconds).
    await sql.query("UPDATE agent_outbox SET created_at = now() - interval '10 seconds'");
    const relay = new OutboxRelay(sql, bus as unknown as EventBus, silentLogger());
    const records = [reply('shop/conv-ko', '최종세일 상품은 반품할 수 없습니다.')];
    await turn(relay, records);
    expect(bus.texts('shop/conv-ko')).toEqual([
      '반품은 14일 이내에 신청할 수 있습니다.',
      '최종세일 상품은 반품할 수 없습니다.',
    ]);
    // Another conversation's leftover is the sweeper's job, not this delivery's.
    expect(bus.texts('shop/conv-pl')).toEqual([]);
    await relay.sweep(0);
    expect(bus.texts('shop/conv-pl')).toEqual(['Masz 30 dni na zwrot.']);
    await relay.close();
    // Published rows are deleted, not kept (reply bodies and all) in a table that only grows.
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM agent_outbox');
    expect(rows[0]!.n).toBe(0);
  });

  it('after a failed publish, the next reply of that conversation takes the earlier one along, once', async () => {
    const bus = new RecordingBus();
    const relay = new OutboxRelay(sql, bus as unknown as EventBus, silentLogger());
    bus.down = true;
    const first = [reply('shop/conv-en', 'You have 30 days to return an item.')];
    await turn(relay, first);
    expect(bus.published).toEqual([]);
    bus.down = false;
    const second = [reply('shop/conv-en', 'Final sale items cannot be returned.')];
    await turn(relay, second);
    const third = [reply('shop/conv-en', 'Anything else?')];
    await turn(relay, third);
    expect(bus.texts('shop/conv-en')).toEqual([
      'You have 30 days to return an item.',
      'Final sale items cannot be returned.',
      'Anything else?',
    ]);
    await relay.close();
  });

  it("a live replica's reply whose published mark is still on the way is not sent again", async () => {
    const bus = new RecordingBus();
    // Replica A published this a moment ago; its mark is deferred (up to 200 ms).
    await commit([reply('shop/conv-en', 'Your refund was issued on 3 March.')]);
    const relay = new OutboxRelay(sql, bus as unknown as EventBus, silentLogger());
    const next = [reply('shop/conv-en', 'Anything else I can help with?')];
    await turn(relay, next);
    expect(bus.texts('shop/conv-en')).toEqual(['Anything else I can help with?']);
    await relay.close();
  });

  it.each([
    ['the sweeper first', true],
    ['the delivery first', false],
  ])(
    'an earlier row that a sweep and a delivery both want goes out once, before the new reply (%s)',
    async (_order, sweepFirst) => {
      const bus = new RecordingBus();
      await commit([reply('shop/conv-pl', 'Masz 30 dni na zwrot.')]);
      await sql.query("UPDATE agent_outbox SET created_at = now() - interval '10 seconds'");
      const relay = new OutboxRelay(sql, bus as unknown as EventBus, silentLogger());
      bus.delayMs = 100;
      const next = [reply('shop/conv-pl', 'Zwrot pieniędzy w ciągu 14 dni.')];
      const pause = () => new Promise((r) => setTimeout(r, 30));
      const both = sweepFirst
        ? [relay.sweep(0), pause().then(() => turn(relay, next))]
        : [turn(relay, next), pause().then(() => relay.sweep(0))];
      await Promise.all(both);
      await relay.sweep(0);
      expect(bus.texts('shop/conv-pl')).toEqual(['Masz 30 dni na zwrot.', 'Zwrot pieniędzy w ciągu 14 dni.']);
      await relay.close();
    },
  );
});
