// Email: multipart/alternative, text first then HTML (buttons as links; nothing needs scripts).
import type { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { buttonLabel, cardTitle, handoffText, isLink, label, plainBlocks } from './common';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function paragraph(text: string): string {
  return `<p style="margin:0 0 12px">${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
}

function linkButton(text: string, url: string): string {
  return `<p style="margin:0 0 12px"><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#1f6feb;color:#ffffff;border-radius:6px;text-decoration:none">${escapeHtml(text)}</a></p>`;
}

export function renderEmail(msg: OutboundMessage, inboundSubject = ''): RenderedEmail {
  const language = msg.language || 'en';
  const subject = inboundSubject
    ? /^(re|odp|답장)\s*:/i.test(inboundSubject)
      ? inboundSubject
      : `Re: ${inboundSubject}`
    : msg.subject.trim() || label('subject', language);
  const text = plainBlocks(msg.parts, language)
    .map((b) => b.text)
    .join('\n\n');
  const html: string[] = [];
  for (const p of msg.parts) {
    const part = p.part;
    if (!part) continue;
    switch (part.$case) {
      case 'text':
        html.push(paragraph(part.value));
        break;
      case 'orderCard': {
        const c = part.value;
        const rows = c.lines
          .map(
            (l) =>
              `<tr><td style="padding:4px 8px">${escapeHtml(l.title)}${l.quantity > 1 ? ` ×${l.quantity}` : ''}</td><td style="padding:4px 8px">${escapeHtml(l.eligible ? label('eligible', language) : label('notEligible', language))}${l.note ? ` (${escapeHtml(l.note)})` : ''}</td></tr>`,
          )
          .join('');
        html.push(
          `<h3 style="margin:0 0 8px">${escapeHtml(cardTitle(c, language))}</h3><table style="border-collapse:collapse;margin:0 0 12px">${rows}</table>`,
        );
        for (const b of c.buttons) if (isLink(b)) html.push(linkButton(buttonLabel(b, language), b.url));
        const choices = c.buttons.filter((b) => !isLink(b));
        if (choices.length)
          html.push(
            paragraph(
              [label('replyWith', language), ...choices.map((b, i) => `${i + 1}. ${b.label}`)].join('\n'),
            ),
          );
        break;
      }
      case 'linkButton':
        html.push(linkButton(buttonLabel(part.value, language), part.value.url));
        break;
      case 'quickReplies':
        if (part.value.options.length)
          html.push(
            paragraph(
              [
                label('replyWith', language),
                ...part.value.options.map((b, i) => `${i + 1}. ${b.label}`),
              ].join('\n'),
            ),
          );
        break;
      case 'handoffNotice':
        html.push(paragraph(handoffText(part.value, language)));
        break;
      case 'citations':
        if (part.value.items.length) {
          const items = part.value.items
            .map(
              (c) =>
                `<li>${c.url ? `<a href="${escapeHtml(c.url)}">${escapeHtml(c.title)}</a>` : escapeHtml(c.title)}${c.section ? ` — ${escapeHtml(c.section)}` : ''}</li>`,
            )
            .join('');
          html.push(
            `<p style="margin:0 0 4px;color:#555">${escapeHtml(label('sources', language))}:</p><ul style="margin:0 0 12px;color:#555">${items}</ul>`,
          );
        }
        break;
    }
  }
  return {
    subject,
    text,
    html: `<!doctype html><html lang="${escapeHtml(language)}"><body style="font-family:sans-serif;font-size:15px;line-height:1.5">${html.join('')}</body></html>`,
  };
}
