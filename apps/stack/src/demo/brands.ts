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
  /** Folder under apps/stack/demo/ with the brand's policy documents (markdown). */
  documents: string;
  /** Web chat greeting (the agent's intro message). */
  intro: string;
  /** What the shopper is told after a handoff to the built-in desk. */
  handoffMessage: string;
  /** The demo shopper (a customer in the fixture) and the order whose return the walkthrough starts. */
  shopper: { email: string; eligibleOrder: string; otherCustomersOrder: string };
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
    documents: 'demo-ko',
    intro: '안녕하세요, 서울 스레드입니다. 반품·교환·환불에 대해 무엇이든 물어보세요.',
    handoffMessage: '상담원에게 연결해 드렸어요. 서울 스레드 담당자가 이 대화창으로 곧 답변드릴게요.',
    shopper: { email: 'minji.kim@example.kr', eligibleOrder: '#1001', otherCustomersOrder: '#1010' },
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
    documents: 'demo-pl',
    intro: 'Cześć! Tu Wisła Outdoor. Zapytaj o zwroty, wymiany lub status zwrotu pieniędzy.',
    handoffMessage:
      'Przekazaliśmy rozmowę do naszego zespołu. Konsultant Wisła Outdoor odpisze tutaj wkrótce.',
    shopper: { email: 'zofia.wojcik@example.pl', eligibleOrder: '#2001', otherCustomersOrder: '#2010' },
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
      portalUrlTemplate: 'https://returns.harborandpine.com/start?order={order_number}&email={email}',
    },
    windowDays: 30,
    documents: 'demo-en',
    intro: 'Hi! This is Harbor & Pine. Ask me about returns, exchanges or your refund.',
    handoffMessage: 'Thanks! A person from Harbor & Pine will reply here shortly.',
    shopper: { email: 'emma.carter@example.com', eligibleOrder: '#3001', otherCustomersOrder: '#3010' },
  },
];

/** The brand's eligibility policy (apps/eligibility policy schema v1), matching its documents. */
export function eligibilityPolicy(brand: DemoBrand): Record<string, unknown> {
  return {
    schemaVersion: 1,
    timeZone: brand.timeZone,
    storeCountry: brand.storeCountry,
    returnWindow: { days: brand.windowDays, startsAt: 'delivery' },
    exchangeWindow: { days: brand.windowDays },
    overrides: [{ match: { tag: 'hygiene' }, effect: 'not_returnable' }],
    finalSale: [{ tag: 'final-sale', behaviour: 'not_returnable' }],
    giftCards: 'not_returnable',
    international: { allowed: true },
    resolutions: { refund: true, exchange: true, storeCredit: false },
  };
}
