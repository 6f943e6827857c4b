// A brand onboards itself in the stack: `startStack({ brandsFile })` with the documented example
// (apps/stack/examples/brands.json: a Polish brand that is not a demo brand, with its own sample
// orders and a plain portal URL), then the admin CLI — the same code as `node apps/stack/dist/admin.js`
// — uploads its policy document, puts its eligibility policy, sets the desk handoff and turns web chat
// on, all through the services' admin APIs. A shopper on web chat then gets a policy answer cited from
// that brand's document, signs in by one-time code and gets a portal link for their order. A brands
// file with a mistake is refused at start, naming the field.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@boomerang/kit/grpc';
import { waitFor } from '@boomerang/kit/testing';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';
import { infraOptions } from './__tests__/infra';
import { partOf, textOf, WebchatClient } from './__tests__/webchat-client';
import { main as adminCli } from './admin';
import { BrandsFileError } from './brands-file';
import { brandsFileOf } from './index';
import { type RunningStack, startStack } from './launcher';

const EXAMPLES = path.resolve(__dirname, '..', 'examples');
const REPO = path.resolve(__dirname, '..', '..', '..');
const home = mkdtempSync(path.join(tmpdir(), 'boomerang-onboarding-'));
const scratch = mkdtempSync(path.join(tmpdir(), 'boomerang-brands-'));
const infra = infraOptions();
const lines: string[] = [];
let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack({
    ...infra.options,
    home,
    portBase: 0,
    brandsFile: path.join(EXAMPLES, 'brands.json'),
    print: (l) => lines.push(l),
    logLevel: 'warn',
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await infra.cleanup();
  rmSync(home, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the admin CLI against the running stack, from the repository root. */
async function admin(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await adminCli([...argv, '--home', home], { out: (l) => out.push(l), env: {}, cwd: REPO });
  return { code, out: out.join('\n') };
}

const example = (...p: string[]) => path.relative(REPO, path.join(EXAMPLES, ...p));

it('refuses a brands file with a mistake at start, naming each bad field, before anything starts', async () => {
  const brands = JSON.parse(readFileSync(path.join(EXAMPLES, 'brands.json'), 'utf8'));
  copyFileSync(path.join(EXAMPLES, 'glina', 'orders.json'), path.join(scratch, 'orders.json'));
  brands.brands[0].shopify.fixture = 'orders.json';
  brands.brands[0].storeCountry = 'Polska';
  brands.brands[0].returns.urlTemplate = 'https://glina.example.pl/zwroty?nr={order}';
  const file = path.join(scratch, 'brands.json');
  writeFileSync(file, JSON.stringify(brands));
  const started: string[] = [];
  const failure = await startStack({ brandsFile: file, portBase: 0, print: (l) => started.push(l) }).then(
    (s) => s.stop().then(() => undefined),
    (err: unknown) => err as BrandsFileError,
  );
  expect(failure).toBeInstanceOf(BrandsFileError);
  expect(failure!.message).toContain(file);
  expect(failure!.problems.map((p) => p.field)).toEqual([
    'brands[0].storeCountry',
    'brands[0].returns.urlTemplate',
  ]);
  expect(failure!.message).toContain('unknown placeholder {order}');
  expect(started).toEqual([]);

  // A token written into the file instead of an env: reference, and an order of nobody.
  const fixture = JSON.parse(readFileSync(path.join(scratch, 'orders.json'), 'utf8'));
  fixture.orders[0].customerId = '404';
  writeFileSync(path.join(scratch, 'orders.json'), JSON.stringify(fixture));
  brands.brands[0].storeCountry = 'PL';
  brands.brands[0].returns.urlTemplate = 'https://glina.example.pl/zwroty?nr={order_number}';
  brands.brands.push({
    ...brands.brands[0],
    tenantId: 'glina-kr',
    shopify: { shopDomain: 'glina-kr.myshopify.com', accessToken: 'shpat_0123' },
  });
  writeFileSync(file, JSON.stringify(brands));
  await expect(startStack({ brandsFile: file, portBase: 0, print: () => undefined })).rejects.toThrow(
    /brands\[0\]\.shopify\.fixture \(orders\.json\)\.orders\[0\]\.customerId: "404" is not in customers[\s\S]*brands\[1\]\.shopify\.accessToken: write the Admin API access token as "env:VARIABLE_NAME"/,
  );
});

it('npm start reads BOOMERANG_BRANDS or --brands relative to where it was typed', () => {
  expect(brandsFileOf([], { INIT_CWD: '/work/shop' }, 'brands.json')).toBe('/work/shop/brands.json');
  expect(brandsFileOf(['--brands', 'b.json'], { INIT_CWD: '/w' }, undefined)).toBe('/w/b.json');
  expect(brandsFileOf([], {}, undefined)).toBeUndefined();
});

it('runs the brand of the file (not the demo store) and prints what is left to launch it, a command for each step', async () => {
  const text = lines.join('\n');
  expect(text).toContain('Pracownia Glina (glina, pl/en)');
  expect(text).toContain(`${stack.urls.gateway}/demo/glina`);
  expect(text).not.toContain('/demo/demo-ko');
  expect(stack.config.brands).toHaveLength(0);
  for (const step of [
    'admin.js docs upload --brand glina',
    'admin.js policy put --brand glina',
    'admin.js handoff set --brand glina --desk',
    'admin.js channel on --brand glina --channel webchat',
  ])
    expect(text).toContain(step);
  // The tenant exists for the agent (the launch checklist answers, not NOT_FOUND "unknown tenant").
  const agent = createClient(AgentServiceClient, stack.addresses.agent);
  try {
    const items = (await agent.getLaunchChecklist({ tenantId: 'glina' })).items;
    expect(items.find((i) => i.id === 'returns_provider')).toMatchObject({ done: true });
    expect(items.find((i) => i.id === 'policy_content')).toMatchObject({ done: false });
  } finally {
    agent.close();
  }
});

it('the admin CLI takes the brand live through the admin APIs, refusing what the launch checklist refuses', async () => {
  // Web chat cannot go on before its handoff: the agent refuses, the CLI says what to run first.
  const early = await admin('channel', 'on', '--brand', 'glina', '--channel', 'webchat');
  expect(early.code).toBe(1);
  expect(early.out).toContain('missing handoff');
  expect(early.out).toContain('handoff set --brand glina --desk');

  const docs = await admin('docs', 'upload', '--brand', 'glina', example('glina', 'polityka-zwrotow.md'));
  expect(docs.code).toBe(0);
  expect(docs.out).toContain('"Pracownia Glina — zwroty i wymiany"');

  const bad = path.join(scratch, 'policy.json');
  writeFileSync(bad, JSON.stringify({ returnWindow: { days: -1, startsAt: 'delivery' } }));
  const refused = await admin('policy', 'put', '--brand', 'glina', bad);
  expect(refused.code).toBe(1);
  expect(refused.out).toContain('policy_json.returnWindow.days');

  const policy = await admin('policy', 'put', '--brand', 'glina', example('glina', 'policy.json'));
  expect(policy.code).toBe(0);
  expect(policy.out).toContain('eligibility policy version 1');
  expect(policy.out).toContain('timeZone Europe/Warsaw');
  expect(policy.out).not.toContain('⚠'); // the documents and the policy agree on 21 days

  const handoff = await admin('handoff', 'set', '--brand', 'glina', '--desk');
  expect(handoff.code).toBe(0);
  expect(handoff.out).toContain('web chat: handoff to the built-in desk');

  const on = await admin('channel', 'on', '--brand', 'glina', '--channel', 'webchat');
  expect(on.code).toBe(0);
  expect(on.out).toContain('Dzień dobry! Tu Pracownia Glina.');

  const status = await admin('status', '--brand', 'glina');
  expect(status.code).toBe(0);
  expect(status.out).toContain('Pracownia Glina (glina): live');
  expect(status.out).not.toContain('✗');
  // --json is the status alone, for scripts.
  const json = await admin('status', '--brand', 'glina', '--json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.out)).toMatchObject({ skill: { live: true } });

  const agent = createClient(AgentServiceClient, stack.addresses.agent);
  try {
    expect(await agent.getSkillStatus({ tenantId: 'glina' })).toMatchObject({
      live: true,
      missing: [],
      warnings: [],
    });
  } finally {
    agent.close();
  }

  const unknown = await admin('status', '--brand', 'glinaa');
  expect(unknown.code).toBe(2);
  expect(unknown.out).toContain('unknown brand "glinaa": the stack runs glina');
});

it('a shopper on web chat gets the answer from the brand’s own document, with its citation', async () => {
  const chat = await WebchatClient.open(stack.urls.gateway, 'glina');
  try {
    const reply = await chat.say('Ile dni mam na zwrot?');
    expect(reply.language).toBe('pl');
    expect(textOf(reply)).toContain('21 dni od dnia doręczenia');
    const sources = partOf(reply, 'citations');
    expect(sources?.items[0]?.title).toBe('Pracownia Glina — zwroty i wymiany');
  } finally {
    chat.close();
  }
});

it('signs in by one-time code and gets a link into the brand’s returns page for their order', async () => {
  const chat = await WebchatClient.open(stack.urls.gateway, 'glina');
  try {
    await chat.say('Chcę zwrócić zamówienie');
    await chat.say('katarzyna.zielinska@example.pl');
    const code = await waitFor(
      () =>
        lines
          .map(
            (l) => new RegExp(`sign-in code .*conversation ${chat.conversationId}: (\\d{6})$`).exec(l)?.[1],
          )
          .find(Boolean),
      { message: 'the sign-in code on the console' },
    );
    // The code was e-mailed from the brand's support address too (the local mail fake).
    await waitFor(() =>
      stack.fakes.mail.sent.find(
        (m) => m.to === 'katarzyna.zielinska@example.pl' && m.text.includes(code) && m.from.includes('glina'),
      ),
    );
    const signedIn = await chat.say(code);
    const choices = partOf(signedIn, 'quick_replies')!;
    const labels = choices.options.map((o) => o.label).join('\n');
    expect(labels).toContain('#5101');
    expect(labels).not.toContain('#5105'); // another customer's
    const pick = choices.options.find((o) => o.label.startsWith('#5101'))!;
    const offer = await chat.say(pick.label, { postback: pick.postback });
    const card = partOf(offer, 'card');
    expect(card?.title).toContain('#5101');
    expect(card!.lines.every((l) => l.eligible)).toBe(true);
    const link = card!.buttons.find((b) => b.url)!;
    expect(link.url).toMatch(
      /^https:\/\/glina\.example\.pl\/zwroty\?zamowienie=5101&email=katarzyna\.zielinska%40example\.pl&rodzaj=(refund|exchange)&pozycje=510011%2C510012$/,
    );
  } finally {
    chat.close();
  }
});

it('a brand on the built-in desk answers a handed-off shopper and hands the conversation back', async () => {
  const chat = await WebchatClient.open(stack.urls.gateway, 'glina');
  try {
    const handed = await chat.say('Chcę rozmawiać z człowiekiem, proszę');
    expect(textOf(handed)).toContain('Przekazaliśmy rozmowę do pracowni');
    await chat.say('Kubek przyszedł pęknięty, co teraz?');

    // The brand finds the ticket with what the shopper wrote after the handoff…
    const list = await waitFor(
      async () => {
        const r = await admin('tickets', '--brand', 'glina');
        return r.out.includes('Kubek przyszedł pęknięty') ? r : undefined;
      },
      { message: 'the ticket with the shopper’s last message' },
    );
    expect(list.code).toBe(0);
    const line = list.out.split('\n').find((l, i, all) => all[i + 1]?.includes('Kubek przyszedł pęknięty'))!;
    const ticket = line.trim().split(/\s+/)[0]!;
    expect(ticket).toMatch(/^[0-9A-F]{8}$/);
    const shown = await admin('tickets', 'show', ticket.toLowerCase(), '--brand', 'glina');
    expect(shown.out).toContain('customer: Chcę rozmawiać z człowiekiem, proszę');
    expect(shown.out).toContain('customer: Kubek przyszedł pęknięty, co teraz?');

    // …answers the shopper in the conversation, keeps a note to itself…
    const reply = await admin(
      'tickets',
      'reply',
      ticket,
      'Przepraszamy! Wyślemy nowy kubek jutro, starego nie trzeba odsyłać.',
      '--brand',
      'glina',
    );
    expect(reply.out).toContain('reply sent to the shopper');
    await waitFor(() => chat.replies.find((r) => textOf(r).includes('Wyślemy nowy kubek jutro')), {
      message: 'the desk reply on web chat',
    });
    const note = await admin('tickets', 'note', ticket, 'wysłać kubek 5101', '--brand', 'glina');
    expect(note.code).toBe(0);
    expect((await admin('tickets', 'show', ticket, '--brand', 'glina')).out).toContain(
      'note by admin: wysłać kubek 5101',
    );
    expect(chat.replies.some((r) => textOf(r).includes('wysłać kubek'))).toBe(false);

    // …and resolves it: the agent answers again.
    const resolved = await admin('tickets', 'resolve', ticket, '--brand', 'glina');
    expect(resolved.out).toContain('resolved');
    await waitFor(
      async () => {
        const again = await chat.say('Ile dni mam na zwrot?');
        return textOf(again).includes('21 dni od dnia doręczenia') ? again : undefined;
      },
      { message: 'the agent answering after the hand-back' },
    );
    expect((await admin('tickets', '--brand', 'glina')).out).not.toContain(ticket);
    expect((await admin('tickets', 'show', 'ffffffff', '--brand', 'glina')).code).toBe(1);
  } finally {
    chat.close();
  }
});
