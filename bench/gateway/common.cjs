// Shared by the benchmark's processes: the bench tenant, pre-signed request builders, percentiles.
'use strict';
const { createHmac, randomBytes } = require('node:crypto');

const ACCOUNT = `AC${'0'.repeat(32)}`;
const TWILIO_TOKEN = 'bench-twilio-token';
const WA_SECRET = 'bench-whatsapp-secret';

const TENANTS = {
  bench: {
    channels: {
      sms: {
        accountSid: ACCOUNT,
        authToken: { value: TWILIO_TOKEN },
        from: '+15005550006',
        apiBaseUrl: 'http://127.0.0.1:9',
      },
      whatsapp: {
        phoneNumberId: '1065',
        appSecret: { value: WA_SECRET },
        verifyToken: { value: 'v' },
        accessToken: { value: 'a' },
        graphBaseUrl: 'http://127.0.0.1:9',
      },
    },
  },
};

const TEXTS = ['반품하고 싶어요', 'Chcę zwrócić kurtkę', 'I want to return my jacket'];

function signTwilio(url, params) {
  let data = url;
  for (const k of Object.keys(params).sort()) data += k + params[k];
  return createHmac('sha1', TWILIO_TOKEN).update(data).digest('base64');
}

/** Unique, correctly signed Twilio SMS webhooks (one sender per request: the rate limit never bites). */
function twilioRequests(base, n, salt = randomBytes(4).toString('hex')) {
  const url = `${base}/v1/twilio/bench/sms`;
  return Array.from({ length: n }, (_, i) => {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const params = {
      MessageSid: sid,
      SmsSid: sid,
      SmsMessageSid: sid,
      AccountSid: ACCOUNT,
      From: `+48${parseInt(salt, 16) % 1000}${String(i).padStart(7, '0')}`,
      To: '+15005550006',
      Body: TEXTS[i % 3],
      NumMedia: '0',
      NumSegments: '1',
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
    };
    return {
      path: '/v1/twilio/bench/sms',
      body: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilio(url, params),
      },
    };
  });
}

/** Unique, correctly signed WhatsApp Cloud webhooks (one message each). */
function whatsappRequests(n, salt = randomBytes(4).toString('hex')) {
  return Array.from({ length: n }, (_, i) => {
    const from = `48${salt}${i}`;
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '1555', phone_number_id: '1065' },
                contacts: [{ profile: { name: 'Shopper' }, wa_id: from }],
                messages: [
                  {
                    from,
                    id: `wamid.${randomBytes(12).toString('hex')}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: TEXTS[i % 3] },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    return {
      path: '/v1/whatsapp/bench',
      body,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', WA_SECRET).update(body).digest('hex')}`,
      },
    };
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

module.exports = { TENANTS, twilioRequests, whatsappRequests, percentile };
