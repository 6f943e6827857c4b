// Twilio SMS webhooks: X-Twilio-Signature = base64(HMAC-SHA1(AuthToken, URL + sorted params)).
import { InvalidArgument, PermissionDenied } from '@boomerang/kit/errors';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { digestMatches, hmac } from '../crypto';
import { clampText, type Normalized } from './types';

/** Parses a urlencoded body keeping repeated names as arrays (Twilio signs every value). */
export function parseForm(raw: Buffer): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) {
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}

function signatureBase(url: string, params: Map<string, string[]>): string {
  let data = url;
  for (const name of [...params.keys()].sort()) {
    const values = [...new Set(params.get(name) ?? [])].sort();
    for (const v of values) data += name + v;
  }
  return data;
}

/** The URL as Twilio may have signed it: as configured, and with/without the default port. */
export function urlVariants(url: string): string[] {
  const u = new URL(url);
  const variants = [url];
  if (u.port) {
    const without = new URL(url);
    without.port = '';
    variants.push(without.toString());
  } else {
    const withPort = `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.hostname}:${u.protocol === 'https:' ? '443' : '80'}${u.pathname}${u.search}`;
    variants.push(withPort);
  }
  return variants;
}

export function verifyTwilio(
  url: string,
  params: Map<string, string[]>,
  signature: string | undefined,
  authToken: string,
): void {
  if (!signature)
    throw new InvalidArgument('missing X-Twilio-Signature header', { field: 'X-Twilio-Signature' });
  const ok = urlVariants(url).some((candidate) =>
    digestMatches(
      hmac('sha1', authToken, Buffer.from(signatureBase(candidate, params), 'utf8')),
      signature,
      'base64',
    ),
  );
  if (!ok) throw new PermissionDenied('X-Twilio-Signature does not match');
}

export function normalizeTwilio(params: Map<string, string[]>, expectedAccountSid: string): Normalized {
  const one = (k: string) => params.get(k)?.[0];
  const sid = one('MessageSid') ?? one('SmsMessageSid') ?? one('SmsSid');
  const from = one('From');
  if (!sid) throw new InvalidArgument('MessageSid is required', { field: 'MessageSid' });
  if (!from) throw new InvalidArgument('From is required', { field: 'From' });
  if (one('AccountSid') !== expectedAccountSid)
    throw new PermissionDenied('AccountSid does not belong to this tenant');
  const media = Number(one('NumMedia') ?? '0');
  const body = one('Body') ?? '';
  if (!body && !(media > 0))
    throw new InvalidArgument('Body is empty and the message has no media', { field: 'Body' });
  return { channel: Channel.CHANNEL_SMS, vendorMessageId: sid, sender: from, text: clampText(body) };
}
