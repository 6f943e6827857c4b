import type { Button, OrderCard, ReplyPart } from '@boomerang/proto/boomerang/events/v1/channel';

export type Lang = 'ko' | 'pl' | 'en';

const LABELS = {
  order: { ko: '주문', pl: 'Zamówienie', en: 'Order' },
  eligible: { ko: '반품 가능', pl: 'można zwrócić', en: 'can be returned' },
  notEligible: { ko: '반품 불가', pl: 'nie można zwrócić', en: 'cannot be returned' },
  sources: { ko: '출처', pl: 'Źródła', en: 'Sources' },
  replyWith: {
    ko: '다음 중 하나로 답장해 주세요:',
    pl: 'Odpowiedz, wybierając jedną z opcji:',
    en: 'Reply with one of:',
  },
  ticket: { ko: '문의 번호', pl: 'Numer zgłoszenia', en: 'Ticket' },
  open: { ko: '열기', pl: 'Otwórz', en: 'Open' },
  subject: { ko: '문의하신 내용에 대한 답변', pl: 'Odpowiedź na Twoją wiadomość', en: 'Re: your message' },
  quantity: { ko: '수량', pl: 'szt.', en: 'qty' },
} as const;

export type LabelKey = keyof typeof LABELS;

export function lang(language: string): Lang {
  const l = language.slice(0, 2).toLowerCase();
  return l === 'ko' || l === 'pl' ? l : 'en';
}

/** A handoff notice with its ticket reference, unless the text already shows it. */
export function handoffText(value: { text: string; ticketRef: string }, language: string): string {
  const ref =
    value.ticketRef && !value.text.includes(value.ticketRef)
      ? ` (${label('ticket', language)}: ${value.ticketRef})`
      : '';
  return `${value.text}${ref}`.trim();
}

export function label(key: LabelKey, language: string): string {
  return LABELS[key][lang(language)];
}

/** Cuts to `max` characters (code points, so Hangul counts as one), ending with "…". */
export function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

export function charCount(text: string): number {
  return [...text].length;
}

export function cardTitle(card: OrderCard, language: string): string {
  return card.title || `${label('order', language)} ${card.orderName || card.orderId}`.trim();
}

/** One line per item: "Kurtka ×1 — można zwrócić (do 12.05)". */
export function cardLines(card: OrderCard, language: string): string[] {
  return card.lines.map((l) => {
    const status = l.eligible ? label('eligible', language) : label('notEligible', language);
    const qty = l.quantity > 1 ? ` ×${l.quantity}` : '';
    return `${l.title}${qty} — ${status}${l.note ? ` (${l.note})` : ''}`;
  });
}

export function isLink(b: Button): boolean {
  return /^https?:\/\//i.test(b.url);
}

export function buttonLabel(b: Button, language: string): string {
  return b.label || label('open', language);
}

/** Plain-text rendering shared by SMS and the text part of email. */
export function plainBlocks(parts: ReplyPart[], language: string): { text: string; hasLink: boolean }[] {
  const blocks: { text: string; hasLink: boolean }[] = [];
  for (const p of parts) {
    const part = p.part;
    if (!part) continue;
    switch (part.$case) {
      case 'text':
        if (part.value.trim()) blocks.push({ text: part.value.trim(), hasLink: false });
        break;
      case 'orderCard': {
        const c = part.value;
        const lines = [cardTitle(c, language), ...cardLines(c, language).map((l) => `- ${l}`)];
        blocks.push({ text: lines.join('\n'), hasLink: false });
        for (const b of c.buttons) {
          if (isLink(b)) blocks.push({ text: `${buttonLabel(b, language)}: ${b.url}`, hasLink: true });
        }
        const choices = c.buttons.filter((b) => !isLink(b));
        if (choices.length)
          blocks.push({
            text: [label('replyWith', language), ...choices.map((b, i) => `${i + 1}. ${b.label}`)].join('\n'),
            hasLink: false,
          });
        break;
      }
      case 'linkButton':
        blocks.push({ text: `${buttonLabel(part.value, language)}: ${part.value.url}`, hasLink: true });
        break;
      case 'quickReplies':
        if (part.value.options.length) {
          blocks.push({
            text: [
              label('replyWith', language),
              ...part.value.options.map((b, i) => `${i + 1}. ${b.label}`),
            ].join('\n'),
            hasLink: false,
          });
        }
        break;
      case 'handoffNotice': {
        blocks.push({ text: handoffText(part.value, language), hasLink: false });
        break;
      }
      case 'citations':
        if (part.value.items.length) {
          const items = part.value.items.map(
            (c) => `- ${c.title}${c.section ? ` — ${c.section}` : ''}${c.url ? ` ${c.url}` : ''}`,
          );
          blocks.push({
            text: [`${label('sources', language)}:`, ...items].join('\n'),
            hasLink: part.value.items.some((c) => !!c.url),
          });
        }
        break;
    }
  }
  return blocks;
}
