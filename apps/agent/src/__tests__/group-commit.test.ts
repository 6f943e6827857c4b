/**
 * Batches that arrive together (the partitions of one fetch) share one transaction and one publish:
 * a batch that cannot be stored still fails alone, and every reply leaves once, its outbox row
 * marked as published.
 */
import { createBus, decodeEvent, dlqTopic, type EventBus, TOPICS } from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { openTestSql, type Sql } from '@boomerang/kit/sql';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Channel, InboundMessage, OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import type { InboundTurn } from '../engine';
import { type AgentServer, createServer } from '../server';
import { AGENT_TOPICS } from './harness';
import { memoryWorld } from './memory-ports';

let sql: Sql;
let drop: () => Promise<void>;
let bus: EventBus;
let agent: AgentServer;
const tenant = uniqueName('brand');

beforeAll(async () => {
  ({ sql, drop } = await openTestSql(process.env.DATABASE_URL));
  bus = createBus({ clientId: 'agent-test', logger: silentLogger() });
  await bus.ensureTopics(AGENT_TOPICS);
  const w = memoryWorld({ customers: {} });
  w.tests.ok = true;
  agent = createServer({ sql, bus, logger: silentLogger(), ports: w.ports, groupId: uniqueName('agent') });
  await agent.start({ grpcPort: 0 });
  await agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
  await agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
    enabled: true,
    introMessage: 'Hi',
    skills: [],
  });
});

afterAll(async () => {
  await agent.stop();
  await bus.close();
  await drop();
});

const turn = (conversationId: string, text: string, messageId: string): InboundTurn => ({
  tenantId: tenant,
  conversationId,
  channel: Channel.CHANNEL_WEBCHAT,
  messageId,
  text,
  postback: '',
  identityToken: '',
  receivedAt: new Date(Date.now() + 1000),
  sender: 'visitor',
  localeHint: '',
  live: true,
});

describe('group commit', () => {
  it('fails only the batch that cannot be stored, not the batches sharing its transaction', async () => {
    // Submitted together, as a fetch's partitions are; PostgreSQL refuses text with a NUL byte.
    const [good1, bad, good2] = await Promise.allSettled([
      agent.engine.handleBatch([turn('g-1', 'hello', 'g-1-a'), turn('g-1', 'thanks', 'g-1-b')]),
      agent.engine.handleBatch([turn('g-bad', 'hel\u0000lo', 'g-bad-a')]),
      agent.engine.handleBatch([turn('g-2', 'Ile mam dni na zwrot?', 'g-2-a')]),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good1.status === 'fulfilled' && good1.value.map((r) => r.state)).toEqual(['idle', 'idle']);
    expect(good2.status === 'fulfilled' && good2.value[0]!.language).toBe('pl');
    expect((await agent.engine.load(tenant, 'g-1'))?.version).toBe(2);
    expect((await agent.engine.load(tenant, 'g-2'))?.version).toBe(1);
    expect(await agent.engine.load(tenant, 'g-bad')).toBeUndefined();
    // Processed once: a redelivery is answered from the stored result.
    const again = await agent.engine.handleBatch([turn('g-2', 'Ile mam dni na zwrot?', 'g-2-a')]);
    expect(again[0]!.duplicate).toBe(true);
  });

  it('relays every reply once, in order, and marks its outbox row published (over the bus)', async () => {
    const out: OutboundMessage[] = [];
    const dlq: string[] = [];
    const subs = [
      await bus.subscribe(
        { topics: [TOPICS.channelOutbound.name], groupId: uniqueName('tap'), fromBeginning: true },
        async (m) => {
          const o = decodeEvent(OutboundMessage, m.value);
          if (o.conversationId.startsWith('bus-')) out.push(o);
        },
      ),
      await bus.subscribe(
        { topics: [dlqTopic(TOPICS.channelInbound.name)], groupId: uniqueName('dlq'), fromBeginning: true },
        async (m) => {
          dlq.push(decodeEvent(InboundMessage, m.value).messageId);
        },
      ),
    ];
    const sent: Record<string, string[]> = {};
    const texts = ['hello', 'What is your return policy?', '반품 기간은 며칠인가요?', 'thanks'];
    for (let round = 0; round < texts.length; round++) {
      // A poison message among them ends up alone in the DLQ.
      const batch = Array.from({ length: 10 }, (_, c) => ({
        conversationId: `bus-${c}`,
        messageId: `bus-${c}-${round}`,
        text: c === 3 && round === 1 ? 'x\u0000y' : texts[round]!,
      }));
      for (const m of batch) {
        if (m.text.includes('\u0000')) continue;
        sent[m.conversationId] = [...(sent[m.conversationId] ?? []), m.messageId];
      }
      await bus.publish(
        TOPICS.channelInbound.name,
        batch.map((m) => ({
          key: `${tenant}/${m.conversationId}`,
          value: InboundMessage.encode(
            InboundMessage.fromPartial({
              ...m,
              tenantId: tenant,
              channel: Channel.CHANNEL_WEBCHAT,
              receivedAt: new Date(Date.now() + 1000),
            }),
          ).finish(),
        })),
      );
    }
    const expected = Object.values(sent).flat().length;
    await waitFor(() => out.length >= expected && dlq.length >= 1, { timeoutMs: 30_000 });
    expect(dlq).toEqual(['bus-3-1']);
    for (const [conversationId, ids] of Object.entries(sent))
      expect(out.filter((o) => o.conversationId === conversationId).map((o) => o.inReplyTo)).toEqual(ids);
    // Marked by a later transaction or shortly after by the relay itself: the sweeper has nothing to resend.
    await waitFor(
      async () =>
        Number(
          (
            await sql.query<{ n: string }>(
              'SELECT count(*) AS n FROM agent_outbox WHERE published_at IS NULL',
            )
          ).rows[0]!.n,
        ) === 0,
    );
    await Promise.all(subs.map((s) => s.stop()));
    expect(out).toHaveLength(expected);
  });
});
