// Kakao i Open Builder SkillResponse: simpleText, textCard with webLink buttons (label ≤14),
// quickReplies; at most 3 outputs.
import type { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { buttonLabel, cardLines, cardTitle, fit, isLink, label, plainBlocks, shortLabel } from './common';

export const KAKAO_LABEL_MAX = 14;
const CARD_BUTTONS_MAX = 3;
const QUICK_REPLIES_MAX = 10;

type KakaoButton =
  | { label: string; action: 'webLink'; webLinkUrl: string }
  | { label: string; action: 'message'; messageText: string };
type Output =
  | { simpleText: { text: string } }
  | { textCard: { title?: string; description?: string; buttons: KakaoButton[] } };

export interface SkillResponse {
  version: '2.0';
  template: { outputs: Output[]; quickReplies?: { label: string; action: 'message'; messageText: string }[] };
}

function kakaoButton(b: { label: string; url: string; postback: string }, language: string): KakaoButton {
  return isLink(b)
    ? { label: shortLabel(buttonLabel(b, language), KAKAO_LABEL_MAX), action: 'webLink', webLinkUrl: b.url }
    : { label: shortLabel(b.label, KAKAO_LABEL_MAX), action: 'message', messageText: b.label };
}

export function renderKakao(msg: OutboundMessage): SkillResponse {
  const language = msg.language || 'ko';
  const outputs: Output[] = [];
  let pending: string[] = [];
  const quickReplies: { label: string; action: 'message'; messageText: string }[] = [];
  const quickReply = (text: string) => ({
    label: shortLabel(text, KAKAO_LABEL_MAX),
    action: 'message' as const,
    messageText: text,
  });
  const overflowLinks: { label: string; url: string; postback: string }[] = [];
  /** The card the previous link went into: the next link joins it while it has room. */
  let lastLinkCard: { buttons: KakaoButton[] } | undefined;
  const addLink = (b: { label: string; url: string; postback: string }, context?: string) => {
    const text = pending.join('\n\n').trim();
    if (!text && lastLinkCard && lastLinkCard.buttons.length < CARD_BUTTONS_MAX) {
      // "반품 시작" then "교환 시작": two buttons on one card (a second card had only its label as text).
      lastLinkCard.buttons.push(kakaoButton(b, language));
      return;
    }
    // The preceding text becomes the card's description when it fits.
    if (text && [...text].length <= 400) pending = [];
    else flushText();
    const card = {
      description: text && [...text].length <= 400 ? text : context || buttonLabel(b, language),
      buttons: [kakaoButton(b, language)],
    };
    outputs.push({ textCard: card });
    lastLinkCard = card;
  };
  const flushText = () => {
    const text = pending.join('\n\n').trim();
    pending = [];
    if (!text) return;
    lastLinkCard = undefined;
    for (let i = 0; i < text.length; i += 1000)
      outputs.push({ simpleText: { text: text.slice(i, i + 1000) } });
  };
  for (const p of msg.parts) {
    const part = p.part;
    if (!part) continue;
    switch (part.$case) {
      case 'orderCard': {
        flushText();
        const c = part.value;
        // A textCard holds 3 buttons: further choices become quick replies, further links join
        // the next link card.
        const shown = c.buttons.slice(0, CARD_BUTTONS_MAX);
        for (const b of c.buttons.slice(CARD_BUTTONS_MAX))
          if (isLink(b)) overflowLinks.push(b);
          else quickReplies.push(quickReply(b.label));
        outputs.push({
          textCard: {
            title: fit(cardTitle(c, language), 50),
            description: fit(cardLines(c, language).join('\n'), 400),
            buttons: shown.map((b) => kakaoButton(b, language)),
          },
        });
        lastLinkCard = undefined;
        for (const b of overflowLinks.splice(0)) addLink(b, fit(cardTitle(c, language), 400));
        break;
      }
      case 'linkButton':
        addLink(part.value);
        break;
      case 'quickReplies':
        for (const o of part.value.options.slice(0, 10))
          quickReplies.push({
            label: shortLabel(o.label, KAKAO_LABEL_MAX),
            action: 'message',
            messageText: o.label,
          });
        break;
      case 'citations': {
        const linked = part.value.items.filter((c) => /^https?:\/\//.test(c.url));
        if (linked.length) {
          flushText();
          lastLinkCard = undefined;
          outputs.push({
            textCard: {
              title: label('sources', language),
              description: fit(
                part.value.items.map((c) => `- ${c.title}${c.section ? ` — ${c.section}` : ''}`).join('\n'),
                400,
              ),
              buttons: linked.slice(0, 3).map((c) => ({
                label: shortLabel(c.title, KAKAO_LABEL_MAX),
                action: 'webLink' as const,
                webLinkUrl: c.url,
              })),
            },
          });
        } else pending.push(...plainBlocks([p], language).map((b) => b.text));
        break;
      }
      default:
        pending.push(...plainBlocks([p], language).map((b) => b.text));
    }
  }
  flushText();
  if (outputs.length > 3) foldOutputs(outputs, quickReplies);
  if (outputs.length === 0)
    outputs.push({ simpleText: { text: quickReplies.length ? label('replyWith', language) : '…' } });
  quickReplies.splice(QUICK_REPLIES_MAX);
  return { version: '2.0', template: { outputs, ...(quickReplies.length ? { quickReplies } : {}) } };
}

/**
 * Kakao accepts at most 3 outputs. Texts before the first card stay one text in front; then the
 * first card(s) stay cards (one after such a text, else two); everything after them becomes one
 * text, in order: texts as they are, each further card as its title and description followed by
 * its links written out ("label: url"; Kakao links URLs in text), its reply buttons joining the
 * quick replies. Nothing the reply offered is dropped; when a text is too long for one output, its
 * links are kept and the prose shortened.
 */
function foldOutputs(
  outputs: Output[],
  quickReplies: { label: string; action: 'message'; messageText: string }[],
): void {
  const firstCard = outputs.findIndex((o) => 'textCard' in o);
  const lead = outputs
    .slice(0, Math.max(0, firstCard))
    .map((o) => ('simpleText' in o ? o.simpleText.text : ''));
  const rest = outputs.slice(Math.max(0, firstCard));
  const keep = lead.length ? 1 : 2;
  const kept: Output[] = [];
  const prose: string[] = [];
  const links: string[] = [];
  for (const o of rest) {
    if ('textCard' in o && kept.length < keep && prose.length === 0) {
      kept.push(o);
      continue;
    }
    if ('simpleText' in o) {
      prose.push(o.simpleText.text);
      continue;
    }
    const lines = [o.textCard.title, o.textCard.description].filter(Boolean) as string[];
    for (const b of o.textCard.buttons) {
      if (b.action === 'webLink') {
        lines.push(`${b.label}: ${b.webLinkUrl}`);
        links.push(b.webLinkUrl);
      } else quickReplies.push({ label: b.label, action: 'message', messageText: b.messageText });
    }
    prose.push(lines.join('\n'));
  }
  outputs.splice(
    0,
    outputs.length,
    ...(lead.length ? [{ simpleText: { text: fitKeeping(lead.join('\n\n'), []) } }] : []),
    ...kept,
    ...(prose.length ? [{ simpleText: { text: fitKeeping(prose.join('\n\n'), links) } }] : []),
  );
}

/** Up to 1000 characters; when longer, the lines holding `urls` are kept whole and the rest cut. */
function fitKeeping(text: string, urls: string[]): string {
  if ([...text].length <= 1000) return text;
  const lines = text.split('\n');
  const keepLine = (l: string) => urls.some((u) => l.includes(u));
  const kept = lines.filter(keepLine).join('\n');
  const other = lines.filter((l) => !keepLine(l)).join('\n');
  return [fit(other, Math.max(0, 1000 - [...kept].length - 2)), kept].filter(Boolean).join('\n\n');
}
