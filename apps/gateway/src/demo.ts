// Demo tenant for `npm start` (apps/stack): every channel on, pointing at the local fakes with the
// fakes' default credentials. Never used unless the launcher asks for it.
import { loadTenants, type Tenants } from './domain/tenants';

export interface FakeUrls {
  twilio?: string;
  whatsapp?: string;
  mail?: string;
  naver?: string;
}

export function demoTenants(
  fakes: FakeUrls,
  tenantId = 'demo',
  language: 'ko' | 'pl' | 'en' = 'en',
): Tenants {
  const channels: Record<string, unknown> = {
    webchat: { allowedOrigins: ['*'] },
    kakao: { botId: 'demo-kakao-bot' },
  };
  if (fakes.twilio) {
    channels.sms = {
      accountSid: `AC${'0'.repeat(32)}`,
      authToken: { value: 'demo-twilio-auth-token' },
      from: '+15005550006',
      apiBaseUrl: fakes.twilio,
    };
  }
  if (fakes.whatsapp) {
    channels.whatsapp = {
      phoneNumberId: '106540352242922',
      appSecret: { value: 'demo-whatsapp-app-secret' },
      verifyToken: { value: 'demo-whatsapp-verify-token' },
      accessToken: { value: 'demo-whatsapp-access-token' },
      graphBaseUrl: fakes.whatsapp,
    };
  }
  if (fakes.mail) {
    channels.email = {
      address: 'support@demo.test',
      fromName: 'Demo Store',
      sendgridInboundSecret: { value: 'demo-sendgrid-inbound-secret' },
      mailgunSigningKey: { value: 'demo-mailgun-signing-key' },
      outbound: { provider: 'sendgrid', apiKey: { value: 'SG.demo-sendgrid-key' }, apiBaseUrl: fakes.mail },
    };
  }
  if (fakes.naver)
    channels.naver = { authorization: { value: 'demo-naver-authorization' }, apiBaseUrl: fakes.naver };
  return loadTenants({ [tenantId]: { language, channels } }, {});
}
