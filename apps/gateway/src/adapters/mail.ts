import type { RenderedEmail } from '../domain/render/email';
import type { Tenant } from '../domain/tenants';
import { type FetchLike, sendWithRetry } from './http';

type Email = NonNullable<Tenant['channels']['email']>;

export interface MailThread {
  inReplyTo: string;
}

/** SendGrid v3 Mail Send or Mailgun Messages, per the tenant's outbound provider. */
export async function sendEmail(
  fetch: FetchLike,
  cfg: Email,
  to: string,
  mail: RenderedEmail,
  thread: MailThread,
  idempotencyKey: string,
): Promise<string> {
  const threadHeaders: Record<string, string> = thread.inReplyTo
    ? { 'In-Reply-To': thread.inReplyTo, References: thread.inReplyTo }
    : {};
  const out = cfg.outbound;
  if (out.provider === 'sendgrid') {
    const res = await sendWithRetry(
      `${out.apiBaseUrl.replace(/\/$/, '')}/v3/mail/send`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${out.apiKey}`,
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({
          personalizations: [{ to: [{ email: to }] }],
          from: { email: cfg.address, ...(cfg.fromName ? { name: cfg.fromName } : {}) },
          subject: mail.subject,
          content: [
            { type: 'text/plain', value: mail.text },
            { type: 'text/html', value: mail.html },
          ],
          headers: { ...threadHeaders, 'X-Boomerang-Message-Id': idempotencyKey },
        }),
      },
      { fetch, what: 'sendgrid mail send' },
    );
    return res.headers.get('x-message-id') ?? '';
  }
  const form = new URLSearchParams({
    from: cfg.fromName ? `${cfg.fromName} <${cfg.address}>` : cfg.address,
    to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    'h:X-Boomerang-Message-Id': idempotencyKey,
  });
  for (const [k, v] of Object.entries(threadHeaders)) form.set(`h:${k}`, v);
  const res = await sendWithRetry(
    `${out.apiBaseUrl.replace(/\/$/, '')}/v3/${out.domain}/messages`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`api:${out.apiKey}`).toString('base64')}`,
      },
      body: form.toString(),
    },
    { fetch, what: 'mailgun messages' },
  );
  return String(res.json<{ id?: string }>()?.id ?? '');
}
