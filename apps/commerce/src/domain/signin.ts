// Customer Hub sign-in: a signed identity token from the storefront, or a one-time code sent to the
// email/phone on the customer record. No order data is read before a session exists.
import {
  FailedPrecondition,
  InvalidArgument,
  ResourceExhausted,
  Unauthenticated,
} from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import { hmacHex, maskDestination, randomId, safeEqual, sha256Hex, sixDigitCode } from './crypto';
import type {
  Clock,
  CodeChannel,
  CodeSender,
  CommercePlatform,
  CustomerRecord,
  SessionRow,
  SignInStore,
} from './ports';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_ATTEMPTS = 5;
/** A new code for the same identifier no sooner than this. */
export const RESEND_INTERVAL_MS = 60 * 1000;
/** At most this many codes per identifier per hour. */
export const MAX_CODES_PER_HOUR = 5;

export type CodeMethod = 'email' | 'sms';

export interface VerifiedIdentity {
  customerId: string;
  jti?: string;
  expiresAt: Date;
}

export interface IdentityVerifier {
  /** Throws Unauthenticated with the reason (expired, audience, issuer, signature…). */
  verify(token: string, now: Date): Promise<VerifiedIdentity>;
}

export interface Session {
  id: string;
  tenantId: string;
  conversationId: string;
  customerId: string;
  expiresAt: Date;
}

export interface SignInDeps {
  store: SignInStore;
  platform(tenantId: string): CommercePlatform;
  verifier(tenantId: string): IdentityVerifier | undefined;
  sessionTtlSeconds(tenantId: string): number;
  /** The brand's name as shoppers know it (the tenant's display name), or "" when not configured. */
  brandName(tenantId: string): string;
  codeSender: CodeSender;
  /** Per-install secret mixed into every stored code and identifier hash. */
  pepper: Buffer;
  clock: Clock;
  logger: Logger;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;

export function normalizeIdentifier(method: CodeMethod, raw: string): string {
  const v = raw.trim();
  if (method === 'email') {
    const e = v.toLowerCase();
    if (!EMAIL.test(e) || e.length > 254)
      throw new InvalidArgument('identifier is not an email address', { field: 'identifier' });
    return e;
  }
  const p = v.replace(/[\s().-]/g, '');
  if (!/^\+?\d{6,15}$/.test(p))
    throw new InvalidArgument('identifier is not a phone number', { field: 'identifier' });
  return p;
}

export class SignIn {
  constructor(private readonly d: SignInDeps) {}

  private codeHash(challengeId: string, code: string): string {
    return hmacHex(this.d.pepper, `code:${challengeId}:${code}`);
  }

  /**
   * Starts a one-time-code sign-in; the answer has the same shape whether or not the customer exists.
   * `preview` (previews and simulations): the same challenge, but nothing is sent and the code is
   * returned instead; preview challenges have their own identifier bucket and no rate limits, so a
   * brand's simulation runs never e-mail its shoppers nor use up their codes.
   */
  async startCode(input: {
    tenantId: string;
    conversationId: string;
    method: CodeMethod;
    identifier: string;
    channel?: string;
    preview?: boolean;
    signal?: AbortSignal;
  }): Promise<{ challengeId: string; maskedDestination: string; previewCode?: string }> {
    const now = this.d.clock();
    const identifier = normalizeIdentifier(input.method, input.identifier);
    const identifierHash = hmacHex(
      this.d.pepper,
      `${input.preview ? 'preview:' : ''}id:${input.tenantId}:${input.method}:${identifier}`,
    );
    if (!input.preview) {
      const recent = await this.d.store.recentChallenges(
        input.tenantId,
        identifierHash,
        new Date(now.getTime() - 3600_000),
      );
      const latest = recent[0];
      if (latest && now.getTime() - latest.createdAt.getTime() < RESEND_INTERVAL_MS) {
        const open = !latest.consumedAt && latest.attempts < MAX_ATTEMPTS && latest.expiresAt > now;
        if (open && latest.conversationId === input.conversationId) {
          // Asked again too soon: the code already sent stays valid; nothing new is sent.
          return { challengeId: latest.id, maskedDestination: latest.maskedDestination };
        }
        const wait = Math.ceil((RESEND_INTERVAL_MS - (now.getTime() - latest.createdAt.getTime())) / 1000);
        throw new ResourceExhausted('a code was sent moments ago; wait before asking for another', {
          retryAfterSeconds: wait,
        });
      }
      if (recent.length >= MAX_CODES_PER_HOUR) {
        const oldest = recent[recent.length - 1]!;
        const wait = Math.ceil((oldest.createdAt.getTime() + 3600_000 - now.getTime()) / 1000);
        throw new ResourceExhausted('too many codes requested; try again later', {
          retryAfterSeconds: Math.max(1, wait),
        });
      }
    }

    const customer = await this.d
      .platform(input.tenantId)
      .findCustomer(input.method === 'email' ? { email: identifier } : { phone: identifier }, input.signal);
    const challengeId = randomId(18);
    const code = sixDigitCode();
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    const maskedDestination = maskDestination(identifier);
    await this.d.store.insertChallenge({
      id: challengeId,
      tenantId: input.tenantId,
      conversationId: input.conversationId,
      customerId: customer?.id ?? null,
      identifierHash,
      method: input.method,
      maskedDestination,
      // For an unknown identifier the stored hash matches no code: the challenge can never succeed.
      codeHash: customer ? this.codeHash(challengeId, code) : hmacHex(this.d.pepper, `void:${randomId(18)}`),
      attempts: 0,
      createdAt: now,
      expiresAt,
      consumedAt: null,
    });
    if (input.preview) {
      this.d.logger.info(
        { tenantId: input.tenantId, challengeId, method: input.method, known: Boolean(customer) },
        'preview sign-in: code returned to the caller, nothing sent',
      );
      return { challengeId, maskedDestination, ...(customer ? { previewCode: code } : {}) };
    }
    if (customer) {
      const recipient = input.method === 'email' ? customer.email : customer.phone;
      const channel: CodeChannel =
        input.method === 'email' ? 'email' : input.channel === 'whatsapp' ? 'whatsapp' : 'sms';
      if (recipient) {
        await this.d.codeSender.send({
          tenantId: input.tenantId,
          conversationId: input.conversationId,
          channel,
          recipient,
          code,
          locale: customer.locale,
          brand: this.d.brandName(input.tenantId),
          expiresAt,
        });
      }
    }
    this.d.logger.info(
      { tenantId: input.tenantId, challengeId, method: input.method },
      'sign-in code requested',
    );
    return { challengeId, maskedDestination };
  }

  async completeCode(input: { tenantId: string; challengeId: string; code: string }): Promise<Session> {
    const now = this.d.clock();
    if (!/^\d{6}$/.test(input.code.trim()))
      throw new InvalidArgument('the code has 6 digits', { field: 'code' });
    const challenge = input.challengeId
      ? await this.d.store.getChallenge(input.tenantId, input.challengeId)
      : null;
    if (!challenge) throw new Unauthenticated('the code is not correct or has expired; request a new code');
    const attempts = await this.d.store.countAttempt(input.tenantId, challenge.id, now, MAX_ATTEMPTS);
    if (attempts === null) {
      const fresh = (await this.d.store.getChallenge(input.tenantId, challenge.id)) ?? challenge;
      if (fresh.consumedAt) throw new Unauthenticated('this code was already used; request a new code');
      if (fresh.expiresAt <= now) throw new Unauthenticated('the code has expired; request a new code');
      throw new ResourceExhausted('too many wrong codes; request a new code');
    }
    const ok = safeEqual(this.codeHash(challenge.id, input.code.trim()), challenge.codeHash);
    if (!ok || !challenge.customerId) {
      this.d.logger.info(
        { tenantId: input.tenantId, challengeId: challenge.id, attempts },
        'wrong sign-in code',
      );
      throw new Unauthenticated(`the code is not correct (${MAX_ATTEMPTS - attempts} attempts left)`);
    }
    if (!(await this.d.store.consume(input.tenantId, challenge.id, now))) {
      throw new Unauthenticated('this code was already used; request a new code');
    }
    return this.createSession(
      input.tenantId,
      challenge.conversationId,
      challenge.customerId,
      challenge.method,
      now,
    );
  }

  async withIdentityToken(input: {
    tenantId: string;
    conversationId: string;
    token: string;
    signal?: AbortSignal;
  }): Promise<Session> {
    const verifier = this.d.verifier(input.tenantId);
    if (!verifier) throw new FailedPrecondition('identity-token sign-in is not configured for this store');
    const now = this.d.clock();
    const identity = await verifier.verify(input.token, now);
    if (identity.jti && !(await this.d.store.useTokenId(input.tenantId, identity.jti, identity.expiresAt))) {
      throw new Unauthenticated('identity token was already used');
    }
    const customer = await this.d.platform(input.tenantId).getCustomer(identity.customerId, input.signal);
    if (!customer) throw new Unauthenticated('identity token names no customer of this store');
    return this.createSession(input.tenantId, input.conversationId, customer.id, 'identity_token', now);
  }

  private async createSession(
    tenantId: string,
    conversationId: string,
    customerId: string,
    method: string,
    now: Date,
  ): Promise<Session> {
    const id = randomId(32);
    const expiresAt = new Date(now.getTime() + this.d.sessionTtlSeconds(tenantId) * 1000);
    const row: SessionRow = {
      idHash: sha256Hex(id),
      tenantId,
      conversationId,
      customerId,
      method,
      createdAt: now,
      expiresAt,
    };
    await this.d.store.insertSession(row);
    this.d.logger.info({ tenantId, conversationId, method }, 'shopper signed in');
    return { id, tenantId, conversationId, customerId, expiresAt };
  }

  /** The live session for a caller-supplied id, or UNAUTHENTICATED. Sessions never cross tenants. */
  async session(tenantId: string, sessionId: string): Promise<Session> {
    const row = sessionId ? await this.d.store.getSession(sha256Hex(sessionId)) : null;
    if (!row || row.tenantId !== tenantId || row.expiresAt <= this.d.clock()) {
      throw new Unauthenticated('sign-in required (no valid session)');
    }
    return {
      id: sessionId,
      tenantId: row.tenantId,
      conversationId: row.conversationId,
      customerId: row.customerId,
      expiresAt: row.expiresAt,
    };
  }

  async profile(tenantId: string, sessionId: string, signal?: AbortSignal): Promise<CustomerRecord> {
    const s = await this.session(tenantId, sessionId);
    const c = await this.d.platform(tenantId).getCustomer(s.customerId, signal);
    if (!c) throw new Unauthenticated('sign-in required (customer no longer exists)');
    return c;
  }
}
