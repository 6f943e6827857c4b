// Inbound email: SendGrid Inbound Parse (secret path, no signature) and Mailgun routes
// (hex HMAC-SHA256(signing key, timestamp + token), fresh timestamp, token not reused).
import { createHash } from 'node:crypto';
import { InvalidArgument, PermissionDenied, Unauthenticated } from '@boomerang/kit/errors';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { digestMatches, hmac } from '../crypto';
import { parseAddress, stripEmailReply } from '../email-text';
import { clampText, type Normalized } from './types';

export const MAILGUN_MAX_SKEW_SECONDS = 15 * 60;

export function verifyMailgun(fields: Map<string, string>, signingKey: string, nowMs: number): void {
  const timestamp = fields.get('timestamp');
  const token = fields.get('token');
  const signature = fields.get('signature');
  if (!timestamp || !token || !signature)
    throw new Unauthenticated('Mailgun timestamp, token and signature are required');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAILGUN_MAX_SKEW_SECONDS) {
    throw new PermissionDenied('Mailgun timestamp is too old or in the future');
  }
  if (!digestMatches(hmac('sha256', signingKey, timestamp + token), signature, 'hex'))
    throw new PermissionDenied('Mailgun signature does not match');
}

/** Header value from a raw header block ("Name: value" lines, folded lines joined). */
export function headerFromBlock(block: string, name: string): string | undefined {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const re = new RegExp(`^${name}:\\s*(.*)$`, 'im');
  return re.exec(unfolded)?.[1]?.trim();
}

function mail(input: {
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId?: string;
  inReplyTo?: string;
}): Normalized {
  const { address, name } = parseAddress(input.from);
  if (!address.includes('@')) throw new InvalidArgument('from is not an email address', { field: 'from' });
  const plain =
    input.text ||
    input.html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ');
  const text = stripEmailReply(plain);
  if (!text)
    throw new InvalidArgument('the email has no new text (only quoted history or a signature)', {
      field: 'text',
    });
  const messageId =
    input.messageId ??
    `<${createHash('sha256').update(`${address}\n${input.subject}\n${plain}`).digest('hex').slice(0, 32)}@boomerang>`;
  return {
    channel: Channel.CHANNEL_EMAIL,
    vendorMessageId: messageId,
    sender: address,
    senderName: name || undefined,
    text: clampText(text),
    subject: input.subject,
    threadRef: input.messageId ?? '',
  };
}

export function normalizeSendgrid(fields: Map<string, string>): Normalized {
  const from = fields.get('from');
  if (!from) throw new InvalidArgument('from is required', { field: 'from' });
  const headers = fields.get('headers') ?? '';
  return mail({
    from,
    subject: fields.get('subject') ?? '',
    text: fields.get('text') ?? '',
    html: fields.get('html') ?? '',
    messageId: headerFromBlock(headers, 'Message-ID'),
    inReplyTo: headerFromBlock(headers, 'In-Reply-To'),
  });
}

export function normalizeMailgun(fields: Map<string, string>): Normalized {
  const from = fields.get('from') ?? fields.get('sender');
  if (!from) throw new InvalidArgument('from is required', { field: 'from' });
  let messageId = fields.get('Message-Id');
  try {
    const headers = JSON.parse(fields.get('message-headers') ?? '[]') as [string, string][];
    messageId ??= headers.find(([k]) => k.toLowerCase() === 'message-id')?.[1];
  } catch {
    throw new InvalidArgument('message-headers is not JSON', { field: 'message-headers' });
  }
  return mail({
    from,
    subject: fields.get('subject') ?? '',
    text: fields.get('stripped-text') || fields.get('body-plain') || '',
    html: fields.get('body-html') ?? '',
    messageId,
  });
}
