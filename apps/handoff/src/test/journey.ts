// The seed-003 journey (Korean helpdesk workflow) over gRPC: a defective-item consultation arrives
// on Naver TalkTalk → the agent hands off to the desk → the counsellor assigns an inspector with a
// priority and a memo → the inspector records receipt and findings and reassigns back → the
// customer gets progress notices in Korean on their channel → resolved → the agent gets the
// conversation back (TicketEvent RESOLVED).

import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { Destination, Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { TicketStatus } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import { type Harness, ko, transcript } from './harness';

const text = (m: { parts: { part?: { $case: string; value: unknown } }[] }) =>
  m.parts.map((p) => (p.part?.$case === 'text' ? String(p.part.value) : '')).join(' ');

export async function runSeed003Journey(h: Harness): Promise<void> {
  const tenantId = uniqueName('brand-kr');
  const conversationId = uniqueName('naver-conv');
  await h.handoff.setRouting({
    routing: {
      tenantId,
      channel: 'naver',
      destination: Destination.DESTINATION_DESK,
      account: '',
      baseUrl: '',
      email: '',
      credentialRef: '',
      webhookSecretRef: '',
      messages: {},
      notices: [],
      version: 0,
    },
  });

  // 상담 인입 → 티켓 (the agent hands off; the shopper is told in Korean).
  const handed = await h.handoff.handoff({
    tenantId,
    conversationId,
    attempt: 1,
    reason: 'defect dispute after return window',
    transcript: transcript('ko'),
    customer: ko,
    channel: 'naver',
    language: 'ko',
    priority: Priority.PRIORITY_NORMAL,
    subject: '재킷 지퍼 불량 반품 문의',
    recipient: 'naver-user-al-2eGuGr5WQOnco1',
  });
  expect(handed.destination).toBe(Destination.DESTINATION_DESK);
  expect(handed.message).toContain('고객지원팀');
  let t = (await h.tickets.get({ tenantId, id: handed.ticketRef })).ticket!;
  expect(t.status).toBe(TicketStatus.TICKET_STATUS_OPEN);
  expect(t.transcript.map((x) => x.text)).toEqual(transcript('ko').map((x) => x.text));
  expect(t.conversationId).toBe(conversationId);

  // 상담 접수: the counsellor assigns the inspector, sets priority HIGH, leaves an internal memo.
  t = (
    await h.tickets.assign({
      tenantId,
      id: t.id,
      assignee: { id: 'inspector-park', role: 'inspector' },
      expectedVersion: t.version,
      actor: 'counsellor-lee',
    })
  ).ticket!;
  t = (
    await h.tickets.setPriority({
      tenantId,
      id: t.id,
      priority: Priority.PRIORITY_HIGH,
      expectedVersion: t.version,
      actor: 'counsellor-lee',
    })
  ).ticket!;
  t = (
    await h.tickets.addMemo({
      tenantId,
      id: t.id,
      expectedVersion: t.version,
      memo: {
        id: '',
        author: 'counsellor-lee',
        text: '고객이 지퍼 불량 주장. 상품 도착 시 결함 여부 확인 부탁드립니다.',
        at: undefined,
        internal: true,
        kind: '',
      },
    })
  ).ticket!;

  // The inspector sees it in their queue.
  const queue = await h.tickets.list({
    tenantId,
    assigneeId: 'inspector-park',
    statuses: [TicketStatus.TICKET_STATUS_OPEN],
    priority: Priority.PRIORITY_HIGH,
    pageSize: 10,
    pageToken: '',
    conversationId: '',
  });
  expect(queue.tickets.map((x) => x.id)).toEqual([t.id]);

  // 검수 담당자 상품 확인: receipt and findings as memos, then reassigns back to the counsellor.
  t = (
    await h.tickets.addMemo({
      tenantId,
      id: t.id,
      expectedVersion: t.version,
      memo: {
        id: '',
        author: 'inspector-park',
        text: '3/5 상품 수령. 박스 상태 양호.',
        at: undefined,
        internal: true,
        kind: 'item_received',
      },
    })
  ).ticket!;
  t = (
    await h.tickets.addMemo({
      tenantId,
      id: t.id,
      expectedVersion: t.version,
      memo: {
        id: '',
        author: 'inspector-park',
        text: '검수 완료: 지퍼 제조 결함 확인. 환불 대상.',
        at: undefined,
        internal: true,
        kind: 'inspection_done',
      },
    })
  ).ticket!;
  t = (
    await h.tickets.assign({
      tenantId,
      id: t.id,
      assignee: { id: 'counsellor-lee', role: 'counsellor' },
      expectedVersion: t.version,
      actor: 'inspector-park',
    })
  ).ticket!;

  // The customer was notified in Korean, on Naver, for their conversation — not with the internal text.
  const notices = await waitFor(() => {
    const mine = h.outbound.filter((m) => m.conversationId === conversationId);
    return mine.length >= 2 ? mine : undefined;
  });
  expect(
    notices.every(
      (m) =>
        m.channel === Channel.CHANNEL_NAVER &&
        m.language === 'ko' &&
        m.recipient === 'naver-user-al-2eGuGr5WQOnco1',
    ),
  ).toBe(true);
  expect(text(notices[0]!)).toContain('도착');
  expect(text(notices[1]!)).toContain('검수가 완료');
  expect(notices.map(text).join(' ')).not.toContain('박스 상태');

  // 고객 회신: the counsellor tells the customer (customer-visible memo) and resolves.
  t = (
    await h.tickets.addMemo({
      tenantId,
      id: t.id,
      expectedVersion: t.version,
      memo: {
        id: '',
        author: 'counsellor-lee',
        text: '검수 결과 제품 결함이 확인되어 전액 환불해 드리겠습니다.',
        at: undefined,
        internal: false,
        kind: '',
      },
    })
  ).ticket!;
  t = (
    await h.tickets.setStatus({
      tenantId,
      id: t.id,
      status: TicketStatus.TICKET_STATUS_RESOLVED,
      expectedVersion: t.version,
      actor: 'counsellor-lee',
    })
  ).ticket!;
  expect(t.status).toBe(TicketStatus.TICKET_STATUS_RESOLVED);

  // Hand-back: the agent's signal.
  const back = await waitFor(() =>
    h.ticketEvents.find((e) => e.tenantId === tenantId && e.ticketId === t.id && e.status === 'RESOLVED'),
  );
  expect(back).toMatchObject({
    conversationId,
    change: 'status',
    destination: 'desk',
    channel: 'naver',
    version: t.version,
  });
  const all = await waitFor(() => {
    const mine = h.outbound.filter((m) => m.conversationId === conversationId);
    return mine.length >= 4 ? mine : undefined;
  });
  expect(text(all[2]!)).toBe('검수 결과 제품 결함이 확인되어 전액 환불해 드리겠습니다.');
  expect(text(all[3]!)).toContain('처리 완료');

  // Anyone opening the ticket when the customer writes again sees the whole story, in order.
  const full = (await h.tickets.get({ tenantId, id: t.id })).ticket!;
  expect(full.history.map((x) => `${x.change}:${x.actor}`)).toEqual([
    'created:agent',
    'assigned:counsellor-lee',
    'priority:counsellor-lee',
    'memo:counsellor-lee',
    'memo:inspector-park',
    'memo:inspector-park',
    'assigned:inspector-park',
    'memo:counsellor-lee',
    'status:counsellor-lee',
  ]);
  expect(full.memos.map((m) => [m.author, m.kind, m.internal])).toEqual([
    ['counsellor-lee', '', true],
    ['inspector-park', 'item_received', true],
    ['inspector-park', 'inspection_done', true],
    ['counsellor-lee', '', false],
  ]);
  expect(full.assignee).toEqual({ id: 'counsellor-lee', role: 'counsellor' });
  expect(full.priority).toBe(Priority.PRIORITY_HIGH);
  const events = h.ticketEvents.filter((e) => e.ticketId === t.id).map((e) => e.change);
  expect(events).toEqual([
    'created',
    'assigned',
    'priority',
    'memo',
    'memo',
    'memo',
    'assigned',
    'memo',
    'status',
  ]);
}
