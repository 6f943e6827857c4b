// Handoff is idempotent on (tenant, conversation, attempt): retried calls, concurrent calls, a lost
// response after the vendor created the ticket, and a crash between create and acknowledge never
// produce a second external ticket.

import { createBus } from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { openTestSql } from '@boomerang/kit/sql';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { type Harness, pl, startHarness, transcript } from './harness';
import { type Fakes, routeAll, SECRETS, startHelpdeskFakes } from './helpdesks';

const req = (tenantId: string, conversationId: string, channel: string, attempt = 1) => ({
  tenantId,
  conversationId,
  attempt,
  reason: 'customer asked for a person',
  transcript: transcript('pl'),
  customer: pl,
  channel,
  language: 'pl',
  priority: Priority.PRIORITY_NORMAL,
  subject: 'Reklamacja kurtki',
  recipient: '',
});

describe('idempotent handoff', () => {
  let h: Harness;
  let f: Fakes;
  beforeAll(async () => {
    f = await startHelpdeskFakes();
    h = await startHarness({ secrets: SECRETS });
  });
  afterAll(async () => {
    await h?.close();
    await f?.close();
  });

  test('retries of the same attempt return the same ticket; a new attempt makes a new one', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const conv = uniqueName('conv');
    const first = await h.handoff.handoff(req(tenantId, conv, 'webchat'));
    const again = await h.handoff.handoff(req(tenantId, conv, 'webchat'));
    const concurrent = await Promise.allSettled(
      [1, 2, 3].map(() => h.handoff.handoff(req(tenantId, conv, 'webchat'))),
    );
    // The shopper reads the helpdesk's "#<id>", the same on a retry (the stored reference).
    expect(first.ticketLabel).toBe(`#${first.ticketRef}`);
    expect(again).toEqual(first);
    for (const c of concurrent) expect(c).toMatchObject({ status: 'fulfilled', value: first });
    const second = await h.handoff.handoff(req(tenantId, conv, 'webchat', 2));
    expect(second.ticketRef).not.toBe(first.ticketRef);
    const mine = f.zendesk.tickets.filter((t) => t.description.includes(conv));
    expect(mine.map((t) => String(t.id)).sort()).toEqual([first.ticketRef, second.ticketRef].sort());
    // One "created" event per ticket, however many calls.
    await waitFor(() => h.ticketEvents.filter((e) => e.tenantId === tenantId).length >= 2);
    expect(h.ticketEvents.filter((e) => e.tenantId === tenantId && e.change === 'created')).toHaveLength(2);
  });

  test('concurrent first calls create exactly one ticket (the others wait or get the stored reference)', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const conv = uniqueName('conv');
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(() => h.handoff.handoff(req(tenantId, conv, 'email'))),
    );
    const ok = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ ticketRef: string }>).value.ticketRef);
    for (const r of results)
      if (r.status === 'rejected')
        expect(r.reason).toMatchObject({
          code: 'UNAVAILABLE',
          message: expect.stringContaining('in progress'),
        });
    expect(new Set(ok).size).toBe(1);
    expect(f.gorgias.tickets.filter((t) => t.messages[0]!.body_text!.includes(conv))).toHaveLength(1);
  });

  test.each(['zendesk', 'gorgias', 'freshdesk'] as const)(
    '%s: the vendor created the ticket but the response was lost → found by our key, not created twice',
    async (vendor) => {
      const tenantId = uniqueName('brand');
      await routeAll(h, f, tenantId);
      const channel = { zendesk: 'webchat', gorgias: 'email', freshdesk: 'sms' }[vendor];
      const conv = uniqueName('conv');
      f[vendor].control.dropCreateResponses = 1;
      const r = await h.handoff.handoff(req(tenantId, conv, channel));
      const all = (f[vendor].tickets as { id: number }[]).filter((t) => JSON.stringify(t).includes(conv));
      expect(all.map((t) => String(t.id))).toEqual([r.ticketRef]);
      const lookups = f[vendor].requests.filter(
        (x) => x.method === 'GET' && JSON.stringify(x.query).includes('bmr-'),
      );
      expect(lookups.length).toBeGreaterThan(0);
    },
  );

  test('a crash between the vendor create and our acknowledgement: the retry (another replica) finds the ticket', async () => {
    const tenantId = uniqueName('brand');
    const conv = uniqueName('conv');
    const { sql, drop } = await openTestSql(process.env.DATABASE_URL);
    const bus = createBus({ clientId: uniqueName('crash'), logger: silentLogger() });
    let crashed = false;
    // Replica A: the vendor answers 201, then the process "dies" before storing the reference.
    const dying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === 'POST' && res.status === 201) {
        crashed = true;
        await new Promise(() => undefined); // never continues
      }
      return res;
    };
    let now = Date.now();
    const clock = { now: () => new Date(now) };
    const a = await startHarness({ secrets: SECRETS, fetch: dying, sql, bus, clock, leaseMs: 30_000 });
    await routeAll(a, f, tenantId);
    await expect(
      a.handoff.handoff(req(tenantId, conv, 'webchat'), { deadlineMs: 1500 }),
    ).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(crashed).toBe(true);
    expect(f.zendesk.tickets.filter((t) => t.description.includes(conv))).toHaveLength(1);
    const row = (
      await sql.query<{ state: string }>('SELECT state FROM handoff_attempts WHERE conversation_id = $1', [
        conv,
      ])
    ).rows[0];
    expect(row?.state).toBe('pending');
    await a.close();

    // Replica B on the same database. While A's lease holds, a retry is told to come back later.
    const b = await startHarness({ secrets: SECRETS, sql, bus, clock, leaseMs: 30_000 });
    await expect(b.handoff.handoff(req(tenantId, conv, 'webchat'))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('in progress'),
    });
    now += 31_000; // A's lease expired
    const r = await b.handoff.handoff(req(tenantId, conv, 'webchat'));
    const tickets = f.zendesk.tickets.filter((t) => t.description.includes(conv));
    expect(tickets.map((t) => String(t.id))).toEqual([r.ticketRef]);
    expect(r.message).toContain(`#${r.ticketRef}`);
    await b.close();
    await bus.close();
    await drop();
  });
});
