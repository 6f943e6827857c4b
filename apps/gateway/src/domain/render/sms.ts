// SMS: plain text with links spelled out; GSM-7 vs UCS-2 aware segment count; Twilio's 1600-char cap.
import type { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { plainBlocks } from './common';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export const SMS_MAX_CHARS = 1600;

export interface SmsEncoding {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export function smsEncoding(text: string): SmsEncoding {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

export interface RenderedSms extends SmsEncoding {
  body: string;
}

/**
 * Text first, links last and never cut: when the message is over Twilio's 1600 characters the prose
 * is shortened, not the URLs.
 */
export function renderSms(msg: OutboundMessage): RenderedSms {
  const blocks = plainBlocks(msg.parts, msg.language);
  let body = blocks.map((b) => b.text).join('\n\n');
  if (body.length > SMS_MAX_CHARS) {
    const links = blocks
      .filter((b) => b.hasLink)
      .map((b) => b.text)
      .join('\n');
    const prose = blocks
      .filter((b) => !b.hasLink)
      .map((b) => b.text)
      .join('\n\n');
    const room = Math.max(0, SMS_MAX_CHARS - links.length - 3);
    body = `${prose.slice(0, room)}…${links ? `\n\n${links}` : ''}`.slice(0, SMS_MAX_CHARS);
  }
  return { body, ...smsEncoding(body) };
}
