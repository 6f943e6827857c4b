// Storefront identity tokens (JWT): HS256 with a per-tenant secret, or RS256/ES256 with a JWKS
// (inline or by URL). Checks signature, exp (required), nbf, iss, aud and the longest lifetime.
import { Unauthenticated } from '@boomerang/kit/errors';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { IdentityVerifier, VerifiedIdentity } from '../domain/signin';

export interface IdentityConfig {
  issuer: string;
  audience: string;
  hs256Secret?: string;
  jwksUrl?: string;
  jwks?: { keys: Record<string, unknown>[] };
  customerClaim: string;
  maxLifetimeSeconds: number;
}

function reason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'identity token expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'identity token audience mismatch';
    if (err.claim === 'iss') return 'identity token issuer mismatch';
    if (err.claim === 'exp') return 'identity token has no expiry';
    if (err.claim === 'nbf') return 'identity token not yet valid';
    return `identity token claim ${err.claim} invalid`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'identity token signature invalid';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'identity token algorithm not allowed';
  return 'identity token invalid';
}

export function identityVerifier(cfg: IdentityConfig): IdentityVerifier {
  const secret = cfg.hs256Secret ? new TextEncoder().encode(cfg.hs256Secret) : undefined;
  let jwks: JWTVerifyGetKey | undefined;
  if (cfg.jwks) jwks = createLocalJWKSet(cfg.jwks as unknown as Parameters<typeof createLocalJWKSet>[0]);
  else if (cfg.jwksUrl)
    jwks = createRemoteJWKSet(new URL(cfg.jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 });

  return {
    async verify(token: string, now: Date): Promise<VerifiedIdentity> {
      if (!token || token.length > 8192) throw new Unauthenticated('identity token invalid');
      const options = {
        issuer: cfg.issuer,
        audience: cfg.audience,
        requiredClaims: ['exp'],
        clockTolerance: 30,
        currentDate: now,
      };
      let payload: JWTPayload;
      try {
        const alg = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'))?.alg;
        if (alg === 'HS256' && secret) {
          payload = (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
        } else if (jwks && alg !== 'HS256') {
          payload = (
            await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] })
          ).payload;
        } else {
          throw new errors.JOSEAlgNotAllowed('algorithm not allowed');
        }
      } catch (err) {
        throw new Unauthenticated(reason(err));
      }
      const exp = payload.exp as number;
      const iat = typeof payload.iat === 'number' ? payload.iat : Math.floor(now.getTime() / 1000);
      if (exp - iat > cfg.maxLifetimeSeconds) throw new Unauthenticated('identity token lifetime too long');
      const customer = payload[cfg.customerClaim];
      const customerId =
        typeof customer === 'string' || typeof customer === 'number'
          ? String(customer).replace(/^gid:\/\/shopify\/Customer\//, '')
          : '';
      if (!/^\d+$/.test(customerId)) throw new Unauthenticated('identity token names no customer');
      return {
        customerId,
        jti: typeof payload.jti === 'string' ? payload.jti : undefined,
        expiresAt: new Date(exp * 1000),
      };
    },
  };
}
