// `node apps/stack/dist/send.js --brand demo-ko --channel kakao --text '반품 기간이 어떻게 되나요?'`:
// posts one shopper message to the running demo stack's webhook for that channel, signed the way the
// vendor signs it with the install's secrets (<BOOMERANG_HOME>/secrets.json), prints the gateway's
// answer, then the reply as the vendor's API received it (from the fakes' inbox) or, on Kakao and
// Naver, as the inline answer. `--forge` signs with a wrong secret: the gateway must refuse it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHANNEL_TITLES, type DemoSecrets, VENDOR_CHANNELS, type VendorChannel } from './demo/channels';
import type { InboxList } from './demo/inbox';
import { describeReply, isHolding } from './demo/replies';
import { defaultSender, deliver, vendorRequest } from './demo/vendor-requests';
import { STATE_FILE, type StackState } from './state';

export const USAGE = `Usage:
  node apps/stack/dist/send.js --brand <tenant> --channel <channel> --text '<message>' [options]
  node apps/stack/dist/send.js --list

Channels: ${VENDOR_CHANNELS.join(', ')} (web chat: open the brand's demo page)
Options:
  --from <id>        sender: phone (sms), wa_id (whatsapp), address (email), user key (kakao, naver);
                     default: the brand's demo shopper (sms, whatsapp, email) or a fixed demo user
  --postback <p>     a tapped button's payload (WhatsApp reply id, Kakao clientExtra, Naver code)
  --via <provider>   email: mailgun (signed, default) or sendgrid (Inbound Parse, secret URL path)
  --subject <s>      email subject
  --forge            sign with a wrong secret (or URL key): expect 401/403
  --timeout <s>      how long to wait for the reply (default 30)
  --no-wait          don't wait for the reply
  --json             print the vendor payloads as JSON
  --home <dir>       the stack's BOOMERANG_HOME (default: $BOOMERANG_HOME, ./.boomerang, apps/stack/.boomerang)
  --list             print every brand's webhook URLs`;

export interface SendIo {
  out: (line: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

class UsageError extends Error {}

/** The running stack's home: --home, BOOMERANG_HOME, ./.boomerang, or apps/stack/.boomerang (npm start). */
function findHome(given: string | undefined, io: SendIo): string {
  if (given) return path.resolve(io.cwd, given);
  if (io.env.BOOMERANG_HOME) return path.resolve(io.cwd, io.env.BOOMERANG_HOME);
  const local = path.resolve(io.cwd, '.boomerang');
  if (existsSync(path.join(local, STATE_FILE))) return local;
  return path.resolve(__dirname, '..', '.boomerang');
}

function readJson<T>(file: string, what: string): T {
  if (!existsSync(file)) throw new UsageError(what);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const INBOX_LIST: Record<VendorChannel, 'sms' | 'whatsapp' | 'mail' | 'kakao' | 'naver'> = {
  sms: 'sms',
  whatsapp: 'whatsapp',
  email: 'mail',
  kakao: 'kakao',
  naver: 'naver',
};

async function inbox<T extends object>(base: string, list: string, query: Record<string, string>) {
  const res = await fetch(`${base}/${list}?${new URLSearchParams(query)}`);
  if (!res.ok) throw new Error(`inbox ${list}: HTTP ${res.status}`);
  return (await res.json()) as InboxList<T>;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: SendIo): Promise<number> {
  const { out } = io;
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    out(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const v = args.values;
  if (v.help) {
    out(USAGE);
    return 0;
  }
  try {
    const home = findHome(v.home, io);
    const state = readJson<StackState>(
      path.join(home, STATE_FILE),
      `no running Boomerang stack found in ${home} (start it with npm start, or pass --home / BOOMERANG_HOME)`,
    );
    if (v.list) {
      for (const c of Object.values(state.channels)) {
        out(`${c.name} (${c.tenantId})`);
        for (const [name, url] of Object.entries(c.webhooks))
          if (name !== 'email') out(`  ${name.padEnd(9)} ${url}`);
      }
      out(`fake vendors' inbox: ${state.urls.inbox}`);
      return 0;
    }
    const brand = state.channels[v.brand ?? ''];
    if (!brand)
      throw new UsageError(
        `--brand is one of: ${Object.keys(state.channels).join(', ')} (got "${v.brand ?? ''}")`,
      );
    const channel = v.channel as VendorChannel;
    if (!VENDOR_CHANNELS.includes(channel))
      throw new UsageError(`--channel is one of: ${VENDOR_CHANNELS.join(', ')} (got "${v.channel ?? ''}")`);
    if (v.text === undefined) throw new UsageError('--text is required');
    if (v.via && v.via !== 'mailgun' && v.via !== 'sendgrid')
      throw new UsageError('--via is mailgun or sendgrid');
    const secrets = readJson<DemoSecrets>(path.join(home, 'secrets.json'), `no secrets.json in ${home}`);
    const brandSecrets = secrets.channels?.[brand.tenantId];
    if (!brandSecrets) throw new UsageError(`secrets.json has no channel secrets for ${brand.tenantId}`);

    const from = v.from ?? defaultSender(channel, brand);
    const list = INBOX_LIST[channel];
    const counts = (await (await fetch(`${state.urls.inbox}/`)).json()) as Record<
      string,
      { received: number }
    >;
    const since = String(counts[list]?.received ?? 0);
    let callbackUrl: string | undefined;
    if (channel === 'kakao') {
      const res = await fetch(`${state.urls.inbox}/kakao/callback-url`, { method: 'POST' });
      callbackUrl = ((await res.json()) as { callbackUrl: string }).callbackUrl;
    }
    const req = vendorRequest(channel, brand, brandSecrets, {
      text: v.text,
      from,
      postback: v.postback,
      subject: v.subject,
      via: v.via as 'mailgun' | 'sendgrid' | undefined,
      callbackUrl,
      forge: v.forge,
    });
    out(
      `→ ${CHANNEL_TITLES[channel]} to ${brand.name} (${brand.tenantId}) from ${from}${v.forge ? ', FORGED' : ''}`,
    );
    out(`  POST ${req.url}`);
    out(`  signed with: ${req.auth}`);
    const answer = await deliver(req);
    const ok = answer.status >= 200 && answer.status < 300;
    // The synchronous channels' answer is the reply itself: shown below, not as a raw body.
    const inline = ok && (channel === 'kakao' || channel === 'naver');
    out(
      `← HTTP ${answer.status} in ${Math.round(answer.ms)} ms${answer.text && !inline ? `: ${answer.text.slice(0, 300)}` : ''}`,
    );
    if (v.forge) {
      out(ok ? '✖ the gateway accepted a forged request' : '✔ refused, as it should be');
      return ok ? 1 : 0;
    }
    if (!ok) return 1;

    const show = (lines: string[], raw: unknown) => {
      for (const l of lines) out(l);
      if (v.json) out(JSON.stringify(raw, null, 2));
    };
    if ((channel === 'kakao' || channel === 'naver') && !isHolding(channel, answer.body)) {
      out(`Reply (inline, in the ${channel === 'kakao' ? 'SkillResponse' : 'webhook answer'}):`);
      show(describeReply(channel, answer.body as Record<string, unknown>), answer.body);
      return 0;
    }
    if (v['no-wait']) return 0;
    if (channel === 'kakao' || channel === 'naver')
      out('  (a holding answer: the reply follows through the vendor API)');
    const query: Record<string, string> = { since };
    if (channel === 'kakao') query.id = callbackUrl!.split('/').pop()!;
    else if (channel === 'naver') query.user = from;
    else query.to = from;
    const deadline = Date.now() + Number(v.timeout ?? 30) * 1000;
    let got = await inbox<Record<string, unknown>>(state.urls.inbox, list, query);
    while (got.items.length === 0 && Date.now() < deadline) {
      await sleep(200);
      got = await inbox(state.urls.inbox, list, query);
    }
    if (got.items.length === 0) {
      out(`✖ no reply at the ${got.vendor ?? list} fake within ${v.timeout ?? 30} s`);
      return 1;
    }
    // A reply can be several vendor messages (e.g. a WhatsApp text, then its button message).
    for (let n = -1; n !== got.items.length; ) {
      n = got.items.length;
      await sleep(1500);
      got = await inbox(state.urls.inbox, list, query);
    }
    out(`Reply (what the fake received: ${got.vendor}; ${state.urls.inbox}/${list}):`);
    for (const item of got.items) show(describeReply(channel, item), item);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      out(err.message);
      return 2;
    }
    const e = err as Error & { cause?: { code?: string } };
    if (e.cause?.code === 'ECONNREFUSED') {
      out(`the stack does not answer (${e.cause.code}): is npm start still running?`);
      return 1;
    }
    throw err;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      brand: { type: 'string', short: 'b' },
      channel: { type: 'string', short: 'c' },
      text: { type: 'string', short: 't' },
      from: { type: 'string' },
      postback: { type: 'string' },
      via: { type: 'string' },
      subject: { type: 'string' },
      forge: { type: 'boolean' },
      timeout: { type: 'string' },
      'no-wait': { type: 'boolean' },
      json: { type: 'boolean' },
      home: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (l) => console.log(l), env: process.env, cwd: process.cwd() }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
