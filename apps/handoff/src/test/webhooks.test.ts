// Hand-back through the helpdesks' webhooks: a solved/closed ticket publishes TicketEvent RESOLVED
// for the conversation, once; unsigned or wrongly signed calls are refused.

import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { type Harness, ko, startHarness, transcript } from './harness';
import { type Fakes, routeAll, SECRETS, startHelpdeskFakes } from './helpdesks';

describe('helpdesk webhooks hand the conversation back', () => {
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

  const handoff = (tenantId: string, channel: string) =>
    h.handoff.handoff({
      tenantId,
      conversationId: uniqueName('conv'),
      attempt: 1,
      reason: 'asked for a person',
      transcript: transcript('ko'),
      customer: ko,
      channel,
      language: 'ko',
      priority: Priority.PRIORITY_NORMAL,
      subject: '',
      recipient: '',
    });

  test.each([
    ['zendesk', 'webchat'],
    ['gorgias', 'email'],
    ['freshdesk', 'sms'],
  ] as const)(
    '%s: solving the ticket publishes RESOLVED for the conversation exactly once',
    async (vendor, channel) => {
      const tenantId = uniqueName('brand');
      await routeAll(h, f, tenantId);
      const r = await handoff(tenantId, channel);
      f.hooks[vendor].url = `${h.httpUrl}/webhooks/${vendor}/${tenantId}/${channel}`;
      const id = Number(r.ticketRef);
      const fire = () =>
        vendor === 'zendesk'
          ? f.zendesk.solve(id)
          : vendor === 'gorgias'
            ? f.gorgias.closeTicket(id)
            : f.freshdesk.resolve(id);
      expect(await fire()).toEqual({ status: 200 });
      const back = await waitFor(() =>
        h.ticketEvents.find((e) => e.tenantId === tenantId && e.status === 'RESOLVED'),
      );
      const created = h.ticketEvents.find((e) => e.tenantId === tenantId && e.change === 'created')!;
      expect(back).toMatchObject({
        conversationId: created.conversationId,
        destination: vendor,
        externalRef: r.ticketRef,
        change: 'status',
        channel,
        language: 'ko',
      });
      // A redelivered webhook changes nothing.
      expect(await fire()).toEqual({ status: 200 });
      await h.server.relay.flush();
      expect(h.ticketEvents.filter((e) => e.tenantId === tenantId && e.status === 'RESOLVED')).toHaveLength(
        1,
      );
    },
  );

  test('bad signatures, wrong secrets, stale timestamps and unknown routes are refused', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const r = await handoff(tenantId, 'webchat');
    const body = JSON.stringify({ ticket_id: r.ticketRef, status: 'solved' });
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`${h.httpUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const ts = new Date().toISOString();
    const { createHmac } = await import('node:crypto');
    const sign = (secret: string, t: string) =>
      createHmac('sha256', secret)
        .update(t + body)
        .digest('base64');
    expect((await post(`/webhooks/zendesk/${tenantId}/webchat`, {})).status).toBe(401);
    expect(
      (
        await post(`/webhooks/zendesk/${tenantId}/webchat`, {
          'x-zendesk-webhook-signature': sign('wrong', ts),
          'x-zendesk-webhook-signature-timestamp': ts,
        })
      ).status,
    ).toBe(401);
    const old = new Date(Date.now() - 3600_000).toISOString();
    expect(
      (
        await post(`/webhooks/zendesk/${tenantId}/webchat`, {
          'x-zendesk-webhook-signature': sign(SECRETS.HANDOFF_SECRET_HOOK, old),
          'x-zendesk-webhook-signature-timestamp': old,
        })
      ).status,
    ).toBe(401);
    expect(
      (await post(`/webhooks/gorgias/${tenantId}/email`, { 'x-boomerang-webhook-secret': 'guess' })).status,
    ).toBe(401);
    expect(
      (
        await post(`/webhooks/zendesk/${uniqueName('other')}/webchat`, {
          'x-zendesk-webhook-signature': sign(SECRETS.HANDOFF_SECRET_HOOK, ts),
          'x-zendesk-webhook-signature-timestamp': ts,
        })
      ).status,
    ).toBe(404);
    await h.server.relay.flush();
    expect(h.ticketEvents.filter((e) => e.tenantId === tenantId && e.status === 'RESOLVED')).toHaveLength(0);
    // The correctly signed one goes through.
    expect(
      (
        await post(`/webhooks/zendesk/${tenantId}/webchat`, {
          'x-zendesk-webhook-signature': sign(SECRETS.HANDOFF_SECRET_HOOK, ts),
          'x-zendesk-webhook-signature-timestamp': ts,
        })
      ).status,
    ).toBe(200);
    await waitFor(() => h.ticketEvents.find((e) => e.tenantId === tenantId && e.status === 'RESOLVED'));
  });
});
