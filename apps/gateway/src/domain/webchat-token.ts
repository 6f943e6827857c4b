// Web chat conversation tokens: base64url(JSON claims) + "." + base64url(HMAC-SHA256(secret, claims)).
import { randomBytes } from 'node:crypto';
import { Unauthenticated } from '@boomerang/kit/errors';
import { digestMatches, hmac } from './crypto';

export interface ConversationClaims {
  /** Tenant the conversation belongs to. */
  t: string;
  /** Conversation id. */
  c: string;
  /** Expiry, unix seconds. */
  exp: number;
}

export const TOKEN_TTL_SECONDS = 7 * 24 * 3600;

export function issueConversationToken(
  secret: string,
  tenantId: string,
  nowMs: number,
): { token: string; claims: ConversationClaims } {
  const claims: ConversationClaims = {
    t: tenantId,
    c: `webchat_${randomBytes(16).toString('base64url')}`,
    exp: Math.floor(nowMs / 1000) + TOKEN_TTL_SECONDS,
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `${body}.${hmac('sha256', secret, body).toString('base64url')}`, claims };
}

export function verifyConversationToken(
  secret: string,
  token: string | undefined,
  tenantId: string,
  nowMs: number,
): ConversationClaims {
  if (!token)
    throw new Unauthenticated(
      'conversation token required (POST /v1/webchat/{tenant}/conversations issues one)',
    );
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined || !digestMatches(hmac('sha256', secret, body), sig, 'base64')) {
    throw new Unauthenticated('conversation token is invalid');
  }
  let claims: ConversationClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new Unauthenticated('conversation token is invalid');
  }
  if (claims.t !== tenantId) throw new Unauthenticated('conversation token belongs to another tenant');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < nowMs)
    throw new Unauthenticated('conversation token expired');
  return claims;
}
