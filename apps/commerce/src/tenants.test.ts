import { parseTenants } from './tenants';

const base = {
  shopify: {
    shopDomain: 'wisla-outdoor.myshopify.com',
    accessToken: 'env:WISLA_TOKEN',
    webhookSecret: 'env:WISLA_HOOK',
  },
  returns: { kind: 'loop', apiKey: 'env:WISLA_LOOP' },
};

it('reads secrets from the environment and applies documented defaults', () => {
  const t = parseTenants(
    { 'demo-pl': base },
    { WISLA_TOKEN: 'shpat_x', WISLA_HOOK: 'hook', WISLA_LOOP: 'loop_x' },
  ).get('demo-pl')!;
  expect(t.shopify).toMatchObject({ accessToken: 'shpat_x', webhookSecret: 'hook', apiVersion: '2025-01' });
  expect(t.returns).toMatchObject({
    kind: 'loop',
    apiKey: 'loop_x',
    baseUrl: 'https://api.loopreturns.com/api/v1',
    lookup: 'zip',
  });
  expect(t.resilience.maxAttempts).toBe(3);
  expect(t.sessionTtlSeconds).toBe(7200);
});

it('fails naming the missing variable and every invalid field', () => {
  expect(() => parseTenants({ 'demo-pl': base }, { WISLA_TOKEN: 'x', WISLA_HOOK: 'y' })).toThrow(
    /returns\.apiKey refers to WISLA_LOOP/,
  );
  expect(() =>
    parseTenants(
      { 'Bad Tenant!': {}, ok: { identity: { issuer: 'i', audience: 'a' }, returns: { kind: 'narvar' } } },
      {},
    ),
  ).toThrow(/Bad Tenant!|identity|returns/);
  expect(() => parseTenants({ ok: { identity: { issuer: 'i', audience: 'a' } } }, {})).toThrow(
    /one of hs256Secret, jwksUrl or jwks is required/,
  );
});

it('takes the brand display name trimmed, and refuses one that would break an e-mail subject', () => {
  expect(
    parseTenants({ 'demo-pl': { displayName: ' Różany Flakon ' } }, {}).get('demo-pl')?.displayName,
  ).toBe('Różany Flakon');
  expect(() => parseTenants({ 'demo-pl': { displayName: 'Różany\r\nBcc: x@evil.test' } }, {})).toThrow(
    /displayName: no control characters/,
  );
});
