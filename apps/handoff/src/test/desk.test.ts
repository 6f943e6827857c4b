import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { TicketStatus } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import * as grpc from '@grpc/grpc-js';
import { en, type Harness, pl, startHarness } from './harness';
import { runSeed003Journey } from './journey';

describe('ticket desk over gRPC', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const create = (tenantId: string, extra: Partial<Parameters<Harness['tickets']['create']>[0]> = {}) =>
    h.tickets.create({
      tenantId,
      conversationId: uniqueName('conv'),
      customer: pl,
      subject: 'Zwrot kurtki — wadliwy zamek',
      priority: Priority.PRIORITY_NORMAL,
      tags: ['zwrot'],
      transcript: [],
      channel: 'whatsapp',
      language: 'pl',
      idempotencyKey: '',
      recipient: '+48601234567',
      actor: 'konsultant-anna',
      ...extra,
    });

  test('the seed-003 journey: create → inspector → memos → reassigned → customer notified → resolved → hand-back', async () => {
    await runSeed003Journey(h);
  });

  test('invalid transitions are refused with the allowed set, and nothing changes', async () => {
    const tenantId = uniqueName('t');
    let t = (await create(tenantId)).ticket!;
    t = (
      await h.tickets.setStatus({
        tenantId,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_CLOSED,
        expectedVersion: t.version,
        actor: 'anna',
      })
    ).ticket!;
    await expect(
      h.tickets.setStatus({
        tenantId,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_OPEN,
        expectedVersion: t.version,
        actor: 'anna',
      }),
    ).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('cannot change ticket status from CLOSED to OPEN'),
    });
    await expect(
      h.tickets.setStatus({
        tenantId,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_CLOSED,
        expectedVersion: t.version,
        actor: 'anna',
      }),
    ).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('already CLOSED'),
    });
    await expect(
      h.tickets.setStatus({
        tenantId,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_UNSPECIFIED,
        expectedVersion: t.version,
        actor: 'anna',
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    const after = (await h.tickets.get({ tenantId, id: t.id })).ticket!;
    expect(after.version).toBe(t.version);
    expect(after.status).toBe(TicketStatus.TICKET_STATUS_CLOSED);
    // RESOLVED can be reopened when the customer writes again.
    let r = (await create(tenantId)).ticket!;
    r = (
      await h.tickets.setStatus({
        tenantId,
        id: r.id,
        status: TicketStatus.TICKET_STATUS_RESOLVED,
        expectedVersion: r.version,
        actor: 'anna',
      })
    ).ticket!;
    r = (
      await h.tickets.setStatus({
        tenantId,
        id: r.id,
        status: TicketStatus.TICKET_STATUS_OPEN,
        expectedVersion: r.version,
        actor: 'anna',
      })
    ).ticket!;
    expect(r.history.map((x) => x.detail)).toEqual([
      'created with priority NORMAL',
      'OPEN -> RESOLVED',
      'RESOLVED -> OPEN',
    ]);
  });

  test('a stale expected_version is ABORTED and the other writer wins; a missing one is INVALID_ARGUMENT', async () => {
    const tenantId = uniqueName('t');
    const t = (await create(tenantId)).ticket!;
    // Two people opened version 1; the counsellor saves first.
    await h.tickets.assign({
      tenantId,
      id: t.id,
      assignee: { id: 'kim', role: 'inspector' },
      expectedVersion: 1,
      actor: 'lee',
    });
    const stale = h.tickets.addMemo({
      tenantId,
      id: t.id,
      expectedVersion: 1,
      memo: { id: '', author: 'park', text: 'Paczka dotarła', at: undefined, internal: true, kind: '' },
    });
    await expect(stale).rejects.toMatchObject({
      code: 'ABORTED',
      message: expect.stringContaining('now at version 2'),
    });
    await expect(
      h.tickets.setPriority({
        tenantId,
        id: t.id,
        priority: Priority.PRIORITY_URGENT,
        expectedVersion: 0,
        actor: 'lee',
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('expected_version'),
    });
    const now = (await h.tickets.get({ tenantId, id: t.id })).ticket!;
    expect(now.memos).toHaveLength(0);
    expect(now.assignee).toEqual({ id: 'kim', role: 'inspector' });
  });

  test('tenants are isolated: no reads, writes, lists or streams across tenants', async () => {
    const a = uniqueName('brand-a');
    const b = uniqueName('brand-b');
    const t = (await create(a, { customer: en, subject: 'Return my sneakers', language: 'en' })).ticket!;
    await expect(h.tickets.get({ tenantId: b, id: t.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      h.tickets.setStatus({
        tenantId: b,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_RESOLVED,
        expectedVersion: 1,
        actor: 'x',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (
        await h.tickets.list({
          tenantId: b,
          assigneeId: '',
          statuses: [],
          priority: 0,
          pageSize: 50,
          pageToken: '',
          conversationId: '',
        })
      ).tickets,
    ).toEqual([]);
    expect(
      (
        await h.tickets.list({
          tenantId: a,
          assigneeId: '',
          statuses: [],
          priority: 0,
          pageSize: 50,
          pageToken: '',
          conversationId: '',
        })
      ).tickets.map((x) => x.id),
    ).toEqual([t.id]);
    // Same idempotency key in two tenants: two tickets.
    const ka = (await create(a, { idempotencyKey: 'same-key' })).ticket!;
    const kb = (await create(b, { idempotencyKey: 'same-key' })).ticket!;
    expect(ka.id).not.toBe(kb.id);
    expect((await create(a, { idempotencyKey: 'same-key' })).ticket!.id).toBe(ka.id);
  });

  test('List filters by assignee, status and priority and pages with a cursor', async () => {
    const tenantId = uniqueName('t');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const t = (
        await create(tenantId, {
          subject: `Zgłoszenie ${i}`,
          priority: i % 2 ? Priority.PRIORITY_HIGH : Priority.PRIORITY_LOW,
        })
      ).ticket!;
      ids.push(t.id);
      if (i < 3)
        await h.tickets.assign({
          tenantId,
          id: t.id,
          assignee: { id: 'inspektor-jan', role: 'inspector' },
          expectedVersion: 1,
          actor: 'anna',
        });
    }
    const pages: string[][] = [];
    let token = '';
    do {
      const page = await h.tickets.list({
        tenantId,
        assigneeId: '',
        statuses: [TicketStatus.TICKET_STATUS_OPEN],
        priority: 0,
        pageSize: 3,
        pageToken: token,
        conversationId: '',
      });
      pages.push(page.tickets.map((x) => x.id));
      token = page.nextPageToken;
    } while (token);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual([...ids].reverse());
    const mine = await h.tickets.list({
      tenantId,
      assigneeId: 'inspektor-jan',
      statuses: [],
      priority: Priority.PRIORITY_HIGH,
      pageSize: 10,
      pageToken: '',
      conversationId: '',
    });
    expect(mine.tickets.map((x) => x.subject)).toEqual(['Zgłoszenie 1']);
    await expect(
      h.tickets.list({
        tenantId,
        assigneeId: 'someone-else',
        statuses: [],
        priority: 0,
        pageSize: 3,
        pageToken: pages[0]!.length ? 'garbage!' : '',
        conversationId: '',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  test('Watch streams changes of the tenant as they happen, and ends when the client cancels', async () => {
    const tenantId = uniqueName('t');
    const other = uniqueName('other');
    const seen: { subject: string; change: string; version: number }[] = [];
    const call = h.tickets.raw.watch({ tenantId, assigneeId: '' });
    call.on('data', (r: { ticket?: { subject: string; version: number }; change: string }) =>
      seen.push({ subject: r.ticket!.subject, change: r.change, version: r.ticket!.version }),
    );
    const ended = new Promise<void>((resolve) => {
      call.on('error', (e: grpc.ServiceError) => {
        if (e.code === grpc.status.CANCELLED) resolve();
      });
      call.on('end', () => resolve());
    });
    // Give the stream a moment to be established by waiting for a change we make until it is seen.
    const t = (await create(tenantId, { subject: '반품 문의 — 운동화' })).ticket!;
    await create(other, { subject: 'not mine' });
    await h.tickets
      .setStatus({
        tenantId,
        id: t.id,
        status: TicketStatus.TICKET_STATUS_PENDING,
        expectedVersion: 1,
        actor: 'lee',
      })
      .catch(() => undefined);
    await waitFor(() => seen.some((s) => s.change === 'status'));
    expect(seen.every((s) => s.subject !== 'not mine')).toBe(true);
    expect(seen.find((s) => s.change === 'status')).toMatchObject({
      subject: '반품 문의 — 운동화',
      version: 2,
    });
    call.cancel();
    await ended;
  });
});
