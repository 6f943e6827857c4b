// Small crypto helpers for sign-in and webhooks (constant-time comparisons only).
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const sha256Hex = (v: string | Buffer) => createHash('sha256').update(v).digest('hex');
export const hmacHex = (key: Buffer | string, v: string) => createHmac('sha256', key).update(v).digest('hex');
export const randomId = (bytes = 16) => randomBytes(bytes).toString('base64url');
/** Six uniformly random digits. */
export const sixDigitCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Constant-time equality of two strings (length differences are hashed away first). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** Verifies base64(HMAC-SHA256(secret, raw)) against a header value, in constant time. */
export function verifyBase64Hmac(secret: string, raw: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  let given: Buffer;
  try {
    given = Buffer.from(header.trim(), 'base64');
  } catch {
    return false;
  }
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}

/** "minji.kim@example.kr" → "m***@e***.kr"; "+821012345678" → "+82*******78". */
export function maskDestination(value: string): string {
  if (value.includes('@')) {
    const [local, domain] = value.split('@') as [string, string];
    const dot = domain.lastIndexOf('.');
    const host = dot > 0 ? domain.slice(0, dot) : domain;
    const tld = dot > 0 ? domain.slice(dot) : '';
    return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
  }
  const digits = value.replace(/[^\d+]/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(Math.max(1, digits.length - 5))}${digits.slice(-2)}`;
}
