// Routing for each destination over gRPC against the helpdesk fakes: the vendor receives its own
// request shape and auth, the shopper gets the handoff message in their language, the bus gets the event.

import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Destination, Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { en, type Harness, ko, pl, startHarness, transcript } from './harness';
import { type Fakes, route, routeAll, SECRETS, startHelpdeskFakes } from './helpdesks';

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

describe('routing per tenant and channel', () => {
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

  const req = (
    tenantId: string,
    channel: string,
    language: 'ko' | 'pl' | 'en',
    priority = Priority.PRIORITY_HIGH,
  ) => ({
    tenantId,
    conversationId: uniqueName('conv'),
    attempt: 1,
    reason: 'final-sale item disputed',
    transcript: transcript(language),
    customer: { ko, pl, en }[language],
    channel,
    language,
    priority,
    subject: '',
    recipient: '',
  });

  test('Zendesk: POST /api/v2/tickets with {email}/token auth, priority as-is, external_id; Korean handoff message', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const r = await h.handoff.handoff(req(tenantId, 'webchat', 'ko'));
    expect(r.destination).toBe(Destination.DESTINATION_ZENDESK);
    const zt = f.zendesk.tickets.find((t) => String(t.id) === r.ticketRef)!;
    expect(zt).toMatchObject({ priority: 'high', requester: { email: ko.email, name: ko.name } });
    expect(zt.external_id).toMatch(/^bmr-[0-9a-f]{24}$/);
    // The desk reads the ticket in the conversation's language; the reason stays the agent's code.
    expect(zt.description).toContain('사유: final-sale item disputed');
    expect(zt.description).toContain('대화 내용:');
    expect(zt.description).toContain('[2025-03-03T09:00:00.000Z] 고객: 재킷 반품하고 싶어요');
    expect(zt.description).not.toMatch(/Transcript|Customer:|customer:/);
    expect(zt.comments[0]!.public).toBe(false);
    const post = f.zendesk.requests.find(
      (x) => x.method === 'POST' && x.body && JSON.stringify(x.body).includes(zt.external_id!),
    )!;
    expect(post.headers.authorization).toBe(basic('agent@example.com/token:zendesk-test-token'));
    expect(r.message).toBe(
      `상담 내용을 고객지원팀에 전달했습니다(티켓 #${r.ticketRef}). 담당자가 최대한 빨리 연락드리겠습니다.`,
    );
    const ev = await waitFor(() =>
      h.ticketEvents.find((e) => e.tenantId === tenantId && e.change === 'created'),
    );
    expect(ev).toMatchObject({
      destination: 'zendesk',
      ticketId: r.ticketRef,
      externalRef: r.ticketRef,
      status: 'OPEN',
      channel: 'webchat',
      priority: 'HIGH',
    });
  });

  test('Gorgias: POST /api/tickets with a first message and urgency as a tag; Polish message', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const r = await h.handoff.handoff(req(tenantId, 'email', 'pl', Priority.PRIORITY_URGENT));
    expect(r.destination).toBe(Destination.DESTINATION_GORGIAS);
    const gt = f.gorgias.tickets.find((t) => String(t.id) === r.ticketRef)!;
    expect(gt.messages).toHaveLength(1);
    expect(gt.messages[0]).toMatchObject({
      channel: 'api',
      via: 'api',
      from_agent: false,
      sender: { email: pl.email },
    });
    expect(gt.messages[0]!.body_text).toContain('To wada fabryczna!');
    expect(gt.messages[0]!.body_text).toMatch(/^Powód: final-sale item disputed$/m);
    expect(gt.messages[0]!.body_text).toMatch(/^Klient: .+/m);
    expect(gt.messages[0]!.body_text).toMatch(/^Przebieg rozmowy:$/m);
    expect(gt.tags.map((t) => t.name)).toEqual(
      expect.arrayContaining(['boomerang', 'priority-urgent', 'lang-pl']),
    );
    const post = f.gorgias.requests.find((x) => x.method === 'POST')!;
    expect(post.headers.authorization).toBe(basic('agent@example.com:gorgias-test-key'));
    expect(r.message).toContain('Przekazałem Twoją sprawę');
  });

  test('Freshdesk: POST /api/v2/tickets with apikey:X, numeric priority/status/source; English message', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const r = await h.handoff.handoff(req(tenantId, 'sms', 'en', Priority.PRIORITY_LOW));
    const ft = f.freshdesk.tickets.find((t) => String(t.id) === r.ticketRef)!;
    expect(ft).toMatchObject({ priority: 1, status: 2, source: 3, email: en.email });
    expect(ft.tags.some((t) => /^bmr-[0-9a-f]{24}$/.test(t))).toBe(true);
    expect(ft.description).toContain('Please connect me to a person.');
    expect(ft.description).toContain('Reason: final-sale item disputed');
    expect(ft.description).toContain('Z] customer: I want to return my jacket');
    const post = f.freshdesk.requests.find((x) => x.method === 'POST')!;
    expect(post.headers.authorization).toBe(basic('freshdesk-test-key:X'));
    expect(r.message).toMatch(/^I've passed your request to our support team \(ticket #\d+\)/);
  });

  test('built-in desk: the ticket is in the desk and the tenant message is used', async () => {
    const tenantId = uniqueName('brand');
    await h.handoff.setRouting({
      routing: route(tenantId, 'kakao', Destination.DESTINATION_DESK, {
        messages: { ko: '상담원에게 연결했어요. 티켓 번호: {ticket}' },
      }),
    });
    const r = await h.handoff.handoff(req(tenantId, 'kakao', 'ko-KR'.slice(0, 2) as 'ko'));
    const t = (await h.tickets.get({ tenantId, id: r.ticketRef })).ticket!;
    expect(t.channel).toBe('kakao');
    expect(r.message).toBe(`상담원에게 연결했어요. 티켓 번호: ${r.ticketRef.slice(0, 8).toUpperCase()}`);
  });

  test('do not forward: no ticket anywhere, the static reply in the shopper language', async () => {
    const tenantId = uniqueName('brand');
    const before = f.zendesk.requests.length + f.gorgias.requests.length + f.freshdesk.requests.length;
    await h.handoff.setRouting({
      routing: route(tenantId, 'whatsapp', Destination.DESTINATION_DO_NOT_FORWARD, {
        messages: {
          en: 'Please email returns@brand.example and we will follow up.',
          pl: 'Napisz do nas na returns@brand.example, a odpowiemy.',
          ko: 'returns@brand.example 로 메일 주시면 답변드리겠습니다.',
        },
      }),
    });
    const r = await h.handoff.handoff(req(tenantId, 'whatsapp', 'pl'));
    expect(r).toEqual({
      destination: Destination.DESTINATION_DO_NOT_FORWARD,
      ticketRef: '',
      ticketLabel: '',
      message: 'Napisz do nas na returns@brand.example, a odpowiemy.',
    });
    expect(f.zendesk.requests.length + f.gorgias.requests.length + f.freshdesk.requests.length).toBe(before);
    const desk = await h.tickets.list({
      tenantId,
      assigneeId: '',
      statuses: [],
      priority: 0,
      pageSize: 10,
      pageToken: '',
      conversationId: '',
    });
    expect(desk.tickets).toEqual([]);
  });

  test('no routing for the channel: FAILED_PRECONDITION naming the channel', async () => {
    await expect(h.handoff.handoff(req(uniqueName('brand'), 'naver', 'ko'))).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('not configured for channel naver'),
    });
  });

  test('SetRouting validates, GetRouting tells the launch checklist what is missing, secrets are never stored', async () => {
    const tenantId = uniqueName('brand');
    await expect(
      h.handoff.setRouting({
        routing: route(tenantId, 'webchat', Destination.DESTINATION_ZENDESK, {
          account: 'acme',
          email: 'a@b.c',
          credentialRef: 'DATABASE_URL',
        }),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'routing.credential_ref' });
    await expect(
      h.handoff.setRouting({ routing: route(tenantId, 'webchat', Destination.DESTINATION_DO_NOT_FORWARD) }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'routing.messages',
    });
    expect(await h.handoff.getRouting({ tenantId, channel: 'webchat' })).toMatchObject({
      configured: false,
      routing: undefined,
    });
    await h.handoff.setRouting({
      routing: route(tenantId, 'webchat', Destination.DESTINATION_ZENDESK, {
        account: 'acme',
        email: 'a@b.c',
        credentialRef: 'HANDOFF_SECRET_MISSING',
      }),
    });
    expect(await h.handoff.getRouting({ tenantId, channel: 'webchat' })).toMatchObject({
      configured: false,
      problems: ['HANDOFF_SECRET_MISSING is not set'],
    });
    await h.handoff.setRouting({
      routing: route(tenantId, 'webchat', Destination.DESTINATION_ZENDESK, {
        account: 'acme',
        email: 'a@b.c',
        credentialRef: 'HANDOFF_SECRET_ZENDESK',
      }),
    });
    const got = await h.handoff.getRouting({ tenantId, channel: 'WEBCHAT' });
    expect(got).toMatchObject({
      configured: true,
      problems: [],
      routing: {
        destination: Destination.DESTINATION_ZENDESK,
        credentialRef: 'HANDOFF_SECRET_ZENDESK',
        version: 2,
      },
    });
    // applying the same route again (a routing file at every start) is not a new version
    await h.handoff.setRouting({
      routing: route(tenantId, 'webchat', Destination.DESTINATION_ZENDESK, {
        account: 'acme',
        email: 'a@b.c',
        credentialRef: 'HANDOFF_SECRET_ZENDESK',
      }),
    });
    expect(await h.handoff.getRouting({ tenantId, channel: 'webchat' })).toMatchObject({
      routing: { version: 2 },
    });
    const dump = JSON.stringify((await h.sql.query('SELECT * FROM handoff_routes')).rows);
    expect(dump).toContain('HANDOFF_SECRET_ZENDESK');
    for (const value of Object.values(SECRETS)) expect(dump).not.toContain(value);
  });

  test('TestHandoff creates a marked test ticket, or reports the exact configuration error', async () => {
    const tenantId = uniqueName('brand');
    await routeAll(h, f, tenantId);
    const ok = await h.handoff.testHandoff({ tenantId, channel: 'webchat' });
    expect(ok).toMatchObject({ ok: true, destination: Destination.DESTINATION_ZENDESK, error: '' });
    const zt = f.zendesk.tickets.find((t) => String(t.id) === ok.ticketRef)!;
    expect(zt.subject).toContain('[TEST]');
    expect(zt.tags).toContain('boomerang-test');
    await h.handoff.setRouting({
      routing: route(tenantId, 'email', Destination.DESTINATION_GORGIAS, {
        baseUrl: f.gorgias.url,
        email: 'agent@example.com',
        credentialRef: 'HANDOFF_SECRET_WRONG',
      }),
    });
    const bad = await h.handoff.testHandoff({ tenantId, channel: 'email' });
    expect(bad).toMatchObject({ ok: false, destination: Destination.DESTINATION_GORGIAS, ticketRef: '' });
    expect(bad.error).toMatch(/Gorgias rejected the credentials \(HTTP 401/);
    await h.handoff.setRouting({
      routing: route(tenantId, 'sms', Destination.DESTINATION_FRESHDESK, {
        baseUrl: f.freshdesk.url,
        credentialRef: 'HANDOFF_SECRET_NOT_THERE',
      }),
    });
    expect((await h.handoff.testHandoff({ tenantId, channel: 'sms' })).error).toContain(
      'HANDOFF_SECRET_NOT_THERE is not set',
    );
    expect((await h.handoff.testHandoff({ tenantId, channel: 'naver' })).error).toContain('not configured');
  });
});
