/**
 * Two agent replicas in one consumer group on one inbound topic: every conversation is processed
 * by one replica at a time, in order, exactly once — over the in-process bus and over real Kafka.
 */
import { createBus, type EventBus } from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { openTestSql } from '@boomerang/kit/sql';
import { kafkaBrokers, requireInfra, uniqueName, waitFor } from '@boomerang/kit/testing';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { createServer } from '../server';
import { AGENT_TOPICS, scriptedStream } from './harness';
import { memoryWorld } from './memory-ports';

const TEXTS = [
  'hello',
  'What is your return policy, how many days?',
  '반품 기간은 며칠인가요?',
  'Ile mam dni na zwrot?',
  'thanks',
];

/**
 * Replica A starts alone and gets a head start; replica B joins mid-stream, so the group rebalances
 * while A is processing and partitions change hands under load (where interleaving would happen).
 * An observer sees every turn's processing window in both replicas (one process, so the event order
 * is exact): a turn of a conversation may never begin while another replica's turn of the same
 * conversation is still open.
 */
async function twoReplicas(bus: EventBus, conversations: number, perConversation: number) {
  const { sql, drop } = await openTestSql(process.env.DATABASE_URL);
  const w = memoryWorld({ customers: {} });
  w.tests.ok = true;
  const group = uniqueName('agent');
  const logger = process.env.AGENT_TEST_LOG
    ? require('@boomerang/kit/logger').createLogger({ service: 'agent-test', level: 'warn' })
    : silentLogger();
  const open = new Map<string, { replica: string; messageId: string }[]>();
  const overlaps: string[] = [];
  const committedBy: { a: string[]; b: string[] } = { a: [], b: [] };
  const observer = (replica: 'a' | 'b') => ({
    begin(key: string, messageId: string) {
      const now = open.get(key) ?? [];
      for (const o of now.filter((x) => x.replica !== replica))
        overlaps.push(`${key}: ${replica} began ${messageId} while ${o.replica} had ${o.messageId} open`);
      open.set(key, [...now, { replica, messageId }]);
    },
    end(key: string, messageId: string, committed: boolean) {
      const now = open.get(key) ?? [];
      const i = now.findIndex((o) => o.replica === replica && o.messageId === messageId);
      if (i >= 0) now.splice(i, 1);
      if (committed) committedBy[replica].push(messageId);
    },
  });
  // Policy answers take a while (as over the network), so A is mid-turn when the group rebalances.
  const answer = w.ports.knowledge.answer.bind(w.ports.knowledge);
  const ports = {
    ...w.ports,
    knowledge: {
      ...w.ports.knowledge,
      answer: async (...args: Parameters<typeof answer>) => {
        await new Promise((r) => setTimeout(r, 40));
        return answer(...args);
      },
    },
  };
  const a = createServer({ sql, bus, logger, ports, groupId: group, observer: observer('a') });
  const b = createServer({ sql, bus, logger, ports, groupId: group, observer: observer('b') });
  await a.start({ grpcPort: 0 });
  try {
    await exercise();
  } finally {
    await a.stop();
    await b.stop();
    await drop();
  }

  async function exercise() {
    const tenant = uniqueName('brand');
    await a.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    await a.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
      enabled: true,
      introMessage: 'Hi',
      skills: [],
    });
    // Turns stamped a second ahead: the channel was turned on just now (see beforeActivation).
    const stream = await scriptedStream(bus, tenant, conversations, TEXTS, () => new Date(Date.now() + 1000));
    const { replies: out, sent } = stream;
    const publishRound = stream.round;
    const half = Math.ceil(perConversation / 2);
    for (let i = 0; i < half; i++) await publishRound(i);
    // B joins while A is busy with the first half; the second half is published once B has its share.
    await waitFor(() => out.length > 0, { timeoutMs: 60_000, message: 'first reply from replica a' });
    await b.start({ grpcPort: 0 });
    for (let i = half; i < perConversation; i++) await publishRound(i);
    await waitFor(
      () => {
        if (out.length < conversations * perConversation)
          throw new Error(`${out.length} of ${conversations * perConversation} replies`);
        // A reply can reach the tap before its turn's observer window closes.
        return committedBy.a.length + committedBy.b.length >= conversations * perConversation;
      },
      { timeoutMs: 100_000 },
    );
    await stream.stop();
    expect(out.length).toBe(conversations * perConversation);
    expect(overlaps).toEqual([]);
    // Both replicas did work, and each message was committed exactly once overall.
    expect(committedBy.b.length).toBeGreaterThan(0);
    expect([...committedBy.a, ...committedBy.b].sort()).toEqual(Object.values(sent).flat().sort());
    for (const [conversationId, ids] of Object.entries(sent)) {
      // Replies leave in the order the shopper wrote, once each; the stored transcript agrees.
      expect(out.filter((o) => o.conversationId === conversationId).map((o) => o.inReplyTo)).toEqual(ids);
      const conv = await a.engine.load(tenant, conversationId);
      expect(conv?.version).toBe(perConversation);
      const transcript = await a.engine.transcript(tenant, conversationId);
      expect(transcript.filter((t) => t.role === 'customer').map((t) => t.text)).toEqual(
        ids.map((_, i) => TEXTS[i % TEXTS.length]),
      );
    }
  }
}

describe('two agent replicas on one inbound topic (in-process bus)', () => {
  it('never interleave a conversation', async () => {
    const bus = createBus({ clientId: 'agent-test', logger: silentLogger() });
    await bus.ensureTopics(AGENT_TOPICS);
    try {
      await twoReplicas(bus, 8, 5);
    } finally {
      await bus.close();
    }
  });
});

const kafka = requireInfra('KAFKA_BROKERS', 'agent replicas over Kafka');
kafka.describe('two agent replicas on one inbound topic (real Kafka)', () => {
  it('never interleave a conversation', async () => {
    const bus = createBus({
      brokers: kafkaBrokers(kafka.value!),
      clientId: 'agent-test',
      logger: silentLogger(),
      namespace: uniqueName('agent'),
    });
    await bus.ensureTopics(AGENT_TOPICS);
    try {
      await twoReplicas(bus, 12, 6);
    } finally {
      await bus.close();
    }
  }, 150_000);
});
