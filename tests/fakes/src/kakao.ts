// Kakao i Open Builder fake: builds skill requests exactly as Open Builder POSTs them, and receives
// AI-chatbot callbacks (`userRequest.callbackUrl`: valid for 1 minute, usable once).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { createFakeApp, type FakeServer, listen } from './http';

export interface KakaoSkillInput {
  botId: string;
  botName?: string;
  /** botUserKey (per bot, ≤70 chars). */
  userKey: string;
  utterance: string;
  callbackUrl?: string;
  blockId?: string;
  clientExtra?: Record<string, unknown>;
}

/** The SkillPayload body Open Builder sends to a skill server. */
export function kakaoSkillRequest(input: KakaoSkillInput): Record<string, unknown> {
  const block = { id: input.blockId ?? randomBytes(12).toString('hex'), name: '폴백 블록' };
  return {
    intent: { id: block.id, name: block.name },
    userRequest: {
      timezone: 'Asia/Seoul',
      params: { ignoreMe: 'true', surface: 'Kakaotalk.plusfriend' },
      block,
      utterance: input.utterance,
      lang: 'ko',
      user: {
        id: input.userKey,
        type: 'botUserKey',
        properties: {
          botUserKey: input.userKey,
          plusfriendUserKey: `pf_${input.userKey.slice(0, 12)}`,
          isFriend: true,
        },
      },
      ...(input.callbackUrl ? { callbackUrl: input.callbackUrl } : {}),
    },
    bot: { id: input.botId, name: input.botName ?? '반품 도우미' },
    action: {
      id: randomBytes(12).toString('hex'),
      name: 'skill',
      params: {},
      detailParams: {},
      clientExtra: input.clientExtra ?? {},
    },
    contexts: [],
  };
}

/** Headers Open Builder sends with a skill request (X-Request-Id). */
export function kakaoSkillHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', 'x-request-id': randomUUID() };
}

export interface KakaoCallback {
  id: string;
  body: Record<string, any>;
  at: number;
}

export type KakaoFake = FakeServer & {
  /** A fresh one-time callback URL (what Open Builder puts in userRequest.callbackUrl). */
  newCallbackUrl(): string;
  callbacks: KakaoCallback[];
};

const TTL_MS = 60_000;

/** Validates a SkillResponse (version 2.0, 1..3 outputs, documented limits). */
export function skillResponseProblem(body: Record<string, any>): string | undefined {
  if (body?.version !== '2.0') return 'version must be "2.0"';
  if (body.useCallback) return undefined;
  const outputs = body.template?.outputs;
  if (!Array.isArray(outputs) || outputs.length < 1 || outputs.length > 3)
    return 'template.outputs must hold 1 to 3 components';
  for (const o of outputs) {
    if (o.simpleText) {
      if (
        typeof o.simpleText.text !== 'string' ||
        o.simpleText.text.length === 0 ||
        o.simpleText.text.length > 1000
      )
        return 'simpleText.text 1..1000';
    } else if (o.textCard) {
      const c = o.textCard;
      if (c.title && String(c.title).length > 50) return 'textCard.title ≤50';
      if (c.description && String(c.description).length > 400) return 'textCard.description ≤400';
      if (!c.title && !c.description) return 'textCard needs a title or description';
      const buttons = c.buttons ?? [];
      if (buttons.length > 3) return 'at most 3 buttons';
      for (const b of buttons) {
        if (!b.label || String(b.label).length > 14) return `button label ≤14 chars: ${b.label}`;
        if (b.action === 'webLink' && !/^https?:\/\//.test(String(b.webLinkUrl ?? '')))
          return 'webLink needs webLinkUrl';
        if (b.action === 'message' && !b.messageText) return 'message button needs messageText';
      }
    } else return `unsupported output ${Object.keys(o).join(',')}`;
  }
  for (const q of body.template.quickReplies ?? []) {
    if (!q.label || String(q.label).length > 14) return 'quickReply label ≤14';
  }
  if ((body.template.quickReplies ?? []).length > 10) return 'at most 10 quickReplies';
  return undefined;
}

export async function startFake(options: { port?: number; fixtures?: unknown } = {}): Promise<KakaoFake> {
  const built = createFakeApp();
  const callbacks: KakaoCallback[] = [];
  const issued = new Map<string, { expires: number; used: boolean }>();
  built.app.post('/v1/callback/:id', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const slot = issued.get(id);
    const now = Date.now();
    const reply = (status: 'SUCCESS' | 'FAIL' | 'ERROR', message: string) =>
      res.json({ taskId: id, status, message, timestamp: now });
    if (!slot || slot.expires < now) return reply('FAIL', 'callback url expired or unknown');
    if (slot.used) return reply('FAIL', 'callback url already used');
    const body = (req.body ?? {}) as Record<string, any>;
    const problem = skillResponseProblem(body);
    if (problem) return reply('ERROR', problem);
    slot.used = true;
    callbacks.push({ id, body, at: now });
    reply('SUCCESS', 'OK');
  });
  const server = await listen(built, options.port ?? 0);
  return Object.assign(server, {
    callbacks,
    newCallbackUrl() {
      const id = randomBytes(10).toString('hex');
      issued.set(id, { expires: Date.now() + TTL_MS, used: false });
      return `${server.url}/v1/callback/${id}`;
    },
  });
}
