// Naver TalkTalk chatbot API fake: the send API (`POST /chatbot/v1/event`, raw token in
// Authorization; errors are HTTP 200 with success:false) and builders for webhook events.
import type { Request, Response } from 'express';
import { createFakeApp, type FakeServer, listen } from './http';

/** A `send` event as Naver posts it to the chatbot webhook. */
export function naverSendEvent(input: {
  user: string;
  text: string;
  code?: string;
}): Record<string, unknown> {
  return {
    event: 'send',
    user: input.user,
    textContent: { text: input.text, ...(input.code ? { code: input.code } : {}), inputType: 'typing' },
    options: { mobile: true },
  };
}

export function naverOpenEvent(input: {
  user: string;
  inflow?: 'button' | 'list' | 'none';
}): Record<string, unknown> {
  return {
    event: 'open',
    user: input.user,
    options: { inflow: input.inflow ?? 'none', referer: '', friend: false, under14: false, under19: false },
  };
}

export function naverLeaveEvent(input: { user: string }): Record<string, unknown> {
  return { event: 'leave', user: input.user, options: {} };
}

export interface NaverSent {
  user: string;
  body: Record<string, any>;
}

export interface NaverFixtures {
  /** Authorization tokens accepted by the send API (issued in Partner Center). */
  tokens?: string[];
}

export type NaverFake = FakeServer & { sent: NaverSent[] };

/** Validates a send body against the documented limits; returns the problem or undefined. */
export function naverSendProblem(b: Record<string, any>): string | undefined {
  if (b.event !== 'send') return 'event must be send';
  if (!b.user) return 'user is required';
  if (b.textContent) {
    const t = b.textContent.text;
    return typeof t === 'string' && t.length > 0 && t.length <= 10_000
      ? undefined
      : 'textContent.text 1..10000';
  }
  if (b.imageContent) return b.imageContent.imageUrl ? undefined : 'imageContent.imageUrl required';
  const list = b.compositeContent?.compositeList;
  if (!Array.isArray(list) || list.length < 1 || list.length > 10)
    return 'compositeContent.compositeList 1..10';
  for (const c of list) {
    if (!c.title && !c.description && !c.elementList)
      return 'composite needs title, description or elementList';
    if (c.title && String(c.title).length > 200) return 'title ≤200';
    if (c.description && String(c.description).length > 1000) return 'description ≤1000';
    const buttons = c.buttonList ?? [];
    if (buttons.length > 10) return 'buttonList ≤10';
    for (const btn of buttons) {
      const title = btn.data?.title;
      if (!title || String(title).length > 18) return `button title ≤18: ${title}`;
      if (btn.type === 'LINK' && (!btn.data.url || !btn.data.mobileUrl))
        return 'LINK needs url and mobileUrl';
      if (!['TEXT', 'LINK', 'OPTION', 'PAY'].includes(btn.type)) return `button type ${btn.type}`;
    }
  }
  return undefined;
}

export async function startFake(
  options: { port?: number; fixtures?: NaverFixtures } = {},
): Promise<NaverFake> {
  const tokens = new Set(options.fixtures?.tokens ?? ['demo-naver-authorization']);
  const built = createFakeApp();
  const sent: NaverSent[] = [];
  built.app.post('/chatbot/v1/event', (req: Request, res: Response) => {
    res.type('application/json;charset=UTF-8');
    if (!tokens.has(String(req.headers.authorization ?? ''))) {
      return res
        .status(200)
        .send(JSON.stringify({ success: false, resultCode: '01', resultMessage: 'authorization failed' }));
    }
    const body = req.body as Record<string, any>;
    if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) {
      return res
        .status(200)
        .send(JSON.stringify({ success: false, resultCode: '02', resultMessage: 'json parse error' }));
    }
    const problem = naverSendProblem(body);
    if (problem)
      return res
        .status(200)
        .send(JSON.stringify({ success: false, resultCode: '02', resultMessage: problem }));
    sent.push({ user: body.user, body });
    res.status(200).send(JSON.stringify({ success: true, resultCode: '00' }));
  });
  const server = await listen(built, options.port ?? 0);
  return Object.assign(server, { sent });
}
