// A dispute or threat after the handoff raises the helpdesk ticket to the vendor's highest priority
// (Zendesk urgent, Freshdesk 4, Gorgias the tag priority-urgent). Once the urgent Forward is
// acknowledged that must happen even when the vendor fails for a while (5xx, 429 with Retry-After) or
// the service restarts in between; a permanent refusal (the ticket deleted: 404) is given up on with an
// error log and a metric instead of being retried forever. Against the helpdesk fakes; on PostgreSQL
// when DATABASE_URL is set.
import { Writable } from 'node:stream';
import { createBus } from '@boomerang/kit/bus';
import { createLogger, silentLogger } from '@boomerang/kit/logger';
import { createMetrics, type Metrics } from '@boomerang/kit/metrics';
import { openTestSql, type Sql } from '@boomerang/kit/sql';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Channel, InboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { en, type Harness, startHarness, transcript } from './harness';
import { type Fakes, routeAll, SECRETS, startHelpdeskFakes } from './helpdesks';

type Vendor = 'zendesk' | 'freshdesk' | 'gorgias';
const CHANNEL: Record<Vendor, { name: string; wire: Channel }> = {
  zendesk: { name: 'webchat', wire: Channel.CHANNEL_WEBCHAT },
  gorgias: { name: 'email', wire: Channel.CHANNEL_EMAIL },
  freshdesk: { name: 'sms', wire: Channel.CHANNEL_SMS },
};
/** The path the escalation calls for a ticket (what the faults are scoped to). */
const TICKET_PATH: Record<Vendor, (ref: string) => string> = {
  zendesk: (ref) => `/api/v2/tickets/${ref}.json`,
  freshdesk: (ref) => `/api/v2/tickets/${ref}`,
  gorgias: (ref) => `/api/tickets/${ref}`,
};
const THREAT = 'I will dispute this charge with my bank and report you to the regulator';

let f: Fakes;
let h: Harness;
let metrics: Metrics;
const logs: { level: string; msg: string; reason?: string; ticketRef?: string }[] = [];

beforeAll(async () => {
  f = await startHelpdeskFakes();
  metrics = createMetrics('handoff', { defaultMetrics: false });
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  h = await startHarness({
    databaseUrl: process.env.DATABASE_URL,
    secrets: SECRETS,
    metrics,
    logger: createLogger({ service: 'handoff', level: 'info', destination }),
    follow: false,
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await f?.close();
});

function isUrgent(vendor: Vendor, ref: string): boolean {
  if (vendor === 'zendesk') return f.zendesk.tickets.find((t) => String(t.id) === ref)?.priority === 'urgent';
  if (vendor === 'freshdesk') return f.freshdesk.tickets.find((t) => String(t.id) === ref)?.priority === 4;
  return Boolean(
    f.gorgias.tickets.find((t) => String(t.id) === ref)?.tags.some((t) => t.name === 'priority-urgent'),
  );
}

/** A handed-off conversation with a shopper message already in its ticket (the follower's copy). */
async function ticketWithMessage(x: Harness, tenantId: string, vendor: Vendor) {
  const conversationId = uniqueName('conv');
  const { ticketRef } = await x.handoff.handoff({
    tenantId,
    conversationId,
    attempt: 1,
    reason: 'customer asked for a person',
    transcript: transcript('en'),
    customer: en,
    channel: CHANNEL[vendor].name,
    language: 'en',
    priority: Priority.PRIORITY_NORMAL,
    subject: '',
    recipient: en.email,
  });
  const message = InboundMessage.fromPartial({
    messageId: uniqueName('msg'),
    tenantId,
    conversationId,
    channel: CHANNEL[vendor].wire,
    sender: en.email,
    text: THREAT,
    receivedAt: new Date(),
  });
  expect((await x.handoff.forward({ message, urgent: false })).outcome).toBe('appended');
  expect(isUrgent(vendor, ticketRef)).toBe(false);
  return { ticketRef, message };
}

async function row(sql: Sql, tenantId: string, ref: string) {
  const { rows } = await sql.query<{ state: string; tries: number; last_error: string }>(
    'SELECT state, tries, last_error FROM helpdesk_escalations WHERE tenant_id = $1 AND ticket_ref = $2',
    [tenantId, ref],
  );
  return rows[0];
}

async function counted(destination: Vendor, outcome: 'done' | 'retry' | 'given_up'): Promise<number> {
  const m = await metrics.registry.getSingleMetric('boomerang_handoff_escalations_total')?.get();
  return (
    m?.values.find((v) => v.labels.destination === destination && v.labels.outcome === outcome)?.value ?? 0
  );
}

/** The escalation's PUTs (Zendesk also adds comments by a PUT on the ticket: those carry a comment). */
const escalationPuts = (vendor: Vendor, ref: string) =>
  f[vendor].requests.filter(
    (r) =>
      r.method === 'PUT' &&
      r.path === TICKET_PATH[vendor](ref) &&
      !(r.body as { ticket?: { comment?: unknown } }).ticket?.comment,
  );

test.each([
  { vendor: 'zendesk' as const, fault: { failNext: 3, failStatus: 500 }, failures: 3 },
  { vendor: 'freshdesk' as const, fault: { rateLimitNext: 2, retryAfterSeconds: 1 }, failures: 2 },
  { vendor: 'gorgias' as const, fault: { failNext: 2, failStatus: 503 }, failures: 2 },
])(
  '$vendor fails the first $failures calls: the ticket still ends urgent',
  async ({ vendor, fault, failures }) => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const { ticketRef, message } = await ticketWithMessage(h, tenantId, vendor);
    const [retriesBefore, doneBefore] = [await counted(vendor, 'retry'), await counted(vendor, 'done')];
    f[vendor].setFaults({ ...fault, pathPrefix: TICKET_PATH[vendor](ticketRef) });
    try {
      // The agent's urgent copy of the message the follower added first: acknowledged at once.
      expect((await h.handoff.forward({ message, urgent: true })).outcome).toBe('duplicate');
      await waitFor(() => isUrgent(vendor, ticketRef), { timeoutMs: 15_000, message: `${vendor} urgent` });
    } finally {
      f[vendor].setFaults({});
    }
    const done = await waitFor(async () => {
      const x = await row(h.sql, tenantId, ticketRef);
      return x?.state === 'done' ? x : undefined;
    });
    expect(done.tries).toBe(failures + 1);
    expect(await counted(vendor, 'retry')).toBe(retriesBefore + failures);
    expect(await counted(vendor, 'done')).toBe(doneBefore + 1);
    if (vendor === 'freshdesk') {
      // Retry-After (1 s) is honoured between the 429s, not only the short backoff.
      const at = escalationPuts(vendor, ticketRef).map((r) => r.at);
      expect(at).toHaveLength(failures + 1);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(900);
    }
  },
  30_000,
);

test('escalating twice is harmless; a later urgent message raises the ticket again', async () => {
  const tenantId = uniqueName('brand');
  await routeAll(h, f, tenantId);
  const { ticketRef, message } = await ticketWithMessage(h, tenantId, 'zendesk');
  const puts = () => escalationPuts('zendesk', ticketRef).length;
  expect((await h.handoff.forward({ message, urgent: true })).outcome).toBe('duplicate');
  await waitFor(() => isUrgent('zendesk', ticketRef));
  await waitFor(async () => (await row(h.sql, tenantId, ticketRef))?.state === 'done');
  const once = puts();
  // The same message again (a redelivery): nothing is pending, nothing is sent.
  expect((await h.handoff.forward({ message, urgent: true })).outcome).toBe('duplicate');
  expect(await h.server.escalations.pending(tenantId)).toBe(0);
  // Someone lowers it; a new threat raises it again (the vendor call is idempotent either way).
  f.zendesk.tickets.find((t) => String(t.id) === ticketRef)!.priority = 'normal';
  const again = InboundMessage.fromPartial({
    ...message,
    messageId: uniqueName('msg'),
    text: 'Last warning: my lawyer is writing to you today',
    receivedAt: new Date(),
  });
  expect((await h.handoff.forward({ message: again, urgent: true })).outcome).toBe('appended');
  await waitFor(() => isUrgent('zendesk', ticketRef));
  await waitFor(async () => (await row(h.sql, tenantId, ticketRef))?.state === 'done');
  expect(puts()).toBe(once + 1);
});

test('a ticket deleted at the helpdesk (404) is given up on: an error log and a metric, no endless retries', async () => {
  const tenantId = uniqueName('brand');
  await routeAll(h, f, tenantId);
  const gone = await ticketWithMessage(h, tenantId, 'zendesk');
  const givenUpBefore = await counted('zendesk', 'given_up');
  const i = f.zendesk.tickets.findIndex((t) => String(t.id) === gone.ticketRef);
  f.zendesk.tickets.splice(i, 1); // an agent deleted it
  expect((await h.handoff.forward({ message: gone.message, urgent: true })).outcome).toBe('duplicate');
  const r = await waitFor(async () => {
    const x = await row(h.sql, tenantId, gone.ticketRef);
    return x?.state === 'given_up' ? x : undefined;
  });
  expect(r.tries).toBe(1);
  expect(r.last_error).toMatch(new RegExp(`Zendesk has no ticket ${gone.ticketRef} \\(HTTP 404\\)`));
  expect(await counted('zendesk', 'given_up')).toBe(givenUpBefore + 1);
  const log = logs.find((l) => l.ticketRef === gone.ticketRef && l.level === 'error');
  expect(log?.msg).toMatch(/gave up raising the helpdesk ticket to urgent/);
  expect(log?.reason).toMatch(/HTTP 404/);
  // Later work is done while the given-up one stays given up: tried once, never again.
  const other = await ticketWithMessage(h, tenantId, 'zendesk');
  expect((await h.handoff.forward({ message: other.message, urgent: true })).outcome).toBe('duplicate');
  await waitFor(() => isUrgent('zendesk', other.ticketRef));
  await waitFor(async () => (await row(h.sql, tenantId, other.ticketRef))?.state === 'done');
  expect(escalationPuts('zendesk', gone.ticketRef)).toHaveLength(1);
  expect(await h.server.escalations.pending(tenantId)).toBe(0);
});

test('a restart between the failure and the retry still ends urgent', async () => {
  const tenantId = uniqueName('brand');
  const { sql, drop } = await openTestSql(process.env.DATABASE_URL);
  const bus = createBus({ clientId: uniqueName('restart'), logger: silentLogger() });
  const a = await startHarness({ secrets: SECRETS, sql, bus, follow: false });
  await routeAll(a, f, tenantId);
  const { ticketRef, message } = await ticketWithMessage(a, tenantId, 'freshdesk');
  // Freshdesk is down while the first process tries; it stops before Freshdesk is back.
  f.freshdesk.setFaults({ down: true, failStatus: 503, pathPrefix: TICKET_PATH.freshdesk(ticketRef) });
  try {
    expect((await a.handoff.forward({ message, urgent: true })).outcome).toBe('duplicate');
    await waitFor(async () => ((await row(sql, tenantId, ticketRef))?.tries ?? 0) >= 2);
    await a.close();
  } finally {
    f.freshdesk.setFaults({});
  }
  const left = await row(sql, tenantId, ticketRef);
  expect(left).toMatchObject({ state: 'pending', last_error: expect.stringContaining('HTTP 503') });
  expect(isUrgent('freshdesk', ticketRef)).toBe(false);

  // The next process (same database) picks it up on start.
  const b = await startHarness({ secrets: SECRETS, sql, bus, follow: false });
  try {
    await waitFor(() => isUrgent('freshdesk', ticketRef), { message: 'urgent after the restart' });
    await waitFor(async () => (await row(sql, tenantId, ticketRef))?.state === 'done');
  } finally {
    await b.close();
    await bus.close();
    await drop();
  }
}, 30_000);
