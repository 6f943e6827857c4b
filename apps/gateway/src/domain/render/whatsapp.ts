// WhatsApp: cta_url interactive messages for links, reply buttons (≤3, titles ≤20) for choices,
// text otherwise. The 24 h window is checked by the sender (template or refusal outside it).
import type { Button, OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { buttonLabel, fit, isLink, plainBlocks, shortLabel } from './common';

export const WHATSAPP_LABEL_MAX = 20;

export type WhatsAppPayload =
  | { type: 'text'; text: { body: string; preview_url: boolean } }
  | {
      type: 'interactive';
      interactive:
        | {
            type: 'cta_url';
            body: { text: string };
            action: { name: 'cta_url'; parameters: { display_text: string; url: string } };
          }
        | {
            type: 'button';
            body: { text: string };
            action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] };
          };
    };

const BODY_MAX = 1024;
const TEXT_MAX = 4096;

export function renderWhatsApp(msg: OutboundMessage): WhatsAppPayload[] {
  const language = msg.language || 'en';
  const links: Button[] = [];
  const choices: Button[] = [];
  const textParts = [];
  for (const p of msg.parts) {
    const part = p.part;
    if (!part) continue;
    if (part.$case === 'linkButton') links.push(part.value);
    else if (part.$case === 'quickReplies') choices.push(...part.value.options);
    else if (part.$case === 'orderCard') {
      for (const b of part.value.buttons) (isLink(b) ? links : choices).push(b);
      textParts.push({ ...p, part: { ...part, value: { ...part.value, buttons: [] } } });
    } else textParts.push(p);
  }
  const text = plainBlocks(textParts, language)
    .map((b) => b.text)
    .join('\n\n');
  const out: WhatsAppPayload[] = [];
  const useButtons = choices.length > 0 && choices.length <= 3;
  // Choices beyond three become a numbered list in the text.
  const numbered =
    useButtons || choices.length === 0
      ? text
      : [text, ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n');
  // One URL button per message: the first link is the button, any other is spelled out in the body
  // (WhatsApp makes it tappable) — a second cta_url would need a body of its own, and had only its
  // label ("교환 시작") to show.
  const [link, ...moreLinks] = links;
  const body = [numbered, moreLinks.map((l) => `${buttonLabel(l, language)}: ${l.url}`).join('\n')]
    .filter(Boolean)
    .join('\n\n');
  const interactive = link !== undefined || useButtons;
  // The interactive message carries the last paragraphs that fit its body; anything before goes first
  // as text messages.
  const paragraphs = body ? body.split('\n\n') : [];
  let split = paragraphs.length;
  if (interactive) while (split > 0 && paragraphs.slice(split - 1).join('\n\n').length <= BODY_MAX) split--;
  const lead = paragraphs.slice(0, split).join('\n\n');
  const tail = paragraphs.slice(split).join('\n\n');
  for (let i = 0; i < lead.length; i += TEXT_MAX)
    out.push({ type: 'text', text: { body: lead.slice(i, i + TEXT_MAX), preview_url: false } });
  let carried = false;
  if (link) {
    out.push({
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        body: { text: tail || buttonLabel(link, language) },
        action: {
          name: 'cta_url',
          parameters: {
            display_text: shortLabel(buttonLabel(link, language), WHATSAPP_LABEL_MAX),
            url: link.url,
          },
        },
      },
    });
    carried = true;
  }
  if (useButtons) {
    out.push({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: {
          text:
            !carried && tail
              ? tail
              : choices
                  .map((c) => c.label)
                  .join(' / ')
                  .slice(0, BODY_MAX),
        },
        action: {
          buttons: choices.map((c) => ({
            type: 'reply' as const,
            reply: { id: fit(c.postback || c.label, 256), title: shortLabel(c.label, WHATSAPP_LABEL_MAX) },
          })),
        },
      },
    });
  }
  return out;
}
