// The one-time sign-in code names the brand it is for — in the e-mail's subject and in its text, in
// the shopper's language — not only in the sender's display name (which many mail clients and every
// SMS hide). The name is the tenant's `displayName`; without one the text stays generic.
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { SignInMethod } from '@boomerang/proto/boomerang/commerce/v1/customer_hub';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { codeIn, type Harness, rpc, startHarness, textOf } from './__tests__/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function codeMessage(
  tenantId: string,
  identifier: string,
  method = SignInMethod.SIGN_IN_METHOD_EMAIL_CODE,
) {
  const conversationId = uniqueName('conv');
  await rpc(h.hub, h.hub.startSignIn, {
    tenantId,
    conversationId,
    method,
    identifier,
    identityToken: '',
    channel: method === SignInMethod.SIGN_IN_METHOD_SMS_CODE ? 'sms' : 'webchat',
    preview: false,
  });
  return waitFor(() => h.outbound.find((m) => m.conversationId === conversationId));
}

test.each([
  {
    tenant: 'demo-ko',
    email: 'seojun.park@example.kr',
    language: 'ko',
    subject: (code: string) => `[서울 스레드] 로그인 인증 코드: ${code}`,
    text: (code: string) => `[서울 스레드] 로그인 인증 코드는 ${code} 입니다.`,
  },
  {
    tenant: 'demo-pl',
    email: 'jan.kowalski@example.pl',
    language: 'pl',
    subject: (code: string) => `Twój kod logowania do sklepu Wisła Outdoor: ${code}`,
    text: (code: string) => `Twój kod logowania do sklepu Wisła Outdoor to ${code}.`,
  },
  {
    tenant: 'demo-en',
    email: 'liam.brooks@example.com',
    language: 'en',
    subject: (code: string) => `Your Harbor & Pine sign-in code: ${code}`,
    text: (code: string) => `Your Harbor & Pine sign-in code is ${code}.`,
  },
])('$language: the code e-mail names the brand in its subject and text', async (c) => {
  const msg = await codeMessage(c.tenant, c.email);
  expect(msg.channel).toBe(Channel.CHANNEL_EMAIL);
  expect(msg.language).toBe(c.language);
  const code = codeIn(msg);
  expect(msg.subject).toBe(c.subject(code));
  expect(textOf(msg)).toContain(c.text(code));
});

test('an SMS code names the brand too', async () => {
  const msg = await codeMessage('demo-pl', '+48 601 234 567', SignInMethod.SIGN_IN_METHOD_SMS_CODE);
  expect(msg.channel).toBe(Channel.CHANNEL_SMS);
  expect(textOf(msg)).toMatch(/^Twój kod logowania do sklepu Wisła Outdoor to \d{6}\./);
});

test('a tenant without a display name gets the generic text (no empty brand)', async () => {
  const msg = await codeMessage('demo-en-other', 'emma.carter@example.com');
  expect(msg.subject).toBe('Your verification code');
  expect(textOf(msg)).toMatch(/^Your verification code is \d{6}\. It expires in 10 minutes\./);
});
