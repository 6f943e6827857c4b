// Adapter error mapping over gRPC: 401 → FAILED_PRECONDITION with a clear config error, 429 →
// retried inside the adapter honouring Retry-After or UNAVAILABLE "retry later", 422/400 →
// INVALID_ARGUMENT, 5xx → retried after a lookup (never a duplicate).

import { startFake as startZendesk, type ZendeskFake } from '@boomerang/fakes/zendesk';
import { uniqueName } from '@boomerang/kit/testing';
import { Destination, Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { en, type Harness, ko, startHarness, transcript } from './harness';
import { type Fakes, route, routeAll, SECRETS, startHelpdeskFakes } from './helpdesks';

describe('helpdesk error mapping', () => {
  let h: Harness;
  let f: Fakes;
  let limited: ZendeskFake;
  beforeAll(async () => {
    f = await startHelpdeskFakes();
    limited = await startZendesk({ fixtures: { rateLimit: { limit: 0, windowSeconds: 600 } } });
    h = await startHarness({ secrets: SECRETS });
  });
  afterAll(async () => {
    await h?.close();
    await f?.close();
    await limited?.close();
  });

  const req = (tenantId: string, channel: string, customer = en) => ({
    tenantId,
    conversationId: uniqueName('conv'),
    attempt: 1,
    reason: 'not eligible',
    transcript: transcript('en'),
    customer,
    channel,
    language: 'en',
    priority: Priority.PRIORITY_NORMAL,
    subject: '',
    recipient: '',
  });

  test('401 from the vendor → FAILED_PRECONDITION that says which setting to fix; no ticket', async () => {
    const tenantId = uniqueName('brand');
    await h.handoff.setRouting({
      routing: route(tenantId, 'webchat', Destination.DESTINATION_ZENDESK, {
        baseUrl: f.zendesk.url,
        email: 'agent@example.com',
        credentialRef: 'HANDOFF_SECRET_WRONG',
      }),
    });
    const before = f.zendesk.tickets.length;
    const err = await h.handoff.handoff(req(tenantId, 'webchat')).catch((e) => e);
    expect(err).toMatchObject({ code: 'FAILED_PRECONDITION', field: 'routing.credential_ref' });
    expect(err.message).toContain('Zendesk rejected the credentials (HTTP 401');
    expect(err.message).toContain("Couldn't authenticate you");
    expect(f.zendesk.tickets.length).toBe(before);
    // Fixing the secret reference makes the same attempt go through.
    await h.handoff.setRouting({
      routing: route(tenantId, 'webchat', Destination.DESTINATION_ZENDESK, {
        baseUrl: f.zendesk.url,
        email: 'agent@example.com',
        credentialRef: 'HANDOFF_SECRET_ZENDESK',
      }),
    });
    expect(
      (await h.handoff.handoff({ ...req(tenantId, 'webchat'), conversationId: 'fixed' })).ticketRef,
    ).toMatch(/^\d+$/);
  });

  test('a short 429 (Retry-After: 0) is retried inside the adapter and succeeds with one ticket', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    f.freshdesk.setFaults({ rateLimitNext: 2, retryAfterSeconds: 0, pathPrefix: '/api/v2/tickets' });
    const before = f.freshdesk.requests.filter((x) => x.method === 'POST').length;
    const r = await h.handoff.handoff(req(tenantId, 'sms'));
    f.freshdesk.setFaults({});
    expect(f.freshdesk.requests.filter((x) => x.method === 'POST').length - before).toBe(3);
    expect(f.freshdesk.tickets.filter((t) => String(t.id) === r.ticketRef)).toHaveLength(1);
  });

  test('a long rate limit → UNAVAILABLE "retry after N s" (the agent retries later), nothing created', async () => {
    const tenantId = uniqueName('brand');
    await h.handoff.setRouting({
      routing: route(tenantId, 'webchat', Destination.DESTINATION_ZENDESK, {
        baseUrl: limited.url,
        email: 'agent@example.com',
        credentialRef: 'HANDOFF_SECRET_ZENDESK',
      }),
    });
    const err = await h.handoff.handoff(req(tenantId, 'webchat')).catch((e) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect(err.message).toMatch(/Zendesk rate limit reached; retry after \d+ s/);
    expect(limited.tickets).toHaveLength(0);
    const resp = limited.requests.length;
    expect(resp).toBeGreaterThan(0);
  });

  test('422 (Zendesk) and 400 (Freshdesk validation) → INVALID_ARGUMENT with the vendor reason', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const bad = { ...ko, email: 'not-an-email' };
    const z = await h.handoff.handoff(req(tenantId, 'webchat', bad)).catch((e) => e);
    expect(z).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(z.message).toContain('HTTP 422');
    expect(z.message).toContain('RecordInvalid');
    const fd = await h.handoff.handoff(req(tenantId, 'sms', bad)).catch((e) => e);
    expect(fd).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(fd.message).toContain('Validation failed');
  });

  test('a 503 is retried after looking the ticket up, so the retry never duplicates', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    f.gorgias.setFaults({ failNext: 1, failStatus: 503, pathPrefix: '/api/tickets' });
    const r = await h.handoff.handoff(req(tenantId, 'email'));
    f.gorgias.setFaults({});
    expect(f.gorgias.tickets.filter((t) => String(t.id) === r.ticketRef)).toHaveLength(1);
    expect(
      f.gorgias.requests.some(
        (x) => x.method === 'GET' && String(x.query.external_id ?? '').startsWith('bmr-'),
      ),
    ).toBe(true);
  });
});
