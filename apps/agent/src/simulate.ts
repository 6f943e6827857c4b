/**
 * Simulation harness: scripted conversations with expectations per turn, run against a tenant
 * through Converse (with a fixed as_of, so date decisions reproduce on any day). A simulation is a
 * preview: no sign-in code reaches a shopper, no ticket is created, nothing is sent on a channel and
 * no outcome reaches analytics. After a code sign-in step, a turn saying "{code}" types the code the
 * preview returned instead of sending.
 *
 * File format (JSON):
 * { "asOf": "2025-03-10T12:00:00Z", "conversations": [ { "name": "…", "channel": "webchat",
 *   "identityToken": "…", "turns": [ { "say": "…" | "postback": "order:…",
 *   "expect": { "intent", "state", "language", "textIncludes": [], "textExcludes": [], "link": true,
 *               "citations": true, "handoff": true, "silent": true, "eligible": ["title"], "ineligible": ["title"] } } ] } ] }
 */
import { randomUUID } from 'node:crypto';
import { InvalidArgument } from '@boomerang/kit/errors';
import { Channel, type ReplyPart } from '@boomerang/proto/boomerang/events/v1/channel';
import { z } from 'zod';
import { partsText } from './domain/conversation';

const Expect = z
  .object({
    intent: z.string().optional(),
    state: z.string().optional(),
    language: z.string().optional(),
    textIncludes: z.array(z.string()).optional(),
    textExcludes: z.array(z.string()).optional(),
    link: z.boolean().optional(),
    citations: z.boolean().optional(),
    handoff: z.boolean().optional(),
    silent: z.boolean().optional(),
    eligible: z.array(z.string()).optional(),
    ineligible: z.array(z.string()).optional(),
  })
  .strict();

const Script = z.object({
  asOf: z.string().datetime({ offset: true }),
  conversations: z
    .array(
      z.object({
        name: z.string().min(1),
        channel: z.enum(['webchat', 'sms', 'whatsapp', 'email', 'kakao', 'naver']).default('webchat'),
        identityToken: z.string().default(''),
        turns: z
          .array(
            z.object({
              say: z.string().default(''),
              postback: z.string().default(''),
              expect: Expect.default({}),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type SimulationScript = z.output<typeof Script>;

const CHANNELS: Record<string, Channel> = {
  webchat: Channel.CHANNEL_WEBCHAT,
  sms: Channel.CHANNEL_SMS,
  whatsapp: Channel.CHANNEL_WHATSAPP,
  email: Channel.CHANNEL_EMAIL,
  kakao: Channel.CHANNEL_KAKAO,
  naver: Channel.CHANNEL_NAVER,
};

export function parseScript(json: string): SimulationScript {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new InvalidArgument(`simulation file is not JSON: ${(err as Error).message}`, {
      field: 'script_json',
    });
  }
  const r = Script.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new InvalidArgument(`simulation file: ${i.path.join('.')}: ${i.message}`, {
      field: `script_json.${i.path.join('.')}`,
    });
  }
  return r.data;
}

export type ConverseFn = (turn: {
  conversationId: string;
  channel: Channel;
  text: string;
  postback: string;
  identityToken: string;
  asOf: Date;
  messageId: string;
}) => Promise<{
  parts: ReplyPart[];
  state: string;
  intent: string;
  language: string;
  previewCode?: string;
}>;

export interface SimulationReport {
  passed: number;
  failed: number;
  turns: {
    conversation: string;
    turn: number;
    said: string;
    passed: boolean;
    failures: string[];
    state: string;
    intent: string;
    replyText: string;
  }[];
}

export function checkTurn(
  expect: z.output<typeof Expect>,
  r: { parts: ReplyPart[]; state: string; intent: string; language: string },
): string[] {
  const f: string[] = [];
  const all = partsText(r.parts);
  const has = (c: string) => r.parts.some((p) => p.part?.$case === c);
  if (expect.intent !== undefined && r.intent !== expect.intent)
    f.push(`intent: expected ${expect.intent}, got ${r.intent || '(none)'}`);
  if (expect.state !== undefined && r.state !== expect.state)
    f.push(`state: expected ${expect.state}, got ${r.state}`);
  if (expect.language !== undefined && r.language !== expect.language)
    f.push(`language: expected ${expect.language}, got ${r.language}`);
  for (const s of expect.textIncludes ?? [])
    if (!all.toLowerCase().includes(s.toLowerCase())) f.push(`reply does not mention "${s}"`);
  for (const s of expect.textExcludes ?? [])
    if (all.toLowerCase().includes(s.toLowerCase())) f.push(`reply mentions "${s}"`);
  const links = r.parts.some(
    (p) =>
      (p.part?.$case === 'linkButton' && p.part.value.url) ||
      (p.part?.$case === 'orderCard' && p.part.value.buttons.some((b) => b.url)),
  );
  if (expect.link !== undefined && links !== expect.link)
    f.push(expect.link ? 'no portal link offered' : 'a portal link was offered');
  if (expect.citations !== undefined && has('citations') !== expect.citations)
    f.push(expect.citations ? 'no citation' : 'unexpected citation');
  if (expect.handoff !== undefined && has('handoffNotice') !== expect.handoff)
    f.push(expect.handoff ? 'no handoff' : 'unexpected handoff');
  if (expect.silent !== undefined && (r.parts.length === 0) !== expect.silent)
    f.push(expect.silent ? 'agent replied' : 'agent stayed silent');
  const cardLines = r.parts.flatMap((p) => (p.part?.$case === 'orderCard' ? p.part.value.lines : []));
  const textLines = r.parts.flatMap((p) => (p.part?.$case === 'text' ? p.part.value.split('\n') : []));
  const isEligible = (title: string): boolean | undefined => {
    const line = cardLines.find((l) => l.title.includes(title));
    if (line) return line.eligible;
    const t = textLines.find((l) => l.includes(title));
    return t ? t.startsWith('✓') : undefined;
  };
  for (const t of expect.eligible ?? []) if (isEligible(t) !== true) f.push(`"${t}" not shown as eligible`);
  for (const t of expect.ineligible ?? [])
    if (isEligible(t) !== false) f.push(`"${t}" not shown as ineligible`);
  return f;
}

export async function runSimulation(
  script: SimulationScript,
  tenantId: string,
  converse: ConverseFn,
): Promise<SimulationReport> {
  const report: SimulationReport = { passed: 0, failed: 0, turns: [] };
  const asOf = new Date(script.asOf);
  const run = randomUUID().slice(0, 8);
  for (const [n, conv] of script.conversations.entries()) {
    // Its position keeps every conversation apart (names may repeat or be all non-Latin: "반품", "zwrot").
    const slug = conv.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
    const conversationId = `sim-${run}-${n + 1}-${slug}`;
    let code: string | undefined;
    for (const [i, t] of conv.turns.entries()) {
      let failures: string[];
      let r: Awaited<ReturnType<ConverseFn>> = {
        parts: [] as ReplyPart[],
        state: '',
        intent: '',
        language: '',
      };
      const say = t.say.includes('{code}') && code ? t.say.replaceAll('{code}', code) : t.say;
      try {
        if (say.includes('{code}'))
          throw new Error('"{code}" but no sign-in code was issued before this turn');
        r = await converse({
          conversationId,
          channel: CHANNELS[conv.channel]!,
          text: say,
          postback: t.postback,
          identityToken: conv.identityToken,
          asOf,
          messageId: `${conversationId}:${i}`,
        });
        if (r.previewCode) code = r.previewCode;
        failures = checkTurn(t.expect, r);
      } catch (err) {
        failures = [`error: ${(err as Error).message}`];
      }
      const passed = failures.length === 0;
      if (passed) report.passed++;
      else report.failed++;
      report.turns.push({
        conversation: conv.name,
        turn: i + 1,
        said: t.say || t.postback,
        passed,
        failures,
        state: r.state,
        intent: r.intent,
        replyText: partsText(r.parts),
      });
    }
  }
  void tenantId;
  return report;
}
