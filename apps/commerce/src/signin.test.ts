// Sign-in over real gRPC: one-time codes (e-mail/SMS) and storefront identity tokens, with every
// failure the shopper or an attacker can cause.
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { SignInMethod } from '@boomerang/proto/boomerang/commerce/v1/customer_hub';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { status as grpcStatus } from '@grpc/grpc-js';
import { SignJWT } from 'jose';
import { codeIn, type Harness, hs256Token, rpc, startHarness, status, textOf } from './__tests__/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const start = (
  tenantId: string,
  identifier: string,
  conversationId: string,
  method = SignInMethod.SIGN_IN_METHOD_EMAIL_CODE,
  channel = 'webchat',
) =>
  rpc(h.hub, h.hub.startSignIn, {
    tenantId,
    conversationId,
    method,
    identifier,
    identityToken: '',
    channel,
    preview: false,
  });
const complete = (tenantId: string, challengeId: string, code: string) =>
  rpc(h.hub, h.hub.completeSignIn, { tenantId, challengeId, code });
const withToken = (tenantId: string, identityToken: string, conversationId = uniqueName('conv')) =>
  rpc(h.hub, h.hub.startSignIn, {
    tenantId,
    conversationId,
    method: SignInMethod.SIGN_IN_METHOD_IDENTITY_TOKEN,
    identifier: '',
    identityToken,
    channel: 'webchat',
    preview: false,
  });
const messagesFor = (conversationId: string) => h.outbound.filter((m) => m.conversationId === conversationId);
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('one-time code sign-in', () => {
  it('e-mails a Korean code to the address on record and signs the shopper in with it', async () => {
    const conv = uniqueName('conv');
    const r = await start('demo-ko', '  Minji.Kim@Example.kr ', conv);
    expect(r.challengeId).not.toBe('');
    expect(r.session).toBeUndefined();
    expect(r.maskedDestination).toBe('m***@e***.kr');
    const msg = await waitFor(() => messagesFor(conv)[0]);
    expect(msg.channel).toBe(Channel.CHANNEL_EMAIL);
    expect(msg.recipient).toBe('minji.kim@example.kr');
    expect(msg.language).toBe('ko');
    expect(textOf(msg)).toContain('인증 코드');
    const code = codeIn(msg);
    // The e-mail says what it is, and for which brand, in its subject (not a vague "reply to your message").
    expect(msg.subject).toBe(`[서울 스레드] 로그인 인증 코드: ${code}`);
    const done = await complete('demo-ko', r.challengeId, code);
    expect(done.session).toMatchObject({ tenantId: 'demo-ko', conversationId: conv, customerId: '7001' });
    expect(done.session!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    const profile = await rpc(h.hub, h.hub.getProfile, { tenantId: 'demo-ko', sessionId: done.session!.id });
    expect(profile.profile).toMatchObject({
      customerId: '7001',
      firstName: '민지',
      lastName: '김',
      locale: 'ko',
    });
    // The code never reaches the logs, and the database holds only its keyed hash.
    expect(h.logs.join('\n')).not.toContain(code);
    const rows = await h.sql.query('SELECT * FROM commerce_challenges WHERE id = $1', [r.challengeId]);
    expect(JSON.stringify(rows.rows)).not.toContain(code);
  });

  it('texts a Polish code to the phone on record, whatever formatting the shopper typed', async () => {
    const conv = uniqueName('conv');
    const r = await start('demo-pl', '+48 601 234 567', conv, SignInMethod.SIGN_IN_METHOD_SMS_CODE, 'sms');
    const msg = await waitFor(() => messagesFor(conv)[0]);
    expect(msg.channel).toBe(Channel.CHANNEL_SMS);
    expect(msg.recipient).toBe('+48601234567');
    expect(textOf(msg)).toContain('kod logowania do sklepu Wisła Outdoor');
    const done = await complete('demo-pl', r.challengeId, codeIn(msg));
    expect(done.session!.customerId).toBe('7101');
  });

  it('answers an unknown address with the same shape, sends nothing, and never signs in', async () => {
    const conv = uniqueName('conv');
    const known = await start('demo-en', 'liam.brooks@example.com', uniqueName('conv'));
    const unknown = await start('demo-en', 'nobody@example.com', conv);
    expect(Object.keys(unknown).sort()).toEqual(Object.keys(known).sort());
    expect(unknown.challengeId).toHaveLength(known.challengeId.length);
    expect(unknown.maskedDestination).toBe('n***@e***.com');
    await waitFor(() => h.outbound.some((m) => m.recipient === 'liam.brooks@example.com'));
    expect(messagesFor(conv)).toHaveLength(0);
    const a = await status(complete('demo-en', unknown.challengeId, '123456'));
    expect(a.code).toBe(grpcStatus.UNAUTHENTICATED);
    expect(a.details).toMatch(/not correct/);
  });

  it('refuses a wrong code, then locks the challenge after 5 attempts even for the right code', async () => {
    const conv = uniqueName('conv');
    const r = await start('demo-en', 'emma.carter@example.com', conv);
    const code = codeIn(await waitFor(() => messagesFor(conv)[0]));
    for (let i = 1; i <= 5; i += 1) {
      const s = await status(complete('demo-en', r.challengeId, wrong(code)));
      expect(s.code).toBe(grpcStatus.UNAUTHENTICATED);
      expect(s.details).toContain(`${5 - i} attempts left`);
    }
    const locked = await status(complete('demo-en', r.challengeId, code));
    expect(locked.code).toBe(grpcStatus.RESOURCE_EXHAUSTED);
    expect(locked.details).toMatch(/too many/);
  });

  it('refuses an expired code', async () => {
    const conv = uniqueName('conv');
    const r = await start('demo-pl', 'jan.kowalski@example.pl', conv);
    const code = codeIn(await waitFor(() => messagesFor(conv)[0]));
    h.advance(10 * 60_000 + 1000);
    const s = await status(complete('demo-pl', r.challengeId, code));
    expect(s.code).toBe(grpcStatus.UNAUTHENTICATED);
    expect(s.details).toMatch(/expired/);
  });

  it('refuses a replayed code', async () => {
    const conv = uniqueName('conv');
    const r = await start('demo-ko', 'seojun.park@example.kr', conv);
    const code = codeIn(await waitFor(() => messagesFor(conv)[0]));
    await complete('demo-ko', r.challengeId, code);
    const s = await status(complete('demo-ko', r.challengeId, code));
    expect(s.code).toBe(grpcStatus.UNAUTHENTICATED);
    expect(s.details).toMatch(/already used/);
  });

  it('throttles resends: the same conversation keeps its code, another conversation must wait', async () => {
    h.advance(2 * 3600_000);
    const conv = uniqueName('conv');
    const first = await start('demo-pl', 'zofia.wojcik@example.pl', conv);
    await waitFor(() => messagesFor(conv)[0]);
    const again = await start('demo-pl', 'zofia.wojcik@example.pl', conv);
    expect(again.challengeId).toBe(first.challengeId);
    const other = await status(start('demo-pl', 'zofia.wojcik@example.pl', uniqueName('conv')));
    expect(other.code).toBe(grpcStatus.RESOURCE_EXHAUSTED);
    expect(messagesFor(conv)).toHaveLength(1);
    // Unknown identifiers are throttled the same way (no enumeration through the throttle).
    const c2 = uniqueName('conv');
    await start('demo-pl', 'ktos@example.pl', c2);
    expect((await status(start('demo-pl', 'ktos@example.pl', uniqueName('conv')))).code).toBe(
      grpcStatus.RESOURCE_EXHAUSTED,
    );
  });

  it('previews (simulations) send nothing, return the code, and never use up the shopper’s codes (pl, ko, en)', async () => {
    h.advance(2 * 3600_000);
    const preview = (tenantId: string, identifier: string, conversationId: string) =>
      rpc(h.hub, h.hub.startSignIn, {
        tenantId,
        conversationId,
        method: SignInMethod.SIGN_IN_METHOD_EMAIL_CODE,
        identifier,
        identityToken: '',
        channel: 'webchat',
        preview: true,
      });
    // More preview sign-ins than a shopper may ask for in an hour, back to back.
    const convs: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const conv = uniqueName('sim');
      convs.push(conv);
      const r = await preview('demo-pl', 'zofia.wojcik@example.pl', conv);
      expect(r.maskedDestination).toBe('z***@e***.pl');
      expect(r.previewCode).toMatch(/^\d{6}$/);
      const done = await complete('demo-pl', r.challengeId, r.previewCode);
      expect(done.session).toMatchObject({ tenantId: 'demo-pl', conversationId: conv, customerId: '7101' });
    }
    // A Korean and an English one too; an unknown address gets no code to sign in with.
    convs.push(uniqueName('sim'));
    const ko = await preview('demo-ko', 'minji.kim@example.kr', convs.at(-1)!);
    expect((await complete('demo-ko', ko.challengeId, ko.previewCode)).session?.customerId).toBe('7001');
    const nobody = await preview('demo-en', 'nobody@example.com', uniqueName('sim'));
    expect(nobody.previewCode).toBe('');
    expect((await status(complete('demo-en', nobody.challengeId, '123456'))).code).toBe(
      grpcStatus.UNAUTHENTICATED,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(h.outbound.filter((m) => convs.includes(m.conversationId))).toEqual([]);
    // The shopper's own sign-in right after is not throttled by any of it.
    const live = uniqueName('conv');
    const r = await start('demo-pl', 'zofia.wojcik@example.pl', live);
    const msg = await waitFor(() => messagesFor(live)[0]);
    expect(r.previewCode).toBe('');
    expect((await complete('demo-pl', r.challengeId, codeIn(msg))).session?.customerId).toBe('7101');
  });

  it('rejects malformed identifiers and codes', async () => {
    expect((await status(start('demo-ko', 'not-an-email', uniqueName('c')))).code).toBe(
      grpcStatus.INVALID_ARGUMENT,
    );
    expect((await status(complete('demo-ko', 'x', '12ab56'))).code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect((await status(start('nope', 'a@b.cd', uniqueName('c')))).code).toBe(grpcStatus.NOT_FOUND);
  });
});

describe('identity token sign-in', () => {
  it('signs in at once with a valid HS256 storefront token', async () => {
    const conv = uniqueName('conv');
    const r = await withToken(
      'demo-ko',
      await hs256Token({ sub: '7001', jti: uniqueName('jti') }, { now: h.now() }),
      conv,
    );
    expect(r.session).toMatchObject({ tenantId: 'demo-ko', conversationId: conv, customerId: '7001' });
    const list = await rpc(h.orders, h.orders.listOrders, {
      tenantId: 'demo-ko',
      sessionId: r.session!.id,
      pageSize: 2,
      pageToken: '',
    });
    expect(list.orders).toHaveLength(2);
  });

  it('signs in with an RS256 token verified against the tenant JWKS (Shopify gid subject)', async () => {
    const token = await new SignJWT({ sub: 'gid://shopify/Customer/7101' })
      .setProtectedHeader({ alg: 'RS256', kid: 'wisla-1' })
      .setIssuer('https://wisla-outdoor.pl')
      .setAudience('boomerang:demo-pl')
      .setIssuedAt(Math.floor(h.now().getTime() / 1000))
      .setExpirationTime(Math.floor(h.now().getTime() / 1000) + 600)
      .sign(h.rsaKey);
    const r = await withToken('demo-pl', token);
    expect(r.session!.customerId).toBe('7101');
    // The same token verified with keys fetched from the storefront's JWKS URL.
    const remote = await withToken('demo-pl-remote', token);
    expect(remote.session!.customerId).toBe('7101');
  });

  it.each([
    ['expired', () => hs256Token({ sub: '7001' }, { now: h.now(), expIn: -120, iatAgo: 600 }), /expired/],
    [
      'wrong audience',
      () => hs256Token({ sub: '7001' }, { now: h.now(), aud: 'boomerang:demo-pl' }),
      /audience/,
    ],
    [
      'wrong issuer',
      () => hs256Token({ sub: '7001' }, { now: h.now(), iss: 'https://evil.example' }),
      /issuer/,
    ],
    [
      'wrong secret',
      () => hs256Token({ sub: '7001' }, { now: h.now(), secret: 'another-secret-another-secret-000' }),
      /signature/,
    ],
    [
      'no expiry',
      () =>
        new SignJWT({ sub: '7001' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('https://seoul-threads.kr')
          .setAudience('boomerang:demo-ko')
          .setIssuedAt(Math.floor(h.now().getTime() / 1000))
          .sign(new TextEncoder().encode('seoul-threads-storefront-secret-0123456789')),
      /expiry|exp/,
    ],
    ['unknown customer', () => hs256Token({ sub: '999999' }, { now: h.now() }), /no customer/],
    ['garbage', async () => 'not.a.jwt', /invalid/],
  ])('rejects a token with %s', async (_name, make, reason) => {
    const s = await status(withToken('demo-ko', await make()));
    expect(s.code).toBe(grpcStatus.UNAUTHENTICATED);
    expect(s.details).toMatch(reason);
  });

  it('rejects an HS256 token on a tenant that verifies RS256 keys (algorithm confusion)', async () => {
    const token = await hs256Token(
      { sub: '7101' },
      { now: h.now(), iss: 'https://wisla-outdoor.pl', aud: 'boomerang:demo-pl' },
    );
    const s = await status(withToken('demo-pl', token));
    expect(s.code).toBe(grpcStatus.UNAUTHENTICATED);
  });

  it('rejects a replayed token (same jti)', async () => {
    const token = await hs256Token({ sub: '7002', jti: uniqueName('jti') }, { now: h.now() });
    await withToken('demo-ko', token);
    const s = await status(withToken('demo-ko', token));
    expect(s.code).toBe(grpcStatus.UNAUTHENTICATED);
    expect(s.details).toMatch(/already used/);
  });

  it('is unavailable for tenants without a token verifier', async () => {
    const s = await status(withToken('demo-en', await hs256Token({ sub: '7201' }, { now: h.now() })));
    expect(s.code).toBe(grpcStatus.FAILED_PRECONDITION);
  });
});

describe('sessions', () => {
  it('are bound to their tenant and expire', async () => {
    const r = await withToken(
      'demo-ko',
      await hs256Token({ sub: '7001', jti: uniqueName('jti') }, { now: h.now() }),
    );
    const sessionId = r.session!.id;
    const cross = await status(
      rpc(h.orders, h.orders.listOrders, { tenantId: 'demo-pl', sessionId, pageSize: 1, pageToken: '' }),
    );
    expect(cross.code).toBe(grpcStatus.UNAUTHENTICATED);
    await rpc(h.hub, h.hub.getProfile, { tenantId: 'demo-ko', sessionId });
    h.advance(2 * 3600_000 + 1000);
    const expired = await status(rpc(h.hub, h.hub.getProfile, { tenantId: 'demo-ko', sessionId }));
    expect(expired.code).toBe(grpcStatus.UNAUTHENTICATED);
    const bogus = await status(
      rpc(h.orders, h.orders.getOrder, { tenantId: 'demo-ko', sessionId: 'made-up', orderRef: '#1001' }),
    );
    expect(bogus.code).toBe(grpcStatus.UNAUTHENTICATED);
  });
});
