/** Test harness: an agent on PGlite/PostgreSQL and the in-process bus (or Kafka), with taps on its topics. */
import { createBus, decodeEvent, type EventBus, TOPICS, withDlqs } from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { openTestSql, type Sql } from '@boomerang/kit/sql';
import { uniqueName } from '@boomerang/kit/testing';
import {
  Channel,
  InboundMessage,
  OutboundMessage,
  type ReplyPart,
} from '@boomerang/proto/boomerang/events/v1/channel';
import { AgentOutcome } from '@boomerang/proto/boomerang/events/v1/outcomes';
import type { Ports } from '../domain/ports';
import type { InboundTurn, TurnResult } from '../engine';
import { type AgentClients, type AgentServer, createServer } from '../server';

export const AGENT_TOPICS = withDlqs([
  TOPICS.channelInbound,
  TOPICS.channelOutbound,
  TOPICS.agentOutcomes,
  TOPICS.ticketEvents,
]);

export interface Harness {
  agent: AgentServer;
  /** The agent's database (tests that look at what it keeps). */
  sql: Sql;
  bus: EventBus;
  outbound: OutboundMessage[];
  outcomes: AgentOutcome[];
  grpcPort: number;
  send(m: Partial<InboundMessage> & { conversationId: string; text: string }): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: {
  ports?: Ports;
  clients?: AgentClients;
  bus?: EventBus;
  clock?: () => Date;
  tenantOf?: () => string;
}): Promise<Harness> {
  const { sql, drop } = await openTestSql(process.env.DATABASE_URL);
  const bus = opts.bus ?? createBus({ clientId: 'agent-test', logger: silentLogger() });
  await bus.ensureTopics(AGENT_TOPICS);
  const logger = silentLogger();
  const agent = createServer({
    sql,
    bus,
    logger,
    ports: opts.ports,
    clients: opts.clients,
    clock: opts.clock,
    groupId: uniqueName('agent'),
  });
  const { grpcPort } = await agent.start({ grpcPort: 0 });
  const outbound: OutboundMessage[] = [];
  const outcomes: AgentOutcome[] = [];
  const group = uniqueName('tap');
  const subs = [
    await bus.subscribe(
      { topics: [TOPICS.channelOutbound.name], groupId: group, fromBeginning: true },
      async (m) => {
        outbound.push(decodeEvent(OutboundMessage, m.value));
      },
    ),
    await bus.subscribe(
      { topics: [TOPICS.agentOutcomes.name], groupId: `${group}-o`, fromBeginning: true },
      async (m) => {
        outcomes.push(decodeEvent(AgentOutcome, m.value));
      },
    ),
  ];
  let n = 0;
  return {
    agent,
    sql,
    bus,
    outbound,
    outcomes,
    grpcPort,
    async send(m) {
      const msg = InboundMessage.fromPartial({
        messageId: `webchat:${uniqueName('m')}-${n++}`,
        tenantId: opts.tenantOf?.() ?? 't',
        channel: Channel.CHANNEL_WEBCHAT,
        sender: 'visitor-1',
        receivedAt: new Date(),
        ...m,
      });
      await bus.publish(TOPICS.channelInbound.name, {
        key: `${msg.tenantId}/${msg.conversationId}`,
        value: InboundMessage.encode(msg).finish(),
      });
    },
    async close() {
      await Promise.all(subs.map((s) => s.stop()));
      await agent.stop();
      if (!opts.bus) await bus.close();
      await drop();
    },
  };
}

/** The clock every scripted conversation runs on (`as_of`), so eligibility dates never drift. */
export const AS_OF = new Date('2025-03-10T12:00:00Z');

let seq = 0;
/** One web chat turn (tenant 't' unless `extra` says otherwise), with a fresh message id. */
export function inboundTurn(
  conversationId: string,
  text: string,
  extra: Partial<InboundTurn> = {},
): InboundTurn {
  return {
    tenantId: 't',
    conversationId,
    channel: Channel.CHANNEL_WEBCHAT,
    messageId: `m-${seq++}`,
    text,
    postback: '',
    identityToken: '',
    receivedAt: new Date(),
    asOf: AS_OF,
    sender: 'visitor',
    localeHint: '',
    live: false,
    ...extra,
  };
}

/** The postbacks of a reply's quick replies. */
export const postbacksOf = (parts: ReplyPart[]) =>
  parts.flatMap((p) => (p.part?.$case === 'quickReplies' ? p.part.value.options.map((o) => o.postback) : []));

/** A reply's order card, if it has one. */
export const orderCardOf = (parts: ReplyPart[]) =>
  parts.flatMap((p) => (p.part?.$case === 'orderCard' ? [p.part.value] : []))[0];

/** The sections a reply cites. */
export const citedSections = (parts: ReplyPart[]) =>
  parts.flatMap((p) => (p.part?.$case === 'citations' ? p.part.value.items.map((c) => c.section) : []));

/**
 * An agent on `world`'s ports for the enclosing describe: started once, a new tenant for every test
 * (after `reset`, and with the world's handoffs cleared), and `say` for a turn of a conversation.
 */
export function agentPerTest(world: { ports: Ports; handoffs: unknown[] }, reset: () => void = () => {}) {
  let h: Harness;
  let tenant = 't';
  beforeAll(async () => {
    h = await startHarness({ ports: world.ports, tenantOf: () => tenant });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    tenant = uniqueName('brand');
    world.handoffs.length = 0;
    reset();
  });
  return (c: string, text: string, extra: Partial<InboundTurn> = {}) =>
    h.agent.engine.handle(inboundTurn(c, text, { tenantId: tenant, ...extra }));
}

/**
 * Signs a shopper in the way they would: a first message, their e-mail, then the code the world
 * sent to it. Resolves with the turn that answered the code.
 */
export function signInWith(
  say: ReturnType<typeof agentPerTest>,
  world: { codes: Map<string, string> },
): (c: string, start: string, email: string) => Promise<TurnResult> {
  return async (c, start, email) => {
    await say(c, start);
    await say(c, email);
    return say(c, world.codes.get(email)!);
  };
}

/**
 * A scripted stream of one tenant's web chat over the bus: `round(i)` publishes message i of every
 * conversation conv-0 … conv-(n-1) (text `texts[i % texts.length]`), each acknowledged by the bus
 * before the next; `sent` keeps each conversation's message ids in order, `replies` what the
 * outbound topic carried for the tenant.
 */
export async function scriptedStream(
  bus: EventBus,
  tenant: string,
  conversations: number,
  texts: string[],
  receivedAt: () => Date = () => new Date(),
) {
  const replies: OutboundMessage[] = [];
  const tap = await bus.subscribe(
    { topics: [TOPICS.channelOutbound.name], groupId: uniqueName('tap'), fromBeginning: true },
    async (m) => {
      const o = decodeEvent(OutboundMessage, m.value);
      if (o.tenantId === tenant) replies.push(o);
    },
  );
  const sent: Record<string, string[]> = {};
  let published = 0;
  return {
    replies,
    sent,
    published: () => published,
    stop: () => tap.stop(),
    async round(i: number): Promise<void> {
      for (let c = 0; c < conversations; c++) {
        const conversationId = `conv-${c}`;
        const messageId = `${conversationId}-${i}`;
        sent[conversationId] = [...(sent[conversationId] ?? []), messageId];
        const msg = InboundMessage.fromPartial({
          messageId,
          tenantId: tenant,
          conversationId,
          channel: Channel.CHANNEL_WEBCHAT,
          text: texts[i % texts.length]!,
          receivedAt: receivedAt(),
        });
        await bus.publish(TOPICS.channelInbound.name, {
          key: `${tenant}/${conversationId}`,
          value: InboundMessage.encode(msg).finish(),
        });
        published++;
      }
    },
  };
}
