/** Small in-memory implementations of the ports, for unit tests of the domain only. */
import {
  FailedPrecondition,
  NotFound,
  PermissionDenied,
  ResourceExhausted,
  Unavailable,
} from '@boomerang/kit/errors';
import { FinancialStatus, FulfillmentStatus, type Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import type { KnowledgeAnswer, LineDecision, Ports, ReturnStatusInfo } from '../domain/ports';

const DAY = 86_400_000;

export interface MemoryWorld {
  ports: Ports;
  codes: Map<string, string>;
  handoffs: {
    reason: string;
    subject: string;
    language: string;
    conversationId: string;
    transcript: { role: string; text: string }[];
  }[];
  tests: { ok: boolean };
  providers: { kind: string; connected: boolean; detail: string }[];
  documents: number;
  /** The eligibility service has a policy for the tenant (GetPolicy finds one). */
  eligibilityPolicy: boolean;
  /** Other return window lengths the policy sets (overrides, international) besides `windowDays`. */
  otherPolicyWindows: number[];
  /** The policy's exchange windows (exchangeWindow, overrides' exchangeWindowDays). */
  exchangeWindows: number[];
  /** The eligibility policy's time zone (GetPolicy's `timeZone`); unset: none stated. */
  timeZone?: string;
  /** The customers and their orders, as given. */
  customers: Record<string, { email: string; orders: Order[] }>;
  returns: Map<string, ReturnStatusInfo[]>;
  /** The returns portal reports no status (a plain portal URL): GetReturnStatus fails FAILED_PRECONDITION. */
  statusUnsupported: boolean;
  statedWindow: number;
  /** Every period the documents state, when a test needs more than `statedWindow`. */
  statedWindows?: { days: number; quote: string; businessDays?: boolean }[];
  /** The languages of the tenant's documents (knowledge ListDocuments). */
  documentLanguages: string[];
  /** Sign-in codes are rate limited: StartSignIn fails RESOURCE_EXHAUSTED with this retry-after (s). */
  codeWait?: number;
  /** Handoff fails with this error (a helpdesk misconfigured or down). */
  handoffError?: Error;
  /** GetReturnStatus fails for these orders (a store or portal outage, a timeout). */
  statusErrors: Map<string, Error>;
  /** Messages the agent forwarded to an open ticket (handed-off conversations). */
  forwarded: { conversationId: string; messageId: string; text: string; urgent?: boolean }[];
}

export function order(
  id: string,
  name: string,
  customerId: string,
  deliveredDaysBefore: number,
  asOf: Date,
  lines: { id: string; title: string; tags?: string[] }[],
): Order {
  const delivered = new Date(asOf.getTime() - deliveredDaysBefore * DAY);
  return {
    tenantId: 't',
    id,
    name,
    customerId,
    email: '',
    createdAt: new Date(delivered.getTime() - 3 * DAY),
    cancelledAt: undefined,
    financialStatus: FinancialStatus.FINANCIAL_STATUS_PAID,
    fulfillmentStatus: FulfillmentStatus.FULFILLMENT_STATUS_FULFILLED,
    shippingAddress: undefined,
    lineItems: lines.map((l) => ({
      id: l.id,
      sku: `SKU-${l.id}`,
      title: l.title,
      productId: '',
      productType: 'apparel',
      tags: l.tags ?? [],
      collections: [],
      quantity: 1,
      returnedQuantity: 0,
      unitPrice: undefined,
      giftCard: false,
      variantTitle: '',
    })),
    fulfillments: [
      {
        id: `f-${id}`,
        lineItemIds: lines.map((l) => l.id),
        fulfilledAt: delivered,
        deliveredAt: delivered,
        trackingUrl: '',
      },
    ],
    refunds: [],
    total: undefined,
    updatedAt: undefined,
    returns: [],
  };
}

const POLICY: Record<string, { text: string; section: string }> = {
  gift: { text: 'Gift cards cannot be returned.', section: 'Gift cards' },
  window: { text: 'Items can be returned within 30 days of delivery.', section: 'Return window' },
  sale: { text: 'Final sale items cannot be returned or exchanged.', section: 'Final sale' },
  refund: { text: 'Refunds reach your card within 5 business days.', section: 'Refunds' },
  worn: { text: 'Items must be unworn, with their tags attached.', section: 'Condition' },
};

export function memoryWorld(opts: {
  customers: Record<string, { email: string; orders: Order[] }>;
  windowDays?: number;
  statedWindow?: number;
}): MemoryWorld {
  const codes = new Map<string, string>();
  const challenges = new Map<string, string>();
  const sessions = new Map<string, string>();
  const windowDays = opts.windowDays ?? 30;
  const world: MemoryWorld = {
    codes,
    handoffs: [],
    statusErrors: new Map(),
    forwarded: [],
    tests: { ok: false },
    providers: [{ kind: 'loop', connected: true, detail: '' }],
    documents: 2,
    eligibilityPolicy: true,
    otherPolicyWindows: [],
    exchangeWindows: [],
    customers: opts.customers,
    returns: new Map(),
    statusUnsupported: false,
    statedWindow: opts.statedWindow ?? 30,
    documentLanguages: [],
    ports: undefined as unknown as Ports,
  };
  const customerOf = (sessionId: string) => {
    const c = sessions.get(sessionId);
    if (!c) throw new PermissionDenied('no session');
    return c;
  };
  world.ports = {
    knowledge: {
      async answer(_t, question, locale): Promise<KnowledgeAnswer> {
        const q = question.toLowerCase();
        const hit = /gift card|kart\w* podarunkow|기프트\s*카드/.test(q)
          ? POLICY.gift
          : /refund|pieni[eę]dz|환불/.test(q) && /long|take|długo|dlugo|trwa|걸려|며칠/.test(q)
            ? POLICY.refund
            : /\b(wore|worn)\b|noszon|nosił|입었|착용/.test(q)
              ? POLICY.worn
              : /days|window|dni|기간|며칠|ile|long/.test(q)
                ? POLICY.window
                : /sale|final|wyprzeda|세일/.test(q)
                  ? POLICY.sale
                  : undefined;
        if (!hit) return { found: false, answer: '', citations: [], confidence: 0, language: locale };
        return {
          found: true,
          answer: hit.text,
          confidence: 0.9,
          language: 'en',
          citations: [
            {
              title: 'Returns policy',
              url: 'https://shop.example/returns',
              // As the knowledge service gives it: the heading path, from the document's title.
              section: `Returns policy > ${hit.section}`,
              quote: hit.text,
            },
          ],
        };
      },
      async documentCount() {
        return world.documents;
      },
      async statedReturnWindows() {
        return (
          world.statedWindows ?? [{ days: world.statedWindow, quote: `within ${world.statedWindow} days` }]
        );
      },
      async documentLanguages() {
        return world.documentLanguages;
      },
    },
    eligibility: {
      async check(_t, o, now): Promise<LineDecision[]> {
        return o.lineItems.map((l) => {
          const deliveredAt = o.fulfillments[0]?.deliveredAt;
          const delivered = deliveredAt ?? now;
          const deadline = new Date(delivered.getTime() + windowDays * DAY).toISOString().slice(0, 10);
          // As the eligibility service decides: every reason that applies, in its code order.
          const reasons: [string, string][] = [
            ...(deliveredAt
              ? []
              : [['NOT_DELIVERED', 'The item has not been delivered yet.'] as [string, string]]),
            ...(l.tags.includes('gift-card')
              ? [['GIFT_CARD', 'Gift cards cannot be returned.'] as [string, string]]
              : []),
            ...(l.tags.includes('final-sale') ? [['FINAL_SALE', 'final sale item'] as [string, string]] : []),
            ...(l.tags.includes('excluded')
              ? [['EXCLUDED_CATEGORY', 'This category cannot be returned.'] as [string, string]]
              : []),
            ...(deliveredAt && now.getTime() > delivered.getTime() + windowDays * DAY
              ? [['WINDOW_EXPIRED', `The return window ended on ${deadline}.`] as [string, string]]
              : []),
          ];
          if (reasons.length) {
            return {
              lineItemId: l.id,
              eligible: false,
              deadline: deliveredAt ? deadline : '',
              reasonCodes: reasons.map(([c]) => c),
              // The service's explanation opens with a generic refusal, then every reason.
              explanation: ['This item cannot be returned.', ...reasons.map(([, t]) => t)].join(' '),
              resolutions: [],
            };
          }
          // A line the store takes back only for an exchange (a sale item; or past the refund window
          // but inside a longer exchange window), or only for store credit.
          if (l.tags.includes('exchange-only'))
            return {
              lineItemId: l.id,
              eligible: true,
              deadline,
              exchangeDeadline: deadline,
              reasonCodes: [],
              explanation: '',
              resolutions: ['exchange'],
            };
          if (l.tags.includes('store-credit-only'))
            return {
              lineItemId: l.id,
              eligible: true,
              deadline,
              reasonCodes: [],
              explanation: '',
              resolutions: ['store_credit'],
            };
          return {
            lineItemId: l.id,
            eligible: true,
            deadline,
            reasonCodes: [],
            explanation: '',
            resolutions: ['refund', 'exchange'],
          };
        });
      },
      async policyWindowDays() {
        return world.eligibilityPolicy ? windowDays : undefined;
      },
      async policyWindows() {
        return world.eligibilityPolicy
          ? { returns: [windowDays, ...world.otherPolicyWindows], exchanges: world.exchangeWindows }
          : { returns: [], exchanges: [] };
      },
      async policyTimeZone() {
        return world.eligibilityPolicy ? world.timeZone : undefined;
      },
    },
    commerce: {
      async startSignInWithToken() {
        throw new PermissionDenied('bad token');
      },
      async startSignInWithCode(_t, conversationId, identifier, _channel, options = {}) {
        if (world.codeWait)
          throw new ResourceExhausted('too many codes requested; try again later', {
            retryAfterSeconds: world.codeWait,
          });
        const challengeId = `ch-${conversationId}-${challenges.size}`;
        const customer = Object.entries(opts.customers).find(([, c]) => c.email === identifier)?.[0];
        if (customer) {
          const code = String(100000 + challenges.size * 7919).slice(0, 6);
          challenges.set(challengeId, `${customer}:${code}`);
          // A preview sends nothing (codes holds what reached a shopper): the caller gets the code.
          if (options.preview)
            return {
              challengeId,
              maskedDestination: identifier.replace(/^(.).*@/, '$1***@'),
              previewCode: code,
            };
          codes.set(identifier, code);
        }
        return { challengeId, maskedDestination: identifier.replace(/^(.).*@/, '$1***@') };
      },
      async completeSignIn(_t, challengeId, code) {
        const c = challenges.get(challengeId);
        if (!c || c.split(':')[1] !== code) throw new PermissionDenied('wrong code');
        const sessionId = `s-${challengeId}`;
        sessions.set(sessionId, c.split(':')[0]!);
        return { sessionId, customerId: c.split(':')[0]! };
      },
      async getProfile(_t, sessionId) {
        const id = customerOf(sessionId);
        return { customerId: id, email: opts.customers[id]!.email, phone: '', name: id };
      },
      async listOrders(_t, sessionId) {
        return opts.customers[customerOf(sessionId)]!.orders;
      },
      async getOrder(_t, sessionId, ref) {
        const mine = opts.customers[customerOf(sessionId)]!.orders;
        const o = mine.find((x) => x.id === ref || x.name === ref || x.name === `#${ref.replace(/^#/, '')}`);
        if (!o) throw new NotFound('order not found');
        return o;
      },
      async getPortalLink(_t, sessionId, orderId, lines, resolution) {
        customerOf(sessionId);
        if (!world.providers.some((p) => p.connected)) throw new Unavailable('no provider');
        return {
          url: `https://returns.example/${orderId}?lines=${lines.join(',')}&r=${resolution}`,
          provider: 'loop',
        };
      },
      async getReturnStatus(_t, sessionId, orderId) {
        customerOf(sessionId);
        if (world.statusUnsupported)
          throw new FailedPrecondition('this returns portal does not report return status');
        const down = world.statusErrors.get(orderId);
        if (down) throw down;
        return world.returns.get(orderId) ?? [];
      },
      async listProviders() {
        return world.providers;
      },
    },
    handoff: {
      async handoff(req) {
        if (world.handoffError) throw world.handoffError;
        world.handoffs.push({
          reason: req.reason,
          subject: req.subject,
          language: req.language,
          conversationId: req.conversationId,
          transcript: req.transcript,
        });
        const msg =
          {
            ko: '상담원에게 연결했어요.',
            pl: 'Przekazaliśmy sprawę konsultantowi.',
            en: 'A person from our team will reply here.',
          }[req.language as 'ko'] ?? '';
        return { destination: 'desk', ticketRef: `T-${world.handoffs.length}`, message: msg };
      },
      async testHandoff() {
        return {
          ok: world.tests.ok,
          destination: 'desk',
          ticketRef: 'T-test',
          error: world.tests.ok ? '' : 'no destination configured',
        };
      },
      async routing() {
        return undefined;
      },
      async forward(m) {
        if (world.handoffError) throw world.handoffError;
        world.forwarded.push({
          conversationId: m.conversationId,
          messageId: m.messageId,
          text: m.text,
          ...(m.urgent ? { urgent: true } : {}),
        });
        return 'appended';
      },
    },
  };
  return world;
}

/** A rule the knowledge fake answers with when its pattern matches the question. */
export interface ScriptedRule {
  re: RegExp;
  text: string;
  section: string;
}

/**
 * Knowledge answers the first matching rule, found and cited as the brand's "Policy > section" (as a
 * brand's own document would be); other questions go to the world's usual answers.
 */
export function answerFromRules(w: MemoryWorld, rules: ScriptedRule[]): void {
  const base = w.ports.knowledge.answer;
  w.ports.knowledge.answer = async (tenant, question, locale): Promise<KnowledgeAnswer> => {
    const rule = rules.find((r) => r.re.test(question));
    if (!rule) return base(tenant, question, locale);
    return {
      found: true,
      answer: rule.text,
      confidence: 0.9,
      language: 'en',
      citations: [
        {
          title: 'Policy',
          url: 'https://brand.example/policy',
          section: `Policy > ${rule.section}`,
          quote: rule.text,
        },
      ],
    };
  };
}

/** "Returnable only if the packaging has not been opened", as the eligibility service words it. */
export const UNOPENED: Record<string, string> = {
  en: 'Returnable only if the packaging has not been opened.',
  pl: 'Zwrot możliwy tylko wtedy, gdy opakowanie nie zostało otwarte.',
  ko: '포장을 개봉하지 않은 경우에만 반품할 수 있습니다.',
};

/** Lines tagged `sealed` are returnable only unopened (a condition the card states), as a policy would say. */
export function sealedNeedsUnopened(w: MemoryWorld): void {
  const check = w.ports.eligibility.check;
  w.ports.eligibility.check = async (tenant, o, now, locale) =>
    (await check(tenant, o, now, locale)).map((d) =>
      d.eligible && o.lineItems.find((l) => l.id === d.lineItemId)?.tags.includes('sealed')
        ? {
            ...d,
            reasonCodes: ['RETURN_CONDITION'],
            conditions: [UNOPENED[locale] ?? UNOPENED.en!],
            explanation: UNOPENED[locale] ?? UNOPENED.en!,
          }
        : d,
    );
}
