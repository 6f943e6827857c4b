// The bus is briefly down: committed desk changes are not lost; they are published, in order, when
// it is back. Nothing uncommitted (a rejected change) is ever published.
import { createBus, type EventBus } from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { TicketStatus } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import { pl, startHarness } from './harness';

test('ticket events survive a bus outage and arrive in order afterwards', async () => {
  const real = createBus({ clientId: uniqueName('outbox'), logger: silentLogger() });
  let down = false;
  const flaky: EventBus = Object.assign(Object.create(real) as EventBus, {
    publish: (topic: string, records: Parameters<EventBus['publish']>[1]) =>
      down ? Promise.reject(new Error('broker unreachable')) : real.publish(topic, records),
  });
  const h = await startHarness({ bus: flaky });
  try {
    const tenantId = uniqueName('brand');
    down = true;
    let t = (
      await h.tickets.create({
        tenantId,
        conversationId: 'c1',
        customer: pl,
        subject: 'Zwrot butów',
        priority: Priority.PRIORITY_NORMAL,
        tags: [],
        transcript: [],
        channel: 'email',
        language: 'pl',
        idempotencyKey: '',
        recipient: pl.email,
        actor: 'anna',
      })
    ).ticket!;
    t = (
      await h.tickets.setStatus({
        tenantId,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_PENDING,
        expectedVersion: t.version,
        actor: 'anna',
      })
    ).ticket!;
    await expect(
      h.tickets.setStatus({
        tenantId,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_PENDING,
        expectedVersion: t.version,
        actor: 'anna',
      }),
    ).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    t = (
      await h.tickets.setStatus({
        tenantId,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_RESOLVED,
        expectedVersion: t.version,
        actor: 'anna',
      })
    ).ticket!;
    await waitFor(async () => (await h.server.relay.pending()) >= 4); // 3 events + 1 notice, waiting
    expect(h.ticketEvents.filter((e) => e.tenantId === tenantId)).toHaveLength(0);
    down = false;
    const events = await waitFor(() => {
      const mine = h.ticketEvents.filter((e) => e.tenantId === tenantId);
      return mine.length >= 3 ? mine : undefined;
    });
    expect(events.map((e) => `${e.change}:${e.status}:${e.version}:${e.customerNotified}`)).toEqual([
      'created:OPEN:1:false',
      'status:PENDING:2:false',
      // The shopper got "your request has been resolved": the agent hands back without repeating it.
      'status:RESOLVED:3:true',
    ]);
    const notice = await waitFor(() => h.outbound.find((m) => m.tenantId === tenantId));
    expect(notice.parts[0]!.part).toEqual({
      $case: 'text',
      value: expect.stringContaining('Twoja sprawa została rozwiązana'),
    });
    expect(await h.server.relay.pending()).toBe(0);
  } finally {
    await h.close();
    await real.close();
  }
});
