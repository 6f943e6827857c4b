// The run's three brands (ko, pl, en) with tenant ids unique to this run, built from the fakes'
// commerce fixtures. Shoppers are cloned per conversation (own e-mail, own copies of the orders), so
// parallel conversations never share a sign-in throttle; clone 0 is the fixture's own shopper.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Lang = 'ko' | 'pl' | 'en';

export interface Brand {
  lang: Lang;
  tenantId: string;
  fixtureFile: string;
  timeZone: string;
  windowDays: number;
  handoffMessage: string;
  /** The agent's greeting on every channel. */
  intro: string;
  /** The fixture's shopper: customer id and e-mail. */
  shopper: { customerId: string; email: string };
}

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON is edited structurally
export type Fixture = any;

const FIXTURES = path.resolve(path.dirname(require.resolve('@boomerang/fakes/http')), '..', 'fixtures');
export const DOCS = path.resolve(__dirname, '..', 'fixtures');

export function brandsFor(run: string): Record<Lang, Brand> {
  return {
    ko: {
      lang: 'ko',
      tenantId: `e2e-ko-${run}`,
      fixtureFile: 'commerce-seoul-threads-ko.json',
      timeZone: 'Asia/Seoul',
      windowDays: 14,
      intro: '안녕하세요! 반품·교환·환불에 대해 물어보세요.',
      handoffMessage: '상담원에게 연결해 드렸어요. 담당자가 이 대화창으로 곧 답변드릴게요.',
      shopper: { customerId: '7001', email: 'minji.kim@example.kr' },
    },
    pl: {
      lang: 'pl',
      tenantId: `e2e-pl-${run}`,
      fixtureFile: 'commerce-wisla-outdoor-pl.json',
      timeZone: 'Europe/Warsaw',
      windowDays: 30,
      intro: 'Cześć! Zapytaj o zwroty, wymiany lub zwrot pieniędzy.',
      handoffMessage: 'Przekazaliśmy rozmowę do naszego zespołu. Konsultant odpisze tutaj wkrótce.',
      shopper: { customerId: '7101', email: 'zofia.wojcik@example.pl' },
    },
    en: {
      lang: 'en',
      tenantId: `e2e-en-${run}`,
      fixtureFile: 'commerce-harbor-pine-en.json',
      timeZone: 'America/New_York',
      windowDays: 30,
      intro: 'Hi! Ask me about returns, exchanges or your refund.',
      handoffMessage: 'Thanks! A person from our team will reply here shortly.',
      shopper: { customerId: '7201', email: 'emma.carter@example.com' },
    },
  };
}

/** E-mail of shopper clone `k` (0 = the fixture's own shopper). */
export function shopperEmail(brand: Brand, k: number): string {
  return k === 0 ? brand.shopper.email : `c${k}.${brand.shopper.email}`;
}

/** Order name of clone `k` for a fixture order name: #1001 → #1101 for k = 1. */
export function orderName(name: string, k: number): string {
  return `#${Number(name.slice(1)) + k * 100}`;
}

/** The brand's fixture with `clones` extra copies of its shopper and the shopper's orders. */
export function fixtureWithClones(brand: Brand, clones: number): Fixture {
  const f: Fixture = JSON.parse(readFileSync(path.join(FIXTURES, brand.fixtureFile), 'utf8'));
  const customer = f.customers.find((c: Fixture) => c.id === brand.shopper.customerId);
  const orders = f.orders.filter((o: Fixture) => o.customerId === brand.shopper.customerId);
  for (let k = 1; k <= clones; k++) {
    const id = `${customer.id}${String(k).padStart(3, '0')}`;
    f.customers.push({
      ...customer,
      id,
      email: shopperEmail(brand, k),
      phone: `${customer.phone.slice(0, -3)}${String(k).padStart(3, '0')}`,
    });
    for (const o of orders) {
      const suffix = String(k).padStart(3, '0');
      f.orders.push({
        ...o,
        id: `${o.id}${suffix}`,
        name: orderName(o.name, k),
        customerId: id,
        email: shopperEmail(brand, k),
        lineItems: o.lineItems.map((li: Fixture) => ({ ...li, id: `${li.id}${suffix}` })),
        fulfillments: o.fulfillments?.map((fu: Fixture) => ({ ...fu, id: `${fu.id}${suffix}` })),
      });
    }
  }
  return f;
}

/** Plain eligibility policy JSON consistent with the brand's document. */
export function eligibilityPolicy(brand: Brand): Record<string, unknown> {
  return {
    schemaVersion: 1,
    timeZone: brand.timeZone,
    storeCountry: { ko: 'KR', pl: 'PL', en: 'US' }[brand.lang],
    returnWindow: { days: brand.windowDays, startsAt: 'delivery' },
    exchangeWindow: { days: brand.windowDays },
    // The documents refuse hygiene items only once opened: a condition the shopper must meet.
    overrides: [{ match: { tag: 'hygiene' }, condition: 'unopened' }],
    finalSale: [{ tag: 'final-sale', behaviour: 'not_returnable' }],
    giftCards: 'not_returnable',
    international: { allowed: true },
    resolutions: { refund: true, exchange: true, storeCredit: false },
  };
}
