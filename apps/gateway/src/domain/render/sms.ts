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

/**
 * Typography with a GSM-7 stand-in. One of these in an otherwise GSM-7 text switches the whole SMS to
 * UCS-2 (70/67 characters per part instead of 160/153: twice the parts, twice the price).
 */
const TYPOGRAPHY: [RegExp, string][] = [
  [/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' '], // no-break, thin, figure… spaces
  [/[\u200b-\u200d\u2060\ufeff\u00ad]/g, ''], // zero-width characters, soft hyphen
  [/[\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'], // hyphens, en/em dashes, minus
  [/\u2026/g, '...'],
  [/[\u2713\u2714\u2705\u2611]/g, '+'], // check marks: "+ item: can be returned"
  [/[\u2717\u2718\u274c\u274e\u2715\u2716]/g, '-'], // crosses
  [/[\u00b7\u2022\u2023\u2043\u2219\u25aa\u25cf\u25e6\u30fb]/g, '-'], // middle dots, bullets
  [/\u00d7/g, 'x'], // "×2"
  [/[\u2039\u203a]/g, "'"],
];

const URL = /https?:\/\/\S+/gi;

/**
 * The text with its typography spelled in GSM-7 when that makes the whole text GSM-7; otherwise (a
 * Korean or Polish-diacritic text is UCS-2 anyway, where every character costs the same) unchanged.
 * URLs are never altered.
 */
export function gsm7Typography(text: string): string {
  if (smsEncoding(text).encoding === 'GSM-7') return text;
  let out = '';
  let last = 0;
  const plain = (chunk: string) => TYPOGRAPHY.reduce((t, [re, to]) => t.replace(re, to), chunk);
  for (const m of text.matchAll(URL)) {
    out += plain(text.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  out += plain(text.slice(last));
  return smsEncoding(out).encoding === 'GSM-7' ? out : text;
}

export interface RenderedSms extends SmsEncoding {
  body: string;
}

/**
 * Text first, links last and never cut: when the message is over Twilio's 1600 characters the prose
 * is shortened, not the URLs.
 */
export function renderSms(msg: OutboundMessage): RenderedSms {
  const raw = plainBlocks(msg.parts, msg.language);
  const whole = raw.map((b) => b.text).join('\n\n');
  // Typography is spelled in GSM-7 only when the whole message then is GSM-7 (decided once).
  const gsm = gsm7Typography(whole) !== whole || smsEncoding(whole).encoding === 'GSM-7';
  const blocks = gsm ? raw.map((b) => ({ ...b, text: gsm7Typography(b.text) })) : raw;
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
    const ellipsis = gsm ? '...' : '…';
    const room = Math.max(0, SMS_MAX_CHARS - links.length - 2 - ellipsis.length);
    body = `${prose.slice(0, room)}${ellipsis}${links ? `\n\n${links}` : ''}`.slice(0, SMS_MAX_CHARS);
  }
  return { body, ...smsEncoding(body) };
}
