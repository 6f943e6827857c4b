// Web chat: a JSON document the widget renders (cards with buttons, quick replies, sources).
import type { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { buttonLabel, cardTitle, isLink, label } from './common';

export type WebchatButton = { label: string; url: string } | { label: string; postback: string };

export type WebchatPart =
  | { type: 'text'; text: string }
  | {
      type: 'card';
      title: string;
      orderId: string;
      lines: {
        title: string;
        quantity: number;
        eligible: boolean;
        status: string;
        note: string;
        imageUrl: string;
      }[];
      buttons: WebchatButton[];
    }
  | { type: 'link'; button: WebchatButton }
  | { type: 'quick_replies'; options: WebchatButton[] }
  | { type: 'handoff'; text: string; ticketRef: string; ticketLabel: string }
  | { type: 'citations'; title: string; items: { title: string; url: string; section: string }[] };

export interface WebchatReply {
  id: string;
  conversationId: string;
  inReplyTo: string;
  language: string;
  createdAt: string;
  parts: WebchatPart[];
}

function button(b: { label: string; url: string; postback: string }, language: string): WebchatButton {
  return isLink(b)
    ? { label: buttonLabel(b, language), url: b.url }
    : { label: b.label, postback: b.postback || b.label };
}

export function renderWebchat(msg: OutboundMessage): WebchatReply {
  const language = msg.language || 'en';
  const parts: WebchatPart[] = [];
  for (const p of msg.parts) {
    const part = p.part;
    if (!part) continue;
    switch (part.$case) {
      case 'text':
        parts.push({ type: 'text', text: part.value });
        break;
      case 'orderCard':
        parts.push({
          type: 'card',
          title: cardTitle(part.value, language),
          orderId: part.value.orderId,
          lines: part.value.lines.map((l) => ({
            title: l.title,
            quantity: l.quantity,
            eligible: l.eligible,
            status: l.eligible ? label('eligible', language) : label('notEligible', language),
            note: l.note,
            imageUrl: l.imageUrl,
          })),
          buttons: part.value.buttons.map((b) => button(b, language)),
        });
        break;
      case 'linkButton':
        parts.push({ type: 'link', button: button(part.value, language) });
        break;
      case 'quickReplies':
        parts.push({ type: 'quick_replies', options: part.value.options.map((b) => button(b, language)) });
        break;
      case 'handoffNotice':
        parts.push({
          type: 'handoff',
          text: part.value.text,
          ticketRef: part.value.ticketRef,
          ticketLabel: label('ticket', language),
        });
        break;
      case 'citations':
        parts.push({
          type: 'citations',
          title: label('sources', language),
          items: part.value.items.map((c) => ({ ...c })),
        });
        break;
    }
  }
  return {
    id: msg.messageId,
    conversationId: msg.conversationId,
    inReplyTo: msg.inReplyTo,
    language,
    createdAt: (msg.createdAt ?? new Date(0)).toISOString(),
    parts,
  };
}
