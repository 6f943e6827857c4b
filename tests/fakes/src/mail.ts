// Email fakes: SendGrid v3 Mail Send and Mailgun Messages (outbound), plus client-side builders
// for the inbound webhooks: SendGrid Inbound Parse (multipart/form-data, secret path, no signature)
// and Mailgun routes forward() (signature = hex HMAC-SHA256(signing key, timestamp + token)).
import { createHmac, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { createFakeApp, type FakeServer, listen } from './http';

/** hex(HMAC-SHA256(signingKey, timestamp + token)), Mailgun's webhook signature. */
export function signMailgun(signingKey: string, timestamp: string, token: string): string {
  return createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
}

export interface InboundMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
}

/** A Mailgun routes forward() body (urlencoded), signed with `signingKey`. */
export function mailgunInboundForm(
  mail: InboundMail,
  signingKey: string,
  options: { timestamp?: number; token?: string } = {},
): { body: string; headers: Record<string, string>; fields: Record<string, string> } {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const token = options.token ?? randomBytes(25).toString('hex');
  const messageId = mail.messageId ?? `<${randomBytes(8).toString('hex')}@mail.example>`;
  const headers: [string, string][] = [
    ['From', mail.from],
    ['To', mail.to],
    ['Subject', mail.subject],
    ['Message-Id', messageId],
  ];
  if (mail.inReplyTo) headers.push(['In-Reply-To', mail.inReplyTo]);
  const fields: Record<string, string> = {
    recipient: mail.to,
    sender: mail.from.replace(/^.*<([^>]+)>.*$/, '$1'),
    from: mail.from,
    subject: mail.subject,
    'body-plain': mail.text,
    'body-html': mail.html ?? '',
    'attachment-count': '0',
    'Message-Id': messageId,
    'message-headers': JSON.stringify(headers),
    timestamp,
    token,
    signature: signMailgun(signingKey, timestamp, token),
  };
  return {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    fields,
  };
}

/** Encodes fields as multipart/form-data (what SendGrid Inbound Parse posts). */
export function multipartForm(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `xYzZY${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`, 'utf8'),
    );
    parts.push(Buffer.from(value, 'utf8'));
    parts.push(Buffer.from('\r\n', 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A SendGrid Inbound Parse (default, non-raw mode) POST body. */
export function sendgridInboundForm(mail: InboundMail): {
  body: Buffer;
  headers: Record<string, string>;
  fields: Record<string, string>;
} {
  const messageId = mail.messageId ?? `<${randomBytes(8).toString('hex')}@mail.example>`;
  const rawHeaders = [
    `Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn Wed, 27 Jul 2016 20:53:06 +0000 (UTC)`,
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    `Message-ID: ${messageId}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    'MIME-Version: 1.0',
  ].join('\n');
  const fields: Record<string, string> = {
    headers: rawHeaders,
    dkim: '{@mail.example : pass}',
    'content-ids': '{}',
    to: mail.to,
    from: mail.from,
    text: mail.text,
    html: mail.html ?? '',
    sender_ip: '209.85.223.175',
    spam_report: '',
    envelope: JSON.stringify({
      to: [mail.to.replace(/^.*<([^>]+)>.*$/, '$1')],
      from: mail.from.replace(/^.*<([^>]+)>.*$/, '$1'),
    }),
    attachments: '0',
    subject: mail.subject,
    spam_score: '0.1',
    charsets: JSON.stringify({ to: 'UTF-8', html: 'UTF-8', subject: 'UTF-8', from: 'UTF-8', text: 'UTF-8' }),
    SPF: 'pass',
  };
  const { body, contentType } = multipartForm(fields);
  return { body, headers: { 'content-type': contentType }, fields };
}

export interface SentMail {
  provider: 'sendgrid' | 'mailgun';
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  id: string;
}

export interface MailFixtures {
  /** SendGrid API keys accepted (Bearer). */
  sendgridKeys?: string[];
  /** Mailgun domain → API key (Basic api:<key>). */
  mailgunDomains?: Record<string, string>;
}

export type MailFake = FakeServer & { sent: SentMail[] };

export async function startFake(options: { port?: number; fixtures?: MailFixtures } = {}): Promise<MailFake> {
  const keys = new Set(options.fixtures?.sendgridKeys ?? ['SG.demo-sendgrid-key']);
  const domains = options.fixtures?.mailgunDomains ?? { 'mg.demo.test': 'demo-mailgun-api-key' };
  const built = createFakeApp();
  const sent: SentMail[] = [];
  const byKey = new Map<string, SentMail>();

  // SendGrid v3 Mail Send: 202 with an empty body and X-Message-Id.
  built.app.post('/v3/mail/send', (req: Request, res: Response) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!keys.has(token))
      return res.status(401).json({
        errors: [
          {
            message: 'The provided authorization grant is invalid, expired, or revoked',
            field: null,
            help: null,
          },
        ],
      });
    const b = req.body as Record<string, any>;
    const to = b?.personalizations?.[0]?.to?.[0]?.email;
    const errors: { message: string; field: string }[] = [];
    if (!to)
      errors.push({
        message:
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        field: 'personalizations.0.to',
      });
    if (!b?.from?.email)
      errors.push({ message: 'The from object must be provided for every email send.', field: 'from.email' });
    const subject = b?.subject ?? b?.personalizations?.[0]?.subject;
    if (!subject) errors.push({ message: 'The subject is required.', field: 'subject' });
    const content: { type: string; value: string }[] = b?.content ?? [];
    if (!content.length)
      errors.push({
        message: 'Unless a valid template_id is provided, the content parameter is required.',
        field: 'content',
      });
    if (content.length && content[0]!.type !== 'text/plain' && content.some((c) => c.type === 'text/plain')) {
      errors.push({
        message: 'If present, text/plain must be first, followed by text/html.',
        field: 'content.0.type',
      });
    }
    if (errors.length) return res.status(400).json({ errors });
    const key = req.headers['idempotency-key'] as string | undefined;
    const existing = key ? byKey.get(key) : undefined;
    const mail = existing ?? {
      provider: 'sendgrid' as const,
      to,
      from: b.from.email,
      subject,
      text: content.find((c) => c.type === 'text/plain')?.value ?? '',
      html: content.find((c) => c.type === 'text/html')?.value ?? '',
      headers: b.headers ?? {},
      id: randomBytes(11).toString('base64url'),
    };
    if (!existing) {
      sent.push(mail);
      if (key) byKey.set(key, mail);
    }
    res.setHeader('X-Message-Id', mail.id);
    res.status(202).end();
  });

  // Mailgun Messages: form fields to/from/subject/text/html, h:<Header>.
  built.app.post('/v3/:domain/messages', (req: Request, res: Response) => {
    const domain = String(req.params.domain);
    const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString('utf8')
      .split(':');
    if (user !== 'api' || domains[domain] === undefined || domains[domain] !== pass)
      return res.status(401).send('Forbidden');
    const f = (req.body ?? {}) as Record<string, string>;
    if (!f.to || !f.from) return res.status(400).json({ message: "'to' and 'from' parameters are missing" });
    if (!f.text && !f.html)
      return res.status(400).json({ message: 'Need at least one of text or html parameters specified' });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) if (k.startsWith('h:')) headers[k.slice(2)] = v;
    const mail: SentMail = {
      provider: 'mailgun',
      to: f.to,
      from: f.from,
      subject: f.subject ?? '',
      text: f.text ?? '',
      html: f.html ?? '',
      headers,
      id: `<${randomBytes(8).toString('hex')}@${domain}>`,
    };
    sent.push(mail);
    res.json({ id: mail.id, message: 'Queued. Thank you.' });
  });

  const server = await listen(built, options.port ?? 0);
  return Object.assign(server, { sent });
}
