import { demoTenants } from './demo';

it('demo tenant enables every channel whose fake is running', () => {
  const t = demoTenants({
    twilio: 'http://127.0.0.1:1',
    whatsapp: 'http://127.0.0.1:2',
    mail: 'http://127.0.0.1:3',
    naver: 'http://127.0.0.1:4',
  }).get('demo')!;
  expect(Object.keys(t.channels).sort()).toEqual(['email', 'kakao', 'naver', 'sms', 'webchat', 'whatsapp']);
  expect(t.channels.sms?.apiBaseUrl).toBe('http://127.0.0.1:1');
  expect(Object.keys(demoTenants({}).get('demo')!.channels).sort()).toEqual(['kakao', 'webchat']);
});
