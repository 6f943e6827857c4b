// The demo store as data: three brands (Korean, Polish, English), each backed by one commerce
// fixture of the SaaS fakes (tests/fakes/fixtures) and the policy documents under apps/stack/demo/.
// Tenant ids are the fixtures' `tenant` values, so the fakes, commerce, gateway and knowledge agree.
import path from 'node:path';

export type DemoLanguage = 'ko' | 'pl' | 'en';

export type DemoReturns =
  | { kind: 'aftership' }
  | { kind: 'loop'; lookup: 'zip' | 'email' | 'phone' }
  | { kind: 'other'; portalUrlTemplate: string };

export interface DemoBrand {
  tenantId: string;
  name: string;
  language: DemoLanguage;
  /** File name in tests/fakes/fixtures. */
  fixture: string;
  timeZone: string;
  storeCountry: string;
  returns: DemoReturns;
  /** The return window the documents state and the eligibility policy enforces (days from delivery). */
  windowDays: number;
  /**
   * What the documents ask of a hygiene item (underwear, socks, swimwear) before it is taken back:
   * the eligibility policy states it as a condition on the `hygiene` tag, not as a refusal.
   */
  hygieneCondition: 'unopened' | 'hygiene_seal_intact';
  /** Folder under apps/stack/demo/ with the brand's policy documents (markdown). */
  documents: string;
  /** Web chat greeting (the agent's intro message). */
  intro: string;
  /** What the shopper is told after a handoff to the built-in desk. */
  handoffMessage: string;
  /**
   * The demo shopper (a customer in the fixture) and the order whose return the walkthrough starts
   * (every line returnable: no return already in progress, delivered, in the window).
   */
  shopper: { email: string; phone: string; eligibleOrder: string; otherCustomersOrder: string };
  /**
   * The brand's accounts on the messaging channels (identifiers, not secrets: those are generated per
   * install into <BOOMERANG_HOME>/secrets.json). The SMS number and the WhatsApp business number are
   * what the shopper writes to; the Kakao bot id is the Open Builder bot's.
   */
  channels: { smsNumber: string; whatsappPhoneNumberId: string; kakaoBotId: string };
}

export const DEMO_DIR = path.resolve(__dirname, '..', '..', 'demo');

export const BRANDS: readonly DemoBrand[] = [
  {
    tenantId: 'demo-ko',
    name: '서울 스레드',
    language: 'ko',
    fixture: 'commerce-seoul-threads-ko.json',
    timeZone: 'Asia/Seoul',
    storeCountry: 'KR',
    returns: { kind: 'aftership' },
    windowDays: 14,
    // "위생상의 이유로 언더웨어와 이너웨어는 포장을 뜯은 뒤에는 반품할 수 없습니다."
    hygieneCondition: 'unopened',
    documents: 'demo-ko',
    intro: '안녕하세요, 서울 스레드입니다. 반품·교환·환불에 대해 무엇이든 물어보세요.',
    handoffMessage: '상담원에게 연결해 드렸어요. 서울 스레드 담당자가 이 대화창으로 곧 답변드릴게요.',
    // #1001 has a return in transit on the denim; #1008 (shipped to Japan) is returnable as a whole.
    shopper: {
      email: 'minji.kim@example.kr',
      phone: '+821012345678',
      eligibleOrder: '#1008',
      otherCustomersOrder: '#1010',
    },
    channels: {
      smsNumber: '+827045670001',
      whatsappPhoneNumberId: '106540352240001',
      kakaoBotId: '5f0e2b7d1c9a4b00e2d00001',
    },
  },
  {
    tenantId: 'demo-pl',
    name: 'Wisła Outdoor',
    language: 'pl',
    fixture: 'commerce-wisla-outdoor-pl.json',
    timeZone: 'Europe/Warsaw',
    storeCountry: 'PL',
    returns: { kind: 'loop', lookup: 'zip' },
    windowDays: 30,
    // "nie przyjmujemy zwrotów skarpet i bielizny termoaktywnej po otwarciu opakowania"
    hygieneCondition: 'unopened',
    documents: 'demo-pl',
    intro: 'Cześć! Tu Wisła Outdoor. Zapytaj o zwroty, wymiany lub status zwrotu pieniędzy.',
    handoffMessage:
      'Przekazaliśmy rozmowę do naszego zespołu. Konsultant Wisła Outdoor odpisze tutaj wkrótce.',
    // #2001 has an open return on the boots; #2008 (shipped to Germany) is returnable as a whole.
    shopper: {
      email: 'zofia.wojcik@example.pl',
      phone: '+48601234567',
      eligibleOrder: '#2008',
      otherCustomersOrder: '#2010',
    },
    channels: {
      smsNumber: '+48223070002',
      whatsappPhoneNumberId: '106540352240002',
      kakaoBotId: '5f0e2b7d1c9a4b00e2d00002',
    },
  },
  {
    tenantId: 'demo-en',
    name: 'Harbor & Pine',
    language: 'en',
    fixture: 'commerce-harbor-pine-en.json',
    timeZone: 'America/New_York',
    storeCountry: 'US',
    returns: {
      kind: 'other',
      portalUrlTemplate:
        'https://returns.harborandpine.com/start?order={order_number}&email={email}&type={resolution}&lines={line_items}',
    },
    windowDays: 30,
    // "swimwear cannot be returned once the hygiene liner has been removed"
    hygieneCondition: 'hygiene_seal_intact',
    documents: 'demo-en',
    intro: 'Hi! This is Harbor & Pine. Ask me about returns, exchanges or your refund.',
    handoffMessage: 'Thanks! A person from Harbor & Pine will reply here shortly.',
    shopper: {
      email: 'emma.carter@example.com',
      phone: '+14155550101',
      eligibleOrder: '#3001',
      otherCustomersOrder: '#3010',
    },
    channels: {
      smsNumber: '+16175550003',
      whatsappPhoneNumberId: '106540352240003',
      kakaoBotId: '5f0e2b7d1c9a4b00e2d00003',
    },
  },
];

/**
 * The brand's eligibility policy (apps/eligibility policy schema v1), matching its documents:
 * final sale and gift cards are flat refusals; hygiene items are taken back on the documents'
 * condition (packaging unopened / hygiene liner intact), which the shopper must meet.
 */
export function eligibilityPolicy(brand: DemoBrand): Record<string, unknown> {
  return {
    ...basePolicy(brand),
    overrides: [{ match: { tag: 'hygiene' }, condition: brand.hygieneCondition }],
  };
}

/**
 * Policies earlier releases seeded for the brand. A store whose policy is still exactly one of
 * these at version 1 (never edited through the API) gets the current one at the next start.
 */
export function supersededPolicies(brand: DemoBrand): Record<string, unknown>[] {
  return [{ ...basePolicy(brand), overrides: [{ match: { tag: 'hygiene' }, effect: 'not_returnable' }] }];
}

function basePolicy(brand: DemoBrand): Record<string, unknown> {
  return {
    schemaVersion: 1,
    timeZone: brand.timeZone,
    storeCountry: brand.storeCountry,
    returnWindow: { days: brand.windowDays, startsAt: 'delivery' },
    exchangeWindow: { days: brand.windowDays },
    finalSale: [{ tag: 'final-sale', behaviour: 'not_returnable' }],
    giftCards: 'not_returnable',
    international: { allowed: true },
    resolutions: { refund: true, exchange: true, storeCredit: false },
  };
}
