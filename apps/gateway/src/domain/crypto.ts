import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison (hashing first so lengths never leak through early exit). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export function hmac(algorithm: 'sha1' | 'sha256', key: string, data: string | Buffer): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

/** Compares a received digest (encoded) against the expected bytes in constant time. */
export function digestMatches(expected: Buffer, received: string, encoding: 'hex' | 'base64'): boolean {
  const got = Buffer.from(received, encoding);
  if (got.length !== expected.length) return false;
  return timingSafeEqual(got, expected);
}
