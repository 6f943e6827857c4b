// "What did the vendor get?": a small local HTTP endpoint over the channel fakes' records, so a demo
// user (or `dist/send.js`) sees the reply exactly as Twilio, WhatsApp, Kakao, Naver or SendGrid would
// have received it. Read-only, except `POST /kakao/callback-url`, which hands out a one-time Kakao
// callback URL the way Open Builder puts one in a skill request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KakaoFake } from '@boomerang/fakes/kakao';
import type { MailFake } from '@boomerang/fakes/mail';
import type { NaverFake } from '@boomerang/fakes/naver';
import type { TwilioFake } from '@boomerang/fakes/twilio';
import type { WhatsAppFake } from '@boomerang/fakes/whatsapp';

export interface ChannelFakes {
  twilio: TwilioFake;
  whatsapp: WhatsAppFake;
  kakao: KakaoFake;
  naver: NaverFake;
  mail: MailFake;
}

/** One inbox list: what the vendor's API received, oldest first, each with its position (`seq`). */
export interface InboxList<T extends object = object> {
  vendor: string;
  fake: string;
  items: (T & { seq: number })[];
}

export const INBOX_LISTS = ['sms', 'whatsapp', 'mail', 'kakao', 'naver'] as const;
export type InboxListName = (typeof INBOX_LISTS)[number];

export interface Inbox {
  url: string;
  close(): Promise<void>;
}

/** A query value; a "+" of a phone number that arrived unencoded (a space) is put back. */
function param(url: URL, name: string): string | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  return /^ \d/.test(v) ? `+${v.slice(1)}` : v;
}

function list(fakes: ChannelFakes, name: InboxListName, url: URL): InboxList {
  const since = Number(url.searchParams.get('since') ?? 0) || 0;
  const numbered = <T extends object>(items: T[]) =>
    items.map((item, seq) => ({ ...item, seq }) as T & { seq: number }).filter((i) => i.seq >= since);
  const to = param(url, 'to');
  switch (name) {
    case 'sms':
      return {
        vendor: 'Twilio Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json)',
        fake: fakes.twilio.url,
        items: numbered(fakes.twilio.messages).filter((m) => !to || m.to === to),
      };
    case 'whatsapp':
      return {
        vendor: 'WhatsApp Cloud API (POST /{version}/{phone_number_id}/messages)',
        fake: fakes.whatsapp.url,
        items: numbered(fakes.whatsapp.messages).filter((m) => !to || m.to === to.replace(/^\+/, '')),
      };
    case 'mail':
      return {
        vendor: 'SendGrid v3 Mail Send (POST /v3/mail/send)',
        fake: fakes.mail.url,
        items: numbered(fakes.mail.sent).filter((m) => !to || m.to.includes(to)),
      };
    case 'kakao': {
      const id = param(url, 'id');
      return {
        vendor: 'Kakao i Open Builder callback (POST userRequest.callbackUrl)',
        fake: fakes.kakao.url,
        items: numbered(fakes.kakao.callbacks).filter((c) => !id || c.id === id),
      };
    }
    case 'naver': {
      const user = param(url, 'user');
      return {
        vendor: 'Naver TalkTalk send API (POST /chatbot/v1/event)',
        fake: fakes.naver.url,
        items: numbered(fakes.naver.sent).filter((s) => !user || s.user === user),
      };
    }
  }
}

export async function startInbox(options: {
  fakes: ChannelFakes;
  port: number;
  host: string;
  publicHost: string;
}): Promise<Inbox> {
  const { fakes } = options;
  let base = '';
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(`${JSON.stringify(body, null, 2)}\n`);
    };
    const url = new URL(req.url ?? '/', 'http://inbox');
    const name = url.pathname.replace(/^\/+|\/+$/g, '');
    if (req.method === 'POST' && name === 'kakao/callback-url')
      return send(201, { callbackUrl: fakes.kakao.newCallbackUrl(), validForSeconds: 60, uses: 1 });
    if (req.method !== 'GET') return send(405, { error: 'GET only (and POST /kakao/callback-url)' });
    if (name === '') {
      return send(
        200,
        Object.fromEntries(
          INBOX_LISTS.map((l) => {
            const { vendor, fake, items } = list(fakes, l, url);
            return [l, { vendor, fake, received: items.length, list: `${base}/${l}` }];
          }),
        ),
      );
    }
    if ((INBOX_LISTS as readonly string[]).includes(name))
      return send(200, list(fakes, name as InboxListName, url));
    send(404, { error: `no such list; try ${INBOX_LISTS.map((l) => `/${l}`).join(', ')}` });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  base = `http://${options.publicHost}:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
