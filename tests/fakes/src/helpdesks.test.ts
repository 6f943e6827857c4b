// The helpdesk fakes record messages added to existing tickets the vendors' documented ways:
// Zendesk comments through a ticket update, Gorgias ticket messages, Freshdesk notes.
import { FRESHDESK_DEFAULTS, type FreshdeskFake, startFake as startFreshdesk } from './freshdesk';
import { GORGIAS_DEFAULTS, type GorgiasFake, startFake as startGorgias } from './gorgias';
import {
  startFake as startZendesk,
  ZENDESK_API_USER_ID,
  ZENDESK_DEFAULTS,
  type ZendeskFake,
} from './zendesk';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

async function call(base: string, auth: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: vendor JSON read field by field in the assertions
  return { status: res.status, body: (await res.json()) as any };
}

describe('Zendesk: comments are added by updating the ticket', () => {
  let z: ZendeskFake;
  const auth = basic(`${ZENDESK_DEFAULTS.email}/token`, ZENDESK_DEFAULTS.apiToken);
  beforeAll(async () => {
    z = await startZendesk();
  });
  afterAll(() => z.close());

  test('a requester comment is public, listed after the description; closed tickets refuse updates', async () => {
    const created = await call(z.url, auth, 'POST', '/api/v2/tickets.json', {
      ticket: {
        subject: '지퍼 불량',
        comment: { body: 'transcript', public: false },
        requester: { name: '김민지', email: 'minji.kim@example.kr' },
      },
    });
    const { id, requester_id } = created.body.ticket;
    const put = await call(z.url, auth, 'PUT', `/api/v2/tickets/${id}.json`, {
      ticket: { comment: { body: '주문번호는 #3001입니다.', author_id: requester_id } },
    });
    expect(put.status).toBe(200);
    expect(put.body.audit.events[0]).toMatchObject({
      type: 'Comment',
      author_id: requester_id,
      public: true,
      body: '주문번호는 #3001입니다.',
    });
    const agentNote = await call(z.url, auth, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'checking', public: false } },
    });
    expect(agentNote.body.audit.events[0].author_id).toBe(ZENDESK_API_USER_ID);

    const list = await call(z.url, auth, 'GET', `/api/v2/tickets/${id}/comments.json`);
    expect(list.body.comments.map((c: { body: string; public: boolean }) => [c.body, c.public])).toEqual([
      ['transcript', false],
      ['주문번호는 #3001입니다.', true],
      ['checking', false],
    ]);

    z.tickets.find((t) => t.id === id)!.status = 'closed';
    const refused = await call(z.url, auth, 'PUT', `/api/v2/tickets/${id}.json`, {
      ticket: { comment: { body: 'hello?' } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('RecordInvalid');
    expect((await call(z.url, auth, 'PUT', '/api/v2/tickets/999999.json', { ticket: {} })).status).toBe(404);
  });
});

describe('Gorgias: messages are added to a ticket', () => {
  let g: GorgiasFake;
  const auth = basic(GORGIAS_DEFAULTS.email, GORGIAS_DEFAULTS.apiKey);
  beforeAll(async () => {
    g = await startGorgias();
  });
  afterAll(() => g.close());

  test('a customer message is stored and listed; a message without a body is refused', async () => {
    const created = await call(g.url, auth, 'POST', '/api/tickets', {
      customer: { email: 'zofia.nowak@example.pl' },
      messages: [
        {
          channel: 'api',
          via: 'api',
          from_agent: false,
          sender: { email: 'zofia.nowak@example.pl' },
          body_text: 'a',
        },
      ],
    });
    const id = created.body.id;
    const added = await call(g.url, auth, 'POST', `/api/tickets/${id}/messages`, {
      channel: 'api',
      via: 'api',
      from_agent: false,
      sender: { email: 'zofia.nowak@example.pl' },
      body_text: 'Zamek jest zepsuty.',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ ticket_id: id, from_agent: false, body_text: 'Zamek jest zepsuty.' });
    const list = await call(g.url, auth, 'GET', `/api/tickets/${id}/messages`);
    expect(list.body.data.map((m: { body_text: string }) => m.body_text)).toEqual([
      'a',
      'Zamek jest zepsuty.',
    ]);
    const bad = await call(g.url, auth, 'POST', `/api/tickets/${id}/messages`, {
      channel: 'api',
      via: 'api',
      sender: { email: 'zofia.nowak@example.pl' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('Freshdesk: notes on a ticket', () => {
  let fd: FreshdeskFake;
  const auth = basic(FRESHDESK_DEFAULTS.apiKey, 'X');
  beforeAll(async () => {
    fd = await startFreshdesk();
  });
  afterAll(() => fd.close());

  test('an incoming public note by the requester is listed among the conversations', async () => {
    const created = await call(fd.url, auth, 'POST', '/api/v2/tickets', {
      email: 'sam.taylor@example.com',
      subject: 'Zipper',
      description: '<p>transcript</p>',
    });
    const { id, requester_id } = created.body;
    const note = await call(fd.url, auth, 'POST', `/api/v2/tickets/${id}/notes`, {
      body: '<p>My order is #3001 &amp; the zipper<br>is broken</p>',
      incoming: true,
      private: false,
      user_id: requester_id,
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ incoming: true, private: false, user_id: requester_id, ticket_id: id });
    expect(note.body.body_text).toBe('My order is #3001 & the zipper\nis broken');
    const internal = await call(fd.url, auth, 'POST', `/api/v2/tickets/${id}/notes`, { body: 'agents only' });
    expect(internal.body).toMatchObject({ private: true, incoming: false });
    const list = await call(fd.url, auth, 'GET', `/api/v2/tickets/${id}/conversations`);
    expect(list.body).toHaveLength(2);
    expect((await call(fd.url, auth, 'POST', `/api/v2/tickets/${id}/notes`, {})).status).toBe(400);
  });
});
