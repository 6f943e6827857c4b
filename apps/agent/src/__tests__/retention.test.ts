/**
 * What the agent keeps, and for how long: a redelivered message is recognised for the retention
 * period (twice the inbound topic's), and forgotten after it; a reply's outbox row is gone once the
 * reply is on the outbound topic. Before, both tables only grew (reply bodies and all).
 */
import { waitFor } from '@boomerang/kit/testing';
import { partsText } from '../domain/conversation';
import { type Harness, inboundTurn, startHarness } from './harness';
import { memoryWorld } from './memory-ports';

const DAY = 24 * 60 * 60 * 1000;
const RETENTION = 14 * DAY;

let now = new Date('2026-11-02T09:00:00Z');
let h: Harness;

beforeAll(async () => {
  const w = memoryWorld({ customers: {} });
  h = await startHarness({ ports: w.ports, clock: () => now });
});
afterAll(() => h.close());

const say = (messageId: string, text: string) =>
  h.agent.engine.handle(inboundTurn('c-retention', text, { messageId }));

it('recognises a redelivered message within the retention period and forgets its id after it', async () => {
  const first = await say('webchat:ko-1', '반품 기간은 며칠인가요?');
  expect(first.duplicate).toBeUndefined();
  expect(partsText(first.parts)).toContain('30');

  // 13 days later (a DLQ replay, a vendor's late webhook retry): still the same message.
  now = new Date(now.getTime() + 13 * DAY);
  expect(await h.agent.engine.pruneProcessed(RETENTION)).toBe(0);
  const again = await say('webchat:ko-1', '반품 기간은 며칠인가요?');
  expect(again.duplicate).toBe(true);
  expect(again.version).toBe(first.version);

  // Past the retention period the id is forgotten (the topic itself no longer holds the message).
  now = new Date(now.getTime() + 2 * DAY);
  expect(await h.agent.engine.pruneProcessed(RETENTION)).toBe(1);
  const pl = await say('webchat:pl-2', 'Ile mam dni na zwrot?');
  expect(pl.duplicate).toBeUndefined();
  // Only the old id went: the one processed just now is kept.
  expect(await h.agent.engine.pruneProcessed(RETENTION)).toBe(0);
  expect((await say('webchat:pl-2', 'Ile mam dni na zwrot?')).duplicate).toBe(true);
});

it('keeps no outbox row once the reply is published', async () => {
  const r = await say('webchat:en-3', 'How long do I have to return my shoes?');
  await waitFor(() => h.outbound.some((m) => m.inReplyTo === 'webchat:en-3'));
  expect(h.outbound.filter((m) => m.conversationId === 'c-retention')).toHaveLength(3);
  expect(partsText(r.parts)).toContain('30 days');
  // Published rows are cleared by the next transaction, or within a moment by the relay itself.
  const rows = async () =>
    (await h.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM agent_outbox')).rows[0]!.n;
  await waitFor(async () => (await rows()) === 0, { timeoutMs: 5000 });
});
