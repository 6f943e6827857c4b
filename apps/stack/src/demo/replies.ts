// Reading a reply the way the shopper's app would show it: the vendor-format payload (Twilio message,
// WhatsApp message, SendGrid mail, Kakao SkillResponse, Naver send event) as readable lines.
import { holdingText } from '@boomerang/gateway/dist/domain/holding';
import type { VendorChannel } from './channels';

/** The gateway's "one moment" answers of the synchronous channels (the reply follows later). */
const HOLDING = new Set((['ko', 'pl', 'en'] as const).map((l) => holdingText(l, l)));

// biome-ignore lint/suspicious/noExplicitAny: vendor payloads are read structurally, field by field
type Json = Record<string, any>;

/** An inline Kakao / Naver answer that is only the holding text (or Kakao's useCallback). */
export function isHolding(channel: 'kakao' | 'naver', body: unknown): boolean {
  const b = (body ?? {}) as Json;
  if (channel === 'kakao') {
    if (b.useCallback) return true;
    const outputs = (b.template?.outputs ?? []) as Json[];
    return outputs.length === 1 && HOLDING.has(outputs[0]?.simpleText?.text);
  }
  return HOLDING.has(b.textContent?.text);
}

/** Every string in a payload, in order (what a person reads, plus the URLs). */
export function visibleText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out.join('\n');
}

const indent = (text: string, by = '    ') =>
  String(text)
    .split('\n')
    .map((l) => `${by}${l}`);

/** One received item (an inbox entry, or an inline answer) as lines for the console. */
export function describeReply(channel: VendorChannel, item: Json): string[] {
  switch (channel) {
    case 'sms':
      return [`  SMS from ${item.from} to ${item.to}:`, ...indent(item.body)];
    case 'whatsapp': {
      const p = item.payload ?? item;
      if (p.type === 'text') return ['  WhatsApp text:', ...indent(p.text?.body ?? '')];
      if (p.type === 'template')
        return [`  WhatsApp template ${p.template?.name}:`, ...indent(visibleText(p.template?.components))];
      const i = p.interactive ?? {};
      const lines = [`  WhatsApp interactive (${i.type}):`, ...indent(i.body?.text ?? '')];
      if (i.type === 'cta_url')
        lines.push(`    [${i.action?.parameters?.display_text}] → ${i.action?.parameters?.url}`);
      for (const b of i.action?.buttons ?? [])
        lines.push(`    [${b.reply?.title}] (reply id ${b.reply?.id})`);
      return lines;
    }
    case 'email':
      return [
        `  e-mail from ${item.from} to ${item.to}`,
        `  Subject: ${item.subject}`,
        ...(item.headers?.['In-Reply-To'] ? [`  In-Reply-To: ${item.headers['In-Reply-To']}`] : []),
        ...indent(item.text ?? ''),
      ];
    case 'kakao': {
      const body = item.body ?? item;
      const lines: string[] = [];
      for (const o of (body.template?.outputs ?? []) as Json[]) {
        if (o.simpleText) lines.push('  simpleText:', ...indent(o.simpleText.text));
        else if (o.textCard) {
          lines.push(`  textCard${o.textCard.title ? `: ${o.textCard.title}` : ''}`);
          if (o.textCard.description) lines.push(...indent(o.textCard.description));
          for (const b of o.textCard.buttons ?? [])
            lines.push(
              `    [${b.label}] ${b.webLinkUrl ? `→ ${b.webLinkUrl}` : `says "${b.messageText ?? ''}"`}`,
            );
        } else lines.push(`  ${JSON.stringify(o)}`);
      }
      const quick = (body.template?.quickReplies ?? []) as Json[];
      if (quick.length) lines.push(`  quick replies: ${quick.map((q) => `[${q.label}]`).join(' ')}`);
      return lines;
    }
    case 'naver': {
      const body = item.body ?? item;
      if (body.textContent) return ['  textContent:', ...indent(body.textContent.text)];
      const lines: string[] = [];
      for (const c of (body.compositeContent?.compositeList ?? []) as Json[]) {
        lines.push(`  composite${c.title ? `: ${c.title}` : ''}`);
        if (c.description) lines.push(...indent(c.description));
        for (const b of c.buttonList ?? [])
          lines.push(
            `    [${b.data?.title}] ${b.type === 'LINK' ? `→ ${b.data?.url}` : `(code ${b.data?.code ?? ''})`}`,
          );
      }
      return lines.length ? lines : [`  ${JSON.stringify(body)}`];
    }
  }
}
