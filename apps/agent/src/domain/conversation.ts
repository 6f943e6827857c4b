/** The conversation state machine's data: what is persisted per conversation. */
import type { Channel, ReplyPart } from '@boomerang/proto/boomerang/events/v1/channel';
import type { Classification, Intent } from './intents';
import type { Lang } from './language';

export const STATES = [
  'idle',
  'awaiting_email',
  'awaiting_code',
  'awaiting_order_choice',
  'awaiting_resolution',
  'link_offered',
  'handed_off',
  'closed',
] as const;
export type State = (typeof STATES)[number];

export type Pending = 'start_return' | 'start_exchange' | 'return_status';

export interface ConversationData {
  pending?: Pending;
  sessionId?: string;
  customerId?: string;
  challengeId?: string;
  maskedDestination?: string;
  signInFailures?: number;
  clarifications?: number;
  /** The shopper tapped "Ask about the policy": their next message is the question. */
  expectQuestion?: boolean;
  handoffs?: number;
  orderId?: string;
  orderName?: string;
  recentOrders?: {
    id: string;
    name: string;
    createdAt?: string;
    /** The day it was placed in the brand's time zone, as the list showed it ("YYYY-MM-DD"). */
    day?: string;
    titles?: string[];
    /** Where it was shipped (ISO country code): "the one I sent to Japan". */
    country?: string;
    /** Its button in the list, to offer it again among fewer. */
    label?: string;
  }[];
  /**
   * The postbacks of the quick replies the last reply offered, in order (one turn only): on WhatsApp
   * and SMS a menu arrives as numbered text, and a bare "2" picks the second.
   */
  options?: string[];
  /** What the last reply asked a yes/no question about ("connect you with a person?"): its intent. */
  offer?: Intent;
  /** The shopper's words that started the order flow ("the boots from my last order"), until an order is chosen. */
  request?: string;
  /** An e-mail address the shopper gave before saying what they want: used for the sign-in then. */
  email?: string;
  /** Fixed evaluation time for previews and simulations (ISO). */
  asOf?: string;
  /** A preview / simulation conversation: see TurnInput.preview. */
  preview?: boolean;
  returnReason?: string;
  /**
   * The shopper's words reporting a fault with what arrived ("the soap arrived broken"), until the
   * next order card: a line they name (or, naming none, any line) that only the rules for ordinary
   * returns refuse is handled as a complaint there, not refused.
   */
  fault?: string;
  /**
   * The order the fault was said about: the one open (or named) when it was said. A fault naming no
   * item counts for every line of that order only; another order's card drops it.
   */
  faultOrder?: string;
  /**
   * Lines the shopper said they opened or used, per order id ("materac rozpakowałam z folii"): that
   * holds for every later card of the order until they say otherwise.
   */
  openedLines?: Record<string, string[]>;
  /**
   * The conversation's language was read from the shopper's own words (or given by the channel):
   * a later message that says nothing either way keeps it. Absent on conversations stored before.
   */
  languageSure?: boolean;
  productType?: string;
  sku?: string;
  introduced?: boolean;
}

export type OutcomeName = 'resolved_by_agent' | 'handed_off' | 'abandoned';

export interface Conversation {
  tenantId: string;
  conversationId: string;
  channel: Channel;
  state: State;
  version: number;
  language: Lang;
  data: ConversationData;
  createdAt: Date;
  outcome?: OutcomeName;
  outcomeReason?: string;
  outcomeRevision: number;
  sender: string;
}

export interface TurnInput {
  messageId: string;
  text: string;
  postback: string;
  identityToken: string;
  receivedAt: Date;
  asOf?: Date;
  /**
   * A preview or simulation turn (Converse with as_of): nothing leaves Boomerang — no sign-in code is
   * sent (commerce returns it instead), no ticket is created, no reply goes to a channel and no
   * outcome reaches analytics. The conversation remembers it (data.preview).
   */
  preview?: boolean;
  sender: string;
  localeHint: string;
  /**
   * `classify(text)` worked out ahead (the engine reads a batch's texts while its lock-and-read
   * statement is on its way), so the turn need not; classify is a pure function of the text.
   */
  read?: Classification;
}

export interface Decision {
  at: string;
  kind:
    | 'language'
    | 'intent'
    | 'entities'
    | 'tool'
    | 'eligibility'
    | 'reply'
    | 'state'
    | 'handoff'
    | 'outcome'
    | 'ignored'
    | 'order_match';
  ms?: number;
  [k: string]: unknown;
}

export interface TurnOutput {
  parts: ReplyPart[];
  state: State;
  language: Lang;
  intent: Intent | '';
  data: ConversationData;
  decisions: Decision[];
  outcome?: { outcome: OutcomeName; reason: string };
  /** Previews: the sign-in code this turn would have sent. */
  previewCode?: string;
}

export function newConversation(
  tenantId: string,
  conversationId: string,
  channel: Channel,
  now: Date,
  lang: Lang,
): Conversation {
  return {
    tenantId,
    conversationId,
    channel,
    state: 'idle',
    version: 0,
    language: lang,
    data: {},
    createdAt: now,
    outcomeRevision: 0,
    sender: '',
  };
}

/** Plain text of reply parts, for transcripts and handoff tickets. */
export function partsText(parts: ReplyPart[]): string {
  const out: string[] = [];
  for (const p of parts) {
    const v = p.part;
    if (!v) continue;
    if (v.$case === 'text') out.push(v.value);
    else if (v.$case === 'handoffNotice') out.push(v.value.text);
    else if (v.$case === 'linkButton') out.push(`${v.value.label}: ${v.value.url}`);
    else if (v.$case === 'orderCard') {
      out.push(v.value.title);
      for (const l of v.value.lines) out.push(`${l.eligible ? '✓' : '✗'} ${l.title} — ${l.note}`);
      for (const b of v.value.buttons) out.push(`${b.label}: ${b.url}`);
    } else if (v.$case === 'quickReplies') out.push(`[${v.value.options.map((o) => o.label).join(' | ')}]`);
    else if (v.$case === 'citations')
      out.push(v.value.items.map((c) => `(${c.title}${c.section ? ` § ${c.section}` : ''})`).join(' '));
  }
  return out.join('\n');
}
