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

/**
 * Shorter renderings of well-known long labels (the agent's own buttons), most explicit first: a cut
 * "Porozmawiaj z konsu…" says nothing, "Konsultant" does. Keys are lower case.
 */
const SHORT_FORMS: Record<string, string[]> = {
  'porozmawiaj z konsultantem': ['Rozmowa z konsultantem', 'Czat z konsultantem', 'Konsultant'],
  'talk to a person': ['Talk to a human', 'Talk to staff', 'Person'],
  'rozpocznij wymianę': ['Zacznij wymianę', 'Wymień produkt', 'Wymiana'],
  'rozpocznij zwrot': ['Zacznij zwrot', 'Zwrot'],
  'pytanie o zasady': ['Zasady zwrotów', 'Zasady'],
  'ask about the policy': ['Ask about policy', 'Policy question', 'Policy Q&A'],
  'start exchange': ['Exchange'],
  'start return': ['Return'],
  '상담원 연결': ['상담원'],
};

/** A segment that is only a date: 2026-04-02, 02.04.2026, 4/2/26, 2026년 4월 2일, 4월 2일. */
const DATE_SEGMENT =
  /^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|(\d{4}\s*년\s*)?\d{1,2}\s*월\s*\d{1,2}\s*일)$/u;
const SEPARATOR = /\s+[·•|]\s+/u;
/** Words that say nothing at the end of a cut label ("Porozmawiaj z…", "Talk to…"). */
const DANGLING = new Set(
  'a an the to of for and or with in on at by about z ze w we do o od na i oraz lub dla po za'.split(' '),
);

function cutAtWord(text: string, max: number): string {
  const room = max - 1; // the ellipsis
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, room + 1).join('');
  const words = head.slice(0, Math.max(0, head.lastIndexOf(' '))).split(' ');
  // The character after `room` may end a word exactly ("#1005 Kurtka|"): then keep that word too.
  if (chars[room] === ' ') words.splice(0, words.length, ...chars.slice(0, room).join('').split(' '));
  while (
    words.length &&
    (DANGLING.has(words.at(-1)!.toLowerCase()) || /^[·•|,;:\-–—]*$/u.test(words.at(-1)!))
  )
    words.pop();
  const kept = words.join(' ').replace(/[\s,;:·•|–—-]+$/u, '');
  // Nothing sensible at a word boundary (one long word, Hangul without spaces): cut the characters.
  if ([...kept].length < Math.ceil(room / 2)) return fit(text, max);
  return `${kept}…`;
}

/**
 * A button label within a channel's `max` characters that still says what the button does: the
 * whole label when it fits; a known shorter rendering; " · "-separated labels ("#1005 · 2026-04-02 ·
 * Kurtka puchowa +1") lose their middle date segments first; then a cut at a word boundary with "…"
 * (never after a dangling "z"/"to"), characters only when no word boundary is usable.
 */
export function shortLabel(text: string, max: number): string {
  const label = text.trim().replace(/\s+/gu, ' ');
  if (charCount(label) <= max) return label;
  const known = SHORT_FORMS[label.toLowerCase()]?.find((s) => charCount(s) <= max);
  if (known) return known;
  const segments = label.split(SEPARATOR);
  if (segments.length >= 3) {
    const kept = segments.filter((seg, i) => i === 0 || i === segments.length - 1 || !DATE_SEGMENT.test(seg));
    const joined = kept.join(' · ');
    if (charCount(joined) <= max) return joined;
    // Then the "+2 more items" count, then the separators (they cost characters a word could use).
    const last = kept.at(-1)!.replace(/\s\+\d+$/u, '');
    const bare = [...kept.slice(0, -1), last];
    for (const candidate of [bare.join(' · '), bare.join(' ')])
      if (charCount(candidate) <= max) return candidate;
    const spaced = cutAtWord(kept.join(' '), max);
    const dotted = cutAtWord(joined, max);
    const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '').length;
    return letters(spaced) > letters(dotted) ? spaced : dotted;
  }
  return cutAtWord(label, max);
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
