import { loadTenants } from './tenants';

const doc = {
  shop: {
    language: 'pl',
    channels: {
      sms: {
        accountSid: `AC${'a'.repeat(32)}`,
        authToken: { env: 'SHOP_TWILIO_TOKEN' },
        from: '+48500100200',
      },
      kakao: { botId: 'bot-1' },
    },
  },
};

describe('tenants config', () => {
  it('resolves secrets from the environment and applies vendor defaults', () => {
    const t = loadTenants(doc, { SHOP_TWILIO_TOKEN: 'tok' }).get('shop')!;
    expect(t.channels.sms).toMatchObject({ authToken: 'tok', apiBaseUrl: 'https://api.twilio.com' });
    expect(t.language).toBe('pl');
  });

  it('fails naming the missing variable and the invalid field', () => {
    expect(() => loadTenants(doc, {})).toThrow(/SHOP_TWILIO_TOKEN \(for shop\.channels\.sms\.authToken\)/);
    expect(() =>
      loadTenants(
        { shop: { channels: { sms: { accountSid: 'nope', authToken: { value: 'x' }, from: '+1' } } } },
        {},
      ),
    ).toThrow(/shop\.channels\.sms\.accountSid: Twilio AccountSid/);
  });
});
