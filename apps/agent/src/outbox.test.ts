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
import { type OutboxRecord, OutboxRelay, writeOutbox } from './outbox';

class RecordingBus {
  published: { key: string; text: string }[] = [];
  down = false;
  async publish(_topic: string, records: { key: string; value: Uint8Array }[]): Promise<void> {
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

it('a reply committed before a crash goes out before the next reply of that conversation', async () => {
  const bus = new RecordingBus();
  // The previous process committed these and died before publishing them.
  await commit([reply('conv-ko', '반품은 14일 이내에 신청할 수 있습니다.')]);
  await commit([reply('conv-pl', 'Masz 30 dni na zwrot.')]);
  // Kafka hands a dead member's partitions over only after its session expired (seconds).
  await sql.query("UPDATE agent_outbox SET created_at = now() - interval '10 seconds'");
  const relay = new OutboxRelay(sql, bus as unknown as EventBus, silentLogger());
  const records = [reply('conv-ko', '최종세일 상품은 반품할 수 없습니다.')];
  await relay.deliver(await commit(records), records);
  expect(bus.texts('conv-ko')).toEqual([
    '반품은 14일 이내에 신청할 수 있습니다.',
    '최종세일 상품은 반품할 수 없습니다.',
  ]);
  // Another conversation's leftover is the sweeper's job, not this delivery's.
  expect(bus.texts('conv-pl')).toEqual([]);
  await relay.sweep(0);
  expect(bus.texts('conv-pl')).toEqual(['Masz 30 dni na zwrot.']);
  await relay.close();
  const { rows } = await sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM agent_outbox WHERE published_at IS NULL',
  );
  expect(rows[0]!.n).toBe(0);
});

it('after a failed publish, the next reply of that conversation takes the earlier one along, once', async () => {
  const bus = new RecordingBus();
  const relay = new OutboxRelay(sql, bus as unknown as EventBus, silentLogger());
  bus.down = true;
  const first = [reply('conv-en', 'You have 30 days to return an item.')];
  await relay.deliver(await commit(first), first);
  expect(bus.published).toEqual([]);
  bus.down = false;
  const second = [reply('conv-en', 'Final sale items cannot be returned.')];
  await relay.deliver(await commit(second), second);
  const third = [reply('conv-en', 'Anything else?')];
  await relay.deliver(await commit(third), third);
  expect(bus.texts('conv-en')).toEqual([
    'You have 30 days to return an item.',
    'Final sale items cannot be returned.',
    'Anything else?',
  ]);
  await relay.close();
});

it("a live replica's reply whose published mark is still on the way is not sent again", async () => {
  const bus = new RecordingBus();
  // Replica A published this a moment ago; its mark is deferred (up to 200 ms).
  await commit([reply('conv-en', 'Your refund was issued on 3 March.')]);
  const relay = new OutboxRelay(sql, bus as unknown as EventBus, silentLogger());
  const next = [reply('conv-en', 'Anything else I can help with?')];
  await relay.deliver(await commit(next), next);
  expect(bus.texts('conv-en')).toEqual(['Anything else I can help with?']);
  await relay.close();
});
