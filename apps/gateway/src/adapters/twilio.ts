import type { Tenant } from '../domain/tenants';
import { type FetchLike, sendWithRetry } from './http';

type Sms = NonNullable<Tenant['channels']['sms']>;

/** POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form, Basic AccountSid:AuthToken). */
export async function sendTwilioSms(
  fetch: FetchLike,
  cfg: Sms,
  to: string,
  body: string,
  idempotencyKey: string,
): Promise<string> {
  const form = new URLSearchParams({ To: to, Body: body });
  if (cfg.messagingServiceSid) form.set('MessagingServiceSid', cfg.messagingServiceSid);
  else form.set('From', cfg.from ?? '');
  const res = await sendWithRetry(
    `${cfg.apiBaseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${cfg.accountSid}/Messages.json`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')}`,
        'i-twilio-idempotency-token': idempotencyKey,
      },
      body: form.toString(),
    },
    { fetch, what: 'twilio messages' },
  );
  return String(res.json<{ sid?: string }>()?.sid ?? '');
}
