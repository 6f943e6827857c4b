/**
 * The Returns & Exchanges skill: one turn of the conversation state machine. Pure logic over the
 * ports; persistence, idempotency and delivery are the engine's job (engine.ts).
 */
import { NotFound } from '@boomerang/kit/errors';
import type { Button, ReplyPart } from '@boomerang/proto/boomerang/events/v1/channel';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import type {
  Conversation,
  ConversationData,
  Decision,
  OutcomeName,
  Pending,
  State,
  TurnInput,
  TurnOutput,
} from './conversation';
import { cuedOrderRefs, extractEntities } from './extract';
import {
  asksAboutService,
  asksForIt,
  asksToStart,
  type Classification,
  classify,
  type Intent,
} from './intents';
import { itemsSaid, OPENING_CONDITION, WRONG_OR_MISSING } from './items';
import { detectLanguage, LANGS, type Lang, languageRequest, unicodeWords } from './language';
import { matchOrders } from './order-match';
import {
  channelName,
  type KnowledgeAnswer,
  type LineDecision,
  type Order,
  type Ports,
  type Profile,
  type ReturnStatusInfo,
} from './ports';
import { DEFECT_CLAIM, refusalNote, refusalReasons, refusedOnlyByChoiceRules, SAID_OPENED } from './reasons';
import { longDate, type Overrides, render, stateName, TEMPLATES, type TemplateKey } from './templates';

export interface SkillContext {
  ports: Ports;
  overrides: Overrides;
  introMessage?: string;
  /** Limited mode: no Customer Hub / no returns provider → share policy, then hand off. */
  limitedMode: () => Promise<boolean>;
  /** The clock for date decisions (as_of for previews/simulations). */
  now: Date;
  /** Wall clock for timings. */
  tick: () => number;
  /** Earlier turns of this conversation (for handoff tickets); read only when needed. */
  transcript: () => Promise<{ role: string; text: string; at: Date }[]>;
  /** The language of the brand's documents; asked only when a message's own language is unclear. */
  documentLanguage?: () => Promise<Lang | undefined>;
}

const MAX_SIGN_IN_FAILURES = 3;
const MAX_CLARIFICATIONS = 2;

const text = (value: string): ReplyPart => ({ part: { $case: 'text', value } });
const quick = (options: Button[]): ReplyPart => ({ part: { $case: 'quickReplies', value: { options } } });
const postbackButton = (label: string, postback: string): Button => ({ label, url: '', postback });

/** Something arrived broken, faulty or stained (en, pl, ko). */
const DAMAGE = unicodeWords(
  /damag|\bbr(oke|oken|eaks)\b|defect|faulty|\btorn\b|ripped|\bholes?\b|stain|scratch|crack|shatter|smashed|leak|peeling|fell apart|came apart|(doesn'?t|does not|stopped|not) work|\bsnapped\b|\bbent\b|\bdent(ed)?\b|\bchipped\b|\bwobbl\w*|uszkodz|wadliw|wad[ayęi]\b|zepsu|pęk|rozdar|dziur|plam|porysowan|nie działa|przestał\w* działać|odkleił|rozpruł|złama|zlama|wygięt|wygiet|wgniecion|ukruszon|odpad\w*|rozbit|stłuczon|stluczon|파손|불량|하자|찢어|구멍|얼룩|깨져|깨졌|금이\s*가|흠집|스크래치|고장|작동(이|을)?\s*안|부러[지져졌]|부서[지져졌]|망가[지져졌]|찌그러|긁[혀힌히]|휘어|벗겨[지져졌]|뜯어[지져졌]|터[져졌]|누수|변색/u,
);
/**
 * A fault said not to be there: "it's not broken", "there's no damage", "nie jest uszkodzony", "bez
 * wad", "고장 난 건 아니고", "하자는 없는데", "깨지진 않았어요". The negation is bound to the fault word
 * itself, so a "not" about something else leaves the fault told: "it does not work", "nie działa",
 * "작동이 안 돼요", "it's not just scratched" are faults.
 */
const NEGATED_FAULT = unicodeWords(
  /\b(?:not|never|isn['’]?t|wasn['’]?t|aren['’]?t|weren['’]?t|hasn['’]?t|haven['’]?t)\s+(?:(?:been|really|actually|at all)\s+)*(?:broken|broke|damaged|defective|faulty|torn|ripped|stained|scratched|cracked|shattered|smashed|leaking|bent|dented|chipped)\b|\bno\s+(?:damages?|defects?|faults?|scratch(?:es)?|stains?|cracks?|holes?|leaks?)\b|\bnothing\s+(?:(?:is|was|got)\s+)?(?:broken|damaged|torn|scratched|cracked)\b|\bwithout\s+(?:any\s+)?(?:damages?|defects?|faults?|scratch(?:es)?)\b|\bnie\s+(?:(?:jest|są|był[aoy]?|były|został[aoy]?|zostały)\s+)?(?:(?:wcale|w ogóle)\s+)?(?:uszkodz\w*|zepsu\w*|wadliw\w*|porysowan\w*|pęknięt\w*|rozdar\w*|poplamion\w*|złaman\w*|rozbit\w*|stłuczon\w*)|\bnieuszkodzon\w*|\b(?:bez|nie ma)\s+(?:żadn\w*\s+)?(?:wad\w*|uszkodze\w*|rys\w*|plam\w*|dziur\w*)|(?:고장|불량|하자|파손|손상|흠집|스크래치|얼룩|결함)\s*(?:이|가|은|는|도)?\s*(?:(?:난|된|나진|되진|있는)\s*)?(?:건|게|것은|것이|거는)?\s*(?:아니|아닌|없)|(?:고장|파손|손상)\s*(?:이|은|는|도)?\s*(?:안\s*(?:났|나|됐|되)|나지\s*않|되지\s*않)|(?:깨|찢어|부러|부서|망가|찌그러|벗겨|터)지[지진]\s*않/gu,
);

/** What a message says is wrong with the item, a fault said not to be there left out ("not broken"). */
function faultsOf(text: string): string {
  return text.toLowerCase().replace(NEGATED_FAULT, ' ');
}

/** The one-time code did not arrive (en, pl, ko). */
const NO_CODE = unicodeWords(
  /\b(didn'?t|did not|haven'?t|have not|never|hasn'?t|has not|not)\s+(get|got|gotten|receive|received|come|came|arrive|arrived)\b|\bno (code|email)\b|\bwhere is the code\b|nie (dostał\w*|przyszedł|przyszła|przyszło|doszedł|doszła|otrzymał\w*|mam kodu)|brak kodu|gdzie (jest )?kod|(코드|인증\s*번호|인증번호|메일|이메일)\S*\s*(안|못)\s*(왔|와|받)|안\s*(왔|와)(어|요|네)/u,
);

/**
 * The message is about the code or the email (not "my parcel never arrived"). Polish words from
 * their start: "uszkodzone" (damaged) holds "kod".
 */
const CODE_WORD = unicodeWords(
  /\b(code|e-?mail|mail|message|text)\b|\bkod\w*|\bmail\w*|\bwiadomoś\w*|\bsms\w*|코드|인증|메일|문자/u,
);

/**
 * A warranty / defect claim ("reklamacja", "reklamuję", "warranty claim", "불량 접수", "A/S 신청"): an
 * everyday request about a faulty item under consumer law, not a dispute.
 */
const WARRANTY = unicodeWords(
  /reklamac\w*|reklamow\w*|reklamuj\w*|gwarancj\w*|gwarancyjn\w*|r(ę|e)kojmi\w*|\bwarrant(y|ies)\b|\bguarantee (claim|repair)\b|(불량|하자)\s*(접수|신고|신청|처리)|\ba\s*\/\s*s\b|에이에스|(품질|제품)\s*보증|보증\s*(기간|수리)/u,
);
/** A complaint about what arrived or how it went ("I'd like to make a complaint", "컴플레인", "불만 접수"). */
const COMPLAINT = unicodeWords(/\bcomplain\w*|컴플레인|불만\s*(사항\s*)?(접수|신고|제기)/u);

/** A message that reports a problem with what arrived (not a question, not a request yet). */
export function reportsProblem(text: string): boolean {
  const s = faultsOf(text);
  return DAMAGE.test(s) || WRONG_OR_MISSING.test(s) || WARRANTY.test(s) || COMPLAINT.test(s);
}

const SIZE_REASON = unicodeWords(
  /too (small|big|large|tight|loose|short|long)|\bsizes?\b|\b(doesn'?t|does not|didn'?t|did not) fit|\bfit(s|ting)?\b|rozmiar\w*|za (mał|duż|ciasn|luźn|krótk|dług)\w*|\b(nie )?pasuj\w*|사이즈|치수|작아|커요|커서|작아서|안\s*맞/u,
);
const WRONG_REASON = unicodeWords(/\bnie to\b/u);
const CHANGED_MIND = unicodeWords(
  /changed my mind|\bdon'?t (want|like|need)\b|nie podoba|rozmyśli\w*|zmian\w* zdania|마음에 (안|들지)|단순 ?변심|변심/u,
);
const LATE_REASON = unicodeWords(
  /\b(arrived|came|too) late\b|took too long|\bspóźni\w*|za późno|늦게|배송이 늦/u,
);

/** Why the shopper wants to return, if they said (for the outcome record; en, pl, ko). */
export function returnReasonOf(t: string): string | undefined {
  const s = faultsOf(t);
  if (SIZE_REASON.test(s)) return 'size';
  if (DAMAGE.test(s) || WARRANTY.test(s)) return 'damaged';
  if (WRONG_OR_MISSING.test(s) || WRONG_REASON.test(s)) return 'wrong_item';
  if (CHANGED_MIND.test(s)) return 'changed_mind';
  if (LATE_REASON.test(s)) return 'late';
  return undefined;
}

class Turn {
  readonly decisions: Decision[] = [];
  readonly parts: ReplyPart[] = [];
  state: State;
  data: ConversationData;
  outcome?: { outcome: OutcomeName; reason: string };
  intent: Intent | '' = '';
  /** Previews: the sign-in code this turn would have sent (see TurnInput.preview). */
  previewCode?: string;
  /** The questions the request carried were answered (see answerAlongside). */
  answeredAlongside = false;
  /** The request that led to the order list (said before signing in), for what it says about items. */
  orderRequest?: string;

  constructor(
    readonly conv: Conversation,
    readonly input: TurnInput,
    readonly ctx: SkillContext,
    public lang: Lang,
  ) {
    this.state = conv.state;
    this.data = { ...conv.data };
  }

  t(key: TemplateKey, vars?: Record<string, string>): string {
    return render(key, this.lang, vars, this.ctx.overrides);
  }

  log(kind: Decision['kind'], detail: Record<string, unknown>): void {
    this.decisions.push({ at: new Date().toISOString(), kind, ...detail });
  }

  async tool<T>(
    name: string,
    args: Record<string, unknown>,
    fn: () => Promise<T>,
    summary?: (r: T) => unknown,
  ): Promise<T> {
    const started = this.ctx.tick();
    try {
      const r = await fn();
      this.log('tool', {
        tool: name,
        args,
        ok: true,
        ms: this.ctx.tick() - started,
        result: summary ? summary(r) : undefined,
      });
      return r;
    } catch (err) {
      const e = err as Error & { code?: string };
      this.log('tool', {
        tool: name,
        args,
        ok: false,
        ms: this.ctx.tick() - started,
        error: e.name,
        message: e.message,
      });
      throw err;
    }
  }

  say(key: TemplateKey, vars?: Record<string, string>): void {
    this.parts.push(text(this.t(key, vars)));
  }

  offerPerson(extra: Button[] = []): void {
    this.parts.push(quick([...extra, postbackButton(this.t('talk_to_person'), 'intent:human')]));
  }

  resolve(reason: string): void {
    if (this.outcome?.outcome === 'handed_off') return;
    this.outcome = { outcome: 'resolved_by_agent', reason };
  }

  get channel(): string {
    return channelName(this.conv.channel);
  }
}

const NUMBERED =
  /^(?:(?:nr|no|number|numer|option|opcj[aęe]|#)\.?\s*)?(\d{1,2})\s*(?:[.)]|번(?:째)?(?:\s*(?:이요|요|입니다|이에요|으로|로|할게요|선택))?)?\s*[.!]?$/iu;

/** The option a bare number picks from the last reply's quick replies ("2", "2.", "nr 2", "2번"). */
export function numberedChoice(text: string, options: string[] | undefined): string | undefined {
  if (!options?.length) return undefined;
  const m = text.trim().match(NUMBERED);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && n <= options.length ? options[n - 1] : undefined;
}

const ACK_SYMBOLS =
  /^[\u{1F44D}\u{1F44C}\u{1F64F}\u{1F64C}\u{1F44F}\u{1F91D}\u2764\u2665\u{1F495}-\u{1F49F}\u{1F9E1}\u{1F90D}\u{1F90E}\u{1F5A4}\u2705\u2714\u{1F4AF}\u{1F60D}\u{1F970}\u{1F618}\u263A\u{1F60A}]$/u;
const GREETING_SYMBOLS = /^[\u{1F600}-\u{1F606}\u{1F642}\u{1F917}\u{1F44B}\u{1F64B}\u{1F60E}\u{1F609}]$/u;

/**
 * A message of symbols only (no letter or digit): emoji acknowledgements (👍 👌 🙏 ❤️) are thanks,
 * a smile or a wave (😀 👋) a greeting, anything else ("?", "…", 🤔) unclear. None of these is a
 * failed attempt to say something: they never count towards the low-confidence handoff.
 */
export function symbolsOnly(text: string): 'thanks' | 'greeting' | 'unclear' | undefined {
  const t = text.trim();
  if (!t || /[\p{L}\p{N}]/u.test(t)) return undefined;
  const symbols = [...t.replace(/\s|\uFE0F|\u200D|\p{Emoji_Modifier}/gu, '')];
  if (symbols.length === 0) return undefined;
  if (symbols.every((c) => ACK_SYMBOLS.test(c))) return 'thanks';
  if (symbols.every((c) => GREETING_SYMBOLS.test(c) || ACK_SYMBOLS.test(c))) return 'greeting';
  return 'unclear';
}

/** A conversation stored before `languageSure` existed: its language stands as it did then. */
const legacySure = (conv: Conversation) => conv.version > 0 && conv.data.languageSure === undefined;

/**
 * The reply language. The message's own when it shows one; when it says nothing either way ("Kto
 * placi za odeslanie?" without diacritics, an order number, "ok"): the conversation's earlier
 * language, then the channel's locale hint, then the brand's (its channel intro message, else its
 * documents), and English only when none of those is known.
 */
async function replyLanguage(
  conv: Conversation,
  input: TurnInput,
  ctx: SkillContext,
): Promise<{ language: Lang; confident: boolean; source?: string }> {
  const guess = detectLanguage(input.text, conv.language);
  if (!guess.fallback) return guess;
  const unsure = { confident: false } as const;
  if (conv.data.languageSure || legacySure(conv))
    return { language: conv.language, ...unsure, source: 'conversation' };
  const hint = LANGS.find((l) => input.localeHint.toLowerCase().startsWith(l));
  if (hint) return { language: hint, ...unsure, source: 'locale_hint' };
  const intro = ctx.introMessage ? detectLanguage(ctx.introMessage, 'en') : undefined;
  if (intro?.confident) return { language: intro.language, ...unsure, source: 'channel_intro' };
  const documents = await ctx.documentLanguage?.().catch(() => undefined);
  if (documents) return { language: documents, ...unsure, source: 'documents' };
  return { language: conv.language, ...unsure };
}

/** Runs one turn. Throws only for infrastructure failures the engine should retry. */
export async function runTurn(conv: Conversation, given: TurnInput, ctx: SkillContext): Promise<TurnOutput> {
  // "Can you answer in English please? Is …": the language asked for is the reply's, and only the
  // rest of the message is read (a request about the language is no question for the documents).
  const asked = given.postback ? undefined : languageRequest(given.text);
  const input = asked?.rest ? { ...given, text: asked.rest } : given;
  const guess = asked
    ? { language: asked.language, confident: true, source: 'asked' }
    : await replyLanguage(conv, input, ctx);
  // "2", "nr 2", "2번" after a menu rendered as numbered text (WhatsApp, SMS): that option, as if tapped.
  const picked = input.postback ? undefined : numberedChoice(input.text, conv.data.options);
  const turn = new Turn(conv, picked ? { ...input, postback: picked } : input, ctx, guess.language);
  turn.data.options = undefined;
  turn.log('language', {
    language: guess.language,
    confident: guess.confident,
    ...(guess.source ? { source: guess.source } : {}),
  });
  // Whether the conversation's language was ever read from what the shopper wrote (or said by the
  // channel): until then a guess is no "earlier language" to fall back to.
  turn.data.languageSure = Boolean(
    guess.confident || guess.source === 'locale_hint' || conv.data.languageSure || legacySure(conv),
  );
  if (picked) turn.log('intent', { source: 'numbered_choice', text: input.text, postback: picked });
  if (input.asOf && !turn.data.asOf) turn.data.asOf = input.asOf.toISOString();
  if (input.preview) turn.data.preview = true;
  const reason = returnReasonOf(input.text);
  // A fault reported later ("the leg is cracked too") outweighs a size or a change of mind.
  const fault = (r?: string) => r === 'damaged' || r === 'wrong_item';
  if (reason && (!turn.data.returnReason || (fault(reason) && !fault(turn.data.returnReason))))
    turn.data.returnReason = reason;
  // What they said is faulty, for the next order card ("the code doesn't work" while signing in is
  // about the code).
  const signingIn = turn.state === 'awaiting_email' || turn.state === 'awaiting_code';
  const faultSaid = reportsProblem(input.text) && !(signingIn && CODE_WORD.test(input.text.toLowerCase()));
  if (faultSaid) {
    turn.data.fault = input.text.trim().slice(0, 300);
    turn.data.faultOrder = undefined;
  } else if (FORGET.test(input.text.toLowerCase())) {
    // "ok forget the table": the fault said about it goes with it.
    turn.data.fault = undefined;
    turn.data.faultOrder = undefined;
  }

  if (asked && !asked.rest) {
    // Only the request: acknowledged in that language; whatever was going on goes on.
    turn.log('intent', { intent: 'language', source: 'language_request' });
    turn.say('language_switched');
    sayResume(turn);
  } else await step(turn);
  // The order a fault was said about: the one open after the turn (an order named with the fault is
  // opened by it, or asked for — then it is the next card's).
  if (faultSaid && turn.data.fault) turn.data.faultOrder = turn.data.orderId;

  // What this reply offers, for a numbered answer next turn (and only then).
  const offered = turn.parts.flatMap((p) =>
    p.part?.$case === 'quickReplies' ? p.part.value.options.map((o) => o.postback) : [],
  );
  if (offered.length && offered.every(Boolean)) turn.data.options = offered;

  turn.log('reply', { parts: turn.parts.map((p) => p.part?.$case), state: turn.state });
  return {
    parts: turn.parts,
    state: turn.state,
    language: turn.lang,
    intent: turn.intent,
    data: turn.data,
    decisions: turn.decisions,
    outcome: turn.outcome,
    ...(turn.previewCode ? { previewCode: turn.previewCode } : {}),
  };
}

/** How close a return/exchange request must come for a policy answer to offer starting one. */
const OFFER_MIN_SCORE = 0.5;

async function step(turn: Turn): Promise<void> {
  const { input } = turn;
  const expectingCode = turn.state === 'awaiting_code';
  const entities = extractEntities(input.text, { expectingCode });
  if (entities.orderRefs.length || entities.email || entities.code) {
    turn.log('entities', {
      orderRefs: entities.orderRefs,
      email: Boolean(entities.email),
      code: Boolean(entities.code),
    });
  }

  // A yes / no to the question the last reply asked ("…connect you with a person?"), or a bare "ok".
  const offer = turn.data.offer;
  turn.data.offer = undefined;
  const symbols = input.postback ? undefined : symbolsOnly(input.text);
  if (!input.postback && !FLOW_STATES.has(turn.state)) {
    // A thumbs-up to "…connect you with a person?" is a yes.
    const reply = symbols === 'thanks' && offer ? 'yes' : shortReply(input.text);
    if (reply === 'yes' && offer) {
      turn.intent = offer;
      turn.log('intent', { intent: offer, source: 'yes_to_offer' });
      return route(turn, offer, entities);
    }
    if (reply === 'no' || (reply === 'yes' && !offer)) {
      turn.intent = 'other';
      turn.say('anything_else');
      return;
    }
  }

  // Button taps carry their meaning explicitly.
  const pb = input.postback;
  if (pb.startsWith('order:')) {
    turn.intent = turn.data.pending ?? 'start_return';
    return withOrder(turn, pb.slice('order:'.length), turn.data.pending ?? 'start_return');
  }
  // Channel events without words (Naver TalkTalk "open" / "leave"): the intro when a chat opens,
  // nothing when it closes — never the "what would you like to do?" of an unclear message.
  if (pb.startsWith('event:')) {
    const event = pb.slice('event:'.length);
    turn.log('intent', { intent: event === 'open' ? 'greeting' : '', source: 'channel_event', event });
    if (event !== 'open') return;
    turn.intent = 'greeting';
    return route(turn, 'greeting', entities);
  }
  if (pb.startsWith('intent:')) {
    const intent = pb.slice('intent:'.length) as Intent;
    turn.intent = intent;
    turn.log('intent', { intent, source: 'postback' });
    turn.data.expectQuestion = undefined;
    // "Ask about the policy" carries no question yet (its label is no question to look up).
    if (intent === 'policy_question') {
      turn.data.clarifications = 0;
      turn.data.expectQuestion = true;
      turn.say('ask_policy');
      turn.state = idleish(turn.state);
      return;
    }
    return route(turn, intent, entities);
  }

  // 👍 / 😀 / "?": thanks, a greeting, or a prompt to say more; inside a flow, the step's prompt again.
  if (symbols) {
    turn.log('intent', { intent: symbols, source: 'symbols' });
    if (turn.state === 'awaiting_email' || turn.state === 'awaiting_code') {
      turn.intent = turn.data.pending ?? '';
      turn.say(turn.state === 'awaiting_email' ? 'ask_email' : 'ask_code');
      return;
    }
    if (symbols === 'unclear') {
      turn.intent = 'other';
      return clarify(turn, [], false);
    }
    turn.intent = symbols;
    return route(turn, symbols, entities);
  }

  const c = input.read ?? classify(input.text);
  // After "Ask about the policy", the next message is the question unless it clearly says otherwise.
  const expectQuestion = turn.data.expectQuestion === true;
  turn.data.expectQuestion = undefined;
  turn.log('intent', {
    intent: c.intent,
    confidence: Number(c.confidence.toFixed(3)),
    ambiguous: c.ambiguous,
    candidates: c.candidates.map((x) => `${x.intent}:${x.score.toFixed(2)}`),
  });
  const strong = !c.ambiguous && c.intent !== 'other' && c.confidence >= 0.5;

  // "Never mind" inside a flow stops it (a signed-in session stays); outside one there is nothing to
  // stop: "anything else?", not a menu.
  if (!FLOW_STATES.has(turn.state) && !strong && isCancel(input.text, 2)) {
    turn.intent = 'other';
    turn.say('anything_else');
    return;
  }
  if (FLOW_STATES.has(turn.state) && isCancel(input.text)) {
    turn.intent = 'other';
    turn.log('state', { cancelled: turn.data.pending ?? turn.state });
    turn.data.pending = undefined;
    turn.data.challengeId = undefined;
    turn.data.request = undefined;
    turn.data.clarifications = 0;
    turn.state = 'idle';
    turn.say('cancelled');
    return;
  }

  // State-specific expectations come first, unless the shopper clearly changed the subject.
  if (turn.state === 'awaiting_code' || turn.state === 'awaiting_email') {
    const prompt: TemplateKey = turn.state === 'awaiting_code' ? 'ask_code' : 'ask_email';
    if (turn.state === 'awaiting_code' && entities.code && turn.data.challengeId) {
      turn.intent = turn.data.pending ?? '';
      return completeCode(turn, entities.code);
    }
    if (entities.email) {
      turn.intent = turn.data.pending ?? '';
      return startCode(turn, entities.email);
    }
    // "emma.carter@example": an address with a part missing is not silently ignored.
    if (turn.state === 'awaiting_email' && /\S@\S*/u.test(input.text)) {
      turn.intent = turn.data.pending ?? '';
      turn.say('email_incomplete');
      return;
    }
    // "I didn't get any code", "kod nie przyszedł", "인증번호가 안 왔어요": ask for the email again (a
    // new code, within the sending limits), and say where codes go astray.
    if (
      turn.state === 'awaiting_code' &&
      NO_CODE.test(input.text.toLowerCase()) &&
      (CODE_WORD.test(input.text.toLowerCase()) || input.text.trim().split(/\s+/u).length <= 4)
    ) {
      turn.intent = turn.data.pending ?? '';
      turn.log('state', { code: 'not_received' });
      turn.state = 'awaiting_email';
      turn.say('code_not_received');
      return;
    }
    // "The order was bought by my friend, I only have the gift receipt": the recipient of a gift
    // cannot sign in to the buyer's account. The documents' gift rule, then a person (who can look
    // the order up from the receipt); the sign-in is dropped, not asked for again.
    if (GIFT_RECIPIENT.test(input.text.toLowerCase())) {
      turn.intent = 'policy_question';
      turn.log('state', { signIn: 'gift_recipient' });
      turn.state = 'idle';
      turn.data.challengeId = undefined;
      await policy(turn, async () => {});
      turn.say('gift_recipient');
      turn.offerPerson();
      return;
    }
    const other = strong && (c.intent === 'human' || c.intent === 'dispute');
    // "The lamp came cracked", "a noga jest pęknięta": a fault told while signing in is the reason
    // for the request (kept for the return), acknowledged, never passed over for the prompt again.
    // (Not "the code doesn't work": that is about signing in.)
    const problem = !other && reportsProblem(input.text) && !CODE_WORD.test(input.text.toLowerCase());
    if (problem) {
      turn.log('state', { reason: turn.data.returnReason });
      // The item it names helps pick the order after sign-in ("the lamp" → the order with a lamp).
      turn.data.request = [turn.data.request, input.text.trim()].filter(Boolean).join(' ').slice(0, 300);
    }
    // "아 교환 말고 그냥 환불 받을래요" while signing in: the request changes, the sign-in goes on.
    if (strong && ORDER_INTENTS.has(c.intent)) {
      const next = c.intent as Pending;
      turn.intent = next;
      if (next !== turn.data.pending) {
        turn.log('state', { switched: { from: turn.data.pending, to: next } });
        turn.data.pending = next;
        turn.say(`switched_${next}`);
      }
      if (problem) turn.say('problem_noted');
      else if (cuedOrderRefs(input.text).length || !turn.data.request)
        turn.data.request = input.text.trim().slice(0, 300);
      // "…and who pays the shipping?": answered before the prompt (not for a status request: "kiedy
      // dostanę pieniądze?" is the request itself, answered from the order once signed in).
      if (next !== 'return_status') await answerAlongside(turn);
      turn.say(prompt);
      return;
    }
    if (problem) {
      turn.intent = turn.data.pending ?? '';
      turn.say('problem_noted');
      if (isQuestion(input.text)) {
        turn.data.clarifications = 0;
        await policy(turn);
        return;
      }
      turn.say(prompt);
      return;
    }
    // "a co z zamówieniem #RF 1003?", "RF1004 – gdzie jest moja paczka?": a question about a named
    // order waits for the sign-in (that order is opened right after it), never a documents lookup.
    // (An order word or '#' marks the number; a bare number is not taken — it may be a code.)
    const named = cuedOrderRefs(input.text)[0] ?? entities.orderRefs.find((r) => /\p{L}/u.test(r));
    if (!other && named && isQuestion(input.text)) {
      if (ORDER_INTENTS.has(c.intent) && c.intent !== turn.data.pending) {
        turn.log('state', { switched: { from: turn.data.pending, to: c.intent } });
        turn.data.pending = c.intent as Pending;
      }
      turn.intent = turn.data.pending ?? '';
      turn.data.request = input.text.trim().slice(0, 300);
      turn.say('order_noted', { order: named.startsWith('#') ? named : `#${named}` });
      turn.say(prompt);
      return;
    }
    // "Do you have a store in Boston?", "jak dlugo trwa zwrot pieniedzy": a question is answered
    // from the documents, then how to carry on — not the sign-in prompt again.
    if (!other && isQuestion(input.text)) {
      turn.intent = 'policy_question';
      turn.data.clarifications = 0;
      await policy(turn);
      return;
    }
    if (!strong) {
      turn.intent = turn.data.pending ?? '';
      turn.say(prompt);
      return;
    }
  }
  // "30107 헤드폰이 불량이에요", "RF1003 - grawer jest z błędem": a fault reported with the order is a
  // defect claim (the documents' rule for it, and the brand's way forward), never a status answer
  // or a "cannot be returned" for the kind of product.
  if (
    entities.orderRefs.length &&
    turn.data.sessionId &&
    reportsProblem(input.text) &&
    !(strong && (c.intent === 'human' || c.intent === 'dispute'))
  )
    return defectClaim(turn, input.text);
  if (
    entities.orderRefs.length &&
    (turn.state === 'awaiting_order_choice' ||
      turn.state === 'link_offered' ||
      (turn.state === 'idle' && turn.data.sessionId)) &&
    // "그리고 1003번 주문도 반품 가능해요?": for a signed-in shopper a rules question about a named
    // order is answered by checking that order (per-line decisions with the policy citation).
    (!strong || ORDER_INTENTS.has(c.intent) || c.intent === 'policy_question')
  ) {
    const pending: Pending =
      strong && ORDER_INTENTS.has(c.intent) ? (c.intent as Pending) : (turn.data.pending ?? 'start_return');
    turn.intent = pending;
    return withOrder(turn, entities.orderRefs[0]!, pending);
  }
  // Picking from the list in words: "the one from nov 20", "20 listopada", "the beanie", "일본으로 보낸
  // 주문". After an order was opened, words naming another listed order ("no, the one with the tent")
  // open that one — for the request they come with ("where is my refund for the headlamp?").
  const picking = turn.state === 'awaiting_order_choice';
  const reopening =
    (turn.state === 'link_offered' || turn.state === 'awaiting_resolution') &&
    !!turn.data.sessionId &&
    (!strong || ORDER_INTENTS.has(c.intent) || c.intent === 'policy_question' || c.intent === 'other');
  if ((picking || reopening) && !entities.orderRefs.length && turn.data.recentOrders?.length) {
    const recent = turn.data.recentOrders;
    const listed = recent.map((o) => ({
      id: o.id,
      createdAt: o.createdAt ? new Date(o.createdAt) : undefined,
      day: o.day,
      countryCode: o.country,
      lineItems: (o.titles ?? []).map((title) => ({ title })),
    }));
    const pick = matchOrders(listed, input.text, turn.lang);
    const pending: Pending =
      strong && ORDER_INTENTS.has(c.intent) ? (c.intent as Pending) : (turn.data.pending ?? 'start_return');
    if (
      pick?.orders.length === 1 &&
      pick.reason !== 'latest' &&
      (picking || pick.orders[0]!.id !== turn.data.orderId || pending !== turn.data.pending)
    ) {
      turn.log('order_match', { reason: pick.reason, orders: [pick.orders[0]!.id] });
      turn.intent = pending;
      return withOrder(turn, pick.orders[0]!.id, pending);
    }
    if (picking && pick && pick.orders.length > 1 && pick.orders.length < recent.length) {
      // "the tent one" and two orders had a tent: which of those two.
      turn.log('order_match', { reason: pick.reason, orders: pick.orders.map((o) => o.id) });
      turn.intent = pending;
      turn.say('choose_order');
      const byId = new Map(recent.map((o) => [o.id, o]));
      turn.parts.push(
        quick(
          pick.orders.map((o) =>
            postbackButton(byId.get(o.id)?.label ?? byId.get(o.id)!.name, `order:${o.id}`),
          ),
        ),
      );
      turn.state = 'awaiting_order_choice';
      return;
    }
  }
  if (
    turn.state === 'awaiting_resolution' &&
    (c.intent === 'start_return' || c.intent === 'start_exchange') &&
    turn.data.orderId
  ) {
    turn.intent = c.intent;
    return withOrder(turn, turn.data.orderId, c.intent);
  }

  // "Can I return a sale item?", "다른 색상으로 교환할 수 있나요?": a question about the rules as much as a
  // request. The documents answer it, with a button to start right away; a menu only if they can't.
  const top = c.candidates.slice(0, 2).map((x) => x.intent);
  const action = c.candidates.find(
    (x) => (x.intent === 'start_return' || x.intent === 'start_exchange') && x.score >= OFFER_MIN_SCORE,
  )?.intent as 'start_return' | 'start_exchange' | undefined;
  // A weak return / exchange reading of a question ("Czy przyjmujecie zwroty w sklepie?", "매장에서도
  // 반품 받나요?") is treated the same way: the rules first, the button to start.
  const weakRequest =
    !strong &&
    !c.ambiguous &&
    (c.intent === 'start_return' || c.intent === 'start_exchange') &&
    looksLikeQuestion(input.text);
  // "Chcę zwrócić przerzutkę, ile kosztuje odesłanie?", "반품하고 싶은데 배송비는 누가 내요?": a request
  // said outright, with a question beside it — the question is answered, then the request goes on.
  if (action && top.includes('policy_question') && isStartOrRules(c) && asksToStart(input.text)) {
    turn.intent = action;
    turn.log('intent', { intent: action, source: 'request_with_question' });
    return route(turn, action, entities);
  }
  if (
    (action &&
      top.includes('policy_question') &&
      (c.intent === 'policy_question' || (c.ambiguous && looksLikeQuestion(input.text)))) ||
    weakRequest
  ) {
    const offered = action ?? (c.intent as 'start_return' | 'start_exchange');
    turn.data.clarifications = 0;
    // About an item of the order on screen: its own decision answers.
    if (await itemOnScreen(turn)) return;
    turn.intent = 'policy_question';
    // Not in the documents: say so, and offer the two ways forward (start, or a person).
    // However the question is put, both ways stay open: the documents' silence is no refusal.
    const answered = await policy(turn, async () => {
      // Unanswered, it is still a rules question unless it was only half one.
      if (!c.ambiguous && !weakRequest) turn.intent = 'policy_question';
      turn.say('kb_not_found');
      turn.parts.push(
        quick([
          postbackButton(turn.t(offered), `intent:${offered}`),
          postbackButton(turn.t('talk_to_person'), 'intent:human'),
        ]),
      );
      turn.state = idleish(turn.state);
    });
    if (answered) {
      const said = turn.parts.map((p) => (p.part?.$case === 'text' ? p.part.value : '')).join(' ');
      if (offered === 'start_return' && EXCHANGE_ONLY_RULE.test(said)) {
        // "Sale items can only be exchanged": the way the rule leaves open, not a return.
        turn.parts.push(quick([postbackButton(turn.t('start_exchange'), 'intent:start_exchange')]));
        turn.data.request = input.text.trim().slice(0, 300);
      } else if (REFUSAL.test(said)) {
        // "Final sale items cannot be returned": a Start button would contradict the rule just cited.
        turn.offerPerson();
      } else {
        turn.parts.push(quick([postbackButton(turn.t(offered), `intent:${offered}`)]));
        // If they tap it, "Can I return the merino hat?" already says which order.
        turn.data.request = input.text.trim().slice(0, 300);
      }
    }
    return;
  }
  // "이어폰 한쪽만 잃어버렸어요" right after tapping "Ask about the policy": looked up, not the menu again.
  if (expectQuestion && (c.ambiguous || c.intent === 'other') && !entities.orderRefs.length) {
    turn.intent = 'policy_question';
    turn.data.clarifications = 0;
    await policy(turn);
    return;
  }
  if (c.ambiguous) {
    turn.intent = 'other';
    // "Can I get a refund for a rug that is the wrong size?" read as a return or an exchange: the
    // question is answered before asking which.
    if (top.every((i) => i === 'start_return' || i === 'start_exchange')) {
      if (await itemOnScreen(turn)) return;
      await answerAlongside(turn);
    }
    return clarify(
      turn,
      c.candidates.map((x) => x.intent),
    );
  }
  turn.intent = c.intent;
  if (c.intent === 'other') {
    // Short replies inside a flow (an order number on its own, "yes") are not worth a question.
    if (entities.orderRefs.length && turn.data.sessionId)
      return withOrder(turn, entities.orderRefs[0]!, turn.data.pending ?? 'start_return');
    // "The zipper broke after two days", "Buty przyszły uszkodzone": sorry, what the policy says
    // about it (if anything), and the ways forward — not a generic menu.
    // ("Jak złożyć reklamację?", "How do I make a warranty claim?" ask how the procedure goes: a
    // question, with nothing to be sorry about, unless a fault is told too.)
    const text = faultsOf(turn.input.text);
    const faultTold = DAMAGE.test(text) || WRONG_OR_MISSING.test(text);
    if (reportsProblem(turn.input.text) && (faultTold || !looksLikeQuestion(turn.input.text)))
      return problemReport(turn);
    // A question the skill has no intent for may still be in the brand's documents ("Do you ship to
    // Canada?"): the knowledge base answers it with citations, or says it is not there and offers a
    // person. Never a guess, and no menu in reply to a plain question.
    if (looksLikeQuestion(turn.input.text)) {
      turn.intent = 'policy_question';
      turn.data.clarifications = 0;
      await policy(turn);
      return;
    }
    // "삼만백이번 주문", "order number: the one from last week": a signed-in shopper trying to give an
    // order number we can't read is asked again with their orders to tap — no menu, and never a
    // handoff for it.
    if (turn.data.sessionId && triesOrderNumber(turn.input.text)) {
      turn.intent = turn.data.pending ?? 'start_return';
      turn.say('order_ref_unreadable');
      return chooseOrder(turn);
    }
    // A bare e-mail address with nothing asked yet: kept for the sign-in the next choice needs, and
    // no failed attempt (QA: it got the menu again, and three of those handed the chat off).
    if (entities.email && !turn.data.sessionId) {
      turn.data.email = entities.email;
      // After telling what is wrong or what they want ("one cushion has a torn seam", then the
      // address): the sign-in for it starts now, not a menu (QA 8).
      if (turn.data.fault || turn.data.request || turn.data.returnReason) {
        const pending: Pending = turn.data.pending ?? 'start_return';
        turn.intent = pending;
        turn.data.pending = pending;
        turn.log('state', { signIn: 'email_volunteered' });
        return startCode(turn, entities.email);
      }
      return clarify(turn, [], false);
    }
    return clarify(turn, []);
  }
  return route(turn, c.intent, entities);
}

/** A short message about an order's number ("삼만백이번 주문", "nr zamówienia: RF…", "order # is"). */
const ORDER_NUMBER_WORDS = unicodeWords(
  /\b(order|orders|number|no\.|nr\.?|numer\w*|zamówieni\w*|zamowieni\w*)\b|#|주문|번호/iu,
);
function triesOrderNumber(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return t.split(/\s+/u).length <= 5 && ORDER_NUMBER_WORDS.test(t.toLowerCase()) && !looksLikeQuestion(t);
}

/** Read as the rules, a request to start, or too close to call between the two. */
function isStartOrRules(c: Classification): boolean {
  const reading = (i: Intent) => i === 'policy_question' || i === 'start_return' || i === 'start_exchange';
  return c.ambiguous ? c.candidates.slice(0, 2).every((x) => reading(x.intent)) : reading(c.intent);
}

async function route(
  turn: Turn,
  intent: Intent,
  entities: ReturnType<typeof extractEntities>,
): Promise<void> {
  turn.data.clarifications = 0;
  switch (intent) {
    case 'greeting': {
      // The brand's intro is written in one language: a shopper writing in another ("hi" to a Polish
      // intro) gets the agent's own greeting in theirs. (The channel settings carry no brand name to
      // put in it, so it names none.)
      const intro = turn.ctx.introMessage;
      const introLang = intro ? detectLanguage(intro, turn.lang) : undefined;
      const introFits = Boolean(intro) && (!introLang?.confident || introLang.language === turn.lang);
      if (intro && !introFits)
        turn.log('reply', { intro: 'other_language', introLanguage: introLang?.language });
      turn.parts.push(text(intro && introFits && !turn.data.introduced ? intro : turn.t('greeting')));
      turn.data.introduced = true;
      return;
    }
    case 'thanks':
      turn.say('thanks');
      if (turn.state === 'link_offered') turn.state = 'closed';
      return;
    case 'policy_question':
      // "Why not? I thought I had 30 days" with the card on screen: the card's reasons, not the
      // general rule (which may be what the shopper misread).
      if (asksWhyNot(turn.input.text) && (await explainOrder(turn))) return;
      // "When is customer service open?": the hours from the documents, and a person one tap away.
      if ((await policy(turn)) && asksAboutService(turn.input.text)) turn.offerPerson();
      return;
    case 'human':
      return handoff(turn, 'shopper_asked', false);
    case 'dispute':
      // "왜 안돼요?", "dlaczego nie?", "why not?": a shopper asking why is owed the reasons first (the
      // order's card again, its rules and dates); a threat, a regulator, anger or "unfair" goes to a
      // person at once, as does a why with no order to explain.
      if (asksWhyOnly(turn.input.text) && (await explainOrder(turn))) return;
      return handoff(turn, 'dispute', true);
    case 'start_return':
    case 'start_exchange':
    case 'return_status':
      // Their own words may already say which order ("the boots from my last order").
      if (turn.input.text.trim() && !turn.input.postback)
        turn.data.request = turn.input.text.trim().slice(0, 300);
      return orderFlow(turn, intent, entities);
    default:
      return clarify(turn, []);
  }
}

/**
 * Answers from the brand's documents (with citations); resolves whether it did. When they hold no
 * answer, `missing` replies instead of the default (say so, offer a person).
 */
/** Asks about returning or exchanging something ("can we return the table instead?", "czy stół można wymienić?", "식탁도 반품 되나요?"). */
const RETURN_OR_EXCHANGE = unicodeWords(
  /\b(return\w*|exchang\w*|send (it|them) back|swap)\b|zwr[oó]\w*|odda\w*|odesła\w*|wymie\w*|wymian\w*|반품|교환|환불/u,
);
const EXCHANGE_ONLY = unicodeWords(/\bexchang\w*|\bswap\b|wymie\w*|wymian\w*|교환/u);
const MAY_I = unicodeWords(
  /\?|\b(can|could|may|is it possible)\b|\bczy\b|\bmożn\w*|\bmogę\b|\bmożemy\b|가능|되나|될까|되요|돼요|할 수/u,
);

/** A clause as a sentence: closed with a full stop unless it ends in one already. */
function sentence(t: string): string {
  const s = t.trim();
  return !s || /[.!?。！？:)]$/u.test(s) ? s : `${s}.`;
}

/** Asking why ("why not?", "how come", "dlaczego nie?", "czemu", "왜 안돼요?"). */
const ASKS_WHY = unicodeWords(/\bwhy\b|\bhow come\b|\bdlaczego\b|\bczemu\b|왜/u);
/** More than asking why: unfair, a threat, a regulator or court, a chargeback, anger (en, pl, ko). */
const STRONG_DISPUTE = unicodeWords(
  /\b(unfair|ridiculous|unacceptable|outrageous|scam|fraud|lawyer|attorney|chargeback|charge back|sue|court|ombudsman|consumer (protection|rights)|report (you|this)|fed up|angry|furious|disgust\w*|joke|worst)\b|niesprawiedliw\w*|skandal\w*|oszu\w*|uokik\w*|rzecznik\w*|prawnik\w*|\bs(ą|a)d\w*|chargeback\w*|wkurz\w*|wściek\w*|wsciek\w*|mam (już )?dość|żart|kpina|말도\s*안|불공평|부당|억울|황당|어이(가)?\s*없|소비자\s*(원|보호|센터)|소보원|신고|고소|소송|변호사|차지백|카드사|민원|화가\s*나|화나|짜증|최악|사기/u,
);

/**
 * The shopper is not the buyer: a gift's recipient ("my sister got it for us as a gift", "the order
 * was bought by my friend", "dostałam to w prezencie", "친구가 선물로 사 줬어요", "I just have the gift
 * receipt"), who cannot sign in to the buyer's account.
 */
const GIFT_RECIPIENT = unicodeWords(
  /\b(gift receipt|(got|received|was given|were given)\b.{0,40}\b(as a |for a |a )?gift|gift (from|for me|for us)|(bought|ordered|paid for) by (my |a |our )?\w+|(not|wasn'?t|isn'?t) (me|the one) (who|that) (bought|ordered|paid)|i (didn'?t|did not) (buy|order|place) (it|this|the order)|someone else('?s)? (order|account|email|bought|ordered))\b|w prezencie|prezent od|paragon prezentowy|(kupi(ł|l)\w*|zam(ó|o)wi(ł|l)\w*|podarowa(ł|l)\w*) (mi|nam|dla mnie|dla nas)\b|nie ja (kupowa|zamawia|p(ł|l)aci)\w*|선물\s*(받|해\s*준|해\s*줬|영수증)|(친구|언니|누나|형|오빠|동생|엄마|아빠|지인)\w{0,2}\s*(가|이)\s*(선물로\s*)?(사|주문|결제)\w*\s*(준|줬|주|해)|제가\s*(산|주문한|결제한)\s*(게|것이|건)\s*아니/u,
);

/** "Why not?", "why can't I", "dlaczego nie", "czemu nie", "왜 안 돼요", "왜 못 해요". */
const ASKS_WHY_NOT = unicodeWords(
  /\bwhy (not|can'?t|cannot|isn'?t|won'?t|wouldn'?t|couldn'?t|is it not|doesn'?t)\b|\bhow come\b|\b(dlaczego|czemu) (nie|mi nie)\b|왜\s*(안|못)/u,
);

function asksWhyNot(text: string): boolean {
  const lower = text.toLowerCase();
  return ASKS_WHY_NOT.test(lower) && !STRONG_DISPUTE.test(lower);
}

/** The shopper asks why, and says nothing that makes it a dispute for a person. */
function asksWhyOnly(text: string): boolean {
  const lower = text.toLowerCase();
  return ASKS_WHY.test(lower) && !STRONG_DISPUTE.test(lower);
}

/** The order whose card is on screen, for a signed-in shopper (undefined: none, or it can't be read). */
async function orderOnScreen(turn: Turn): Promise<Order | undefined> {
  const { ctx, conv } = turn;
  if (!turn.data.sessionId || !turn.data.orderId) return undefined;
  try {
    return await turn.tool(
      'commerce.GetOrder',
      { orderRef: turn.data.orderId },
      () => ctx.ports.commerce.getOrder(conv.tenantId, turn.data.sessionId!, turn.data.orderId!),
      (o) => o.name,
    );
  } catch {
    return undefined;
  }
}

/**
 * "Why not?" with an order's card on screen (signed in): the card again — each line's decision, its
 * rule and dates — and a person one tap away. False when there is no order to explain.
 */
async function explainOrder(turn: Turn): Promise<boolean> {
  const order = await orderOnScreen(turn);
  if (!order) return false;
  const intent: Pending = turn.data.pending === 'start_exchange' ? 'start_exchange' : 'start_return';
  turn.log('intent', { intent: 'dispute', handled: 'explained', order: order.name });
  turn.intent = intent;
  turn.data.pending = intent;
  turn.data.orderName = order.name;
  turn.answeredAlongside = true;
  await eligibility(turn, order, intent);
  const offersPerson = turn.parts.some(
    (p) => p.part?.$case === 'quickReplies' && JSON.stringify(p).includes('intent:human'),
  );
  if (!offersPerson && turn.state !== 'handed_off') turn.offerPerson();
  return true;
}

/**
 * A signed-in shopper with an order's card on screen asks whether an item of it can be returned or
 * exchanged ("Can we return the dining table instead? it does not fit the room"): that item's own
 * decision answers (the order's card), never the general policy text, which may say otherwise for
 * it (a custom table is no "table from the standard range"). False when the message names none.
 */
async function itemOnScreen(turn: Turn): Promise<boolean> {
  const { input } = turn;
  const said = input.text.trim();
  if (!said || input.postback || !turn.data.sessionId || !turn.data.orderId) return false;
  if (turn.state !== 'link_offered' && turn.state !== 'idle' && turn.state !== 'awaiting_resolution')
    return false;
  const lower = said.toLowerCase();
  if (!RETURN_OR_EXCHANGE.test(lower) || !MAY_I.test(lower)) return false;
  const order = await orderOnScreen(turn);
  if (!order) return false;
  const told = itemsSaid(
    said,
    order.lineItems.map((l) => ({
      id: l.id,
      title: `${l.title}${l.variantTitle ? ` (${l.variantTitle})` : ''}`,
    })),
    turn.lang,
  );
  if (!told.named.length && !told.opened.length) return false;
  const intent: Pending =
    EXCHANGE_ONLY.test(lower) && !/\breturn|zwr[oó]|odda|반품|환불/u.test(lower)
      ? 'start_exchange'
      : 'start_return';
  turn.log('intent', { intent, source: 'item_on_screen', items: [...told.named, ...told.opened] });
  turn.intent = intent;
  turn.data.pending = intent;
  turn.data.orderName = order.name;
  // The card is the answer: the question is not looked up in the documents beside it.
  turn.answeredAlongside = true;
  await eligibility(turn, order, intent);
  return true;
}

async function policy(turn: Turn, missing?: () => Promise<void>): Promise<boolean> {
  const { ctx, conv, input } = turn;
  if (!missing && (await itemOnScreen(turn))) return true;
  const notFound = async () => {
    if (missing) {
      turn.intent = 'other';
      await missing();
      return false;
    }
    turn.say('kb_not_found');
    turn.state = idleish(turn.state);
    // Asked in the middle of a flow: the person is offered, and so is the way to carry on.
    sayResume(turn);
    turn.offerPerson();
    // It asked "would you like me to connect you with a person?": a bare "yes" answers it.
    turn.data.offer = 'human';
    return false;
  };
  // "How many days do I have? And can I return sale items?": each question answered on its own.
  const questions = separateQuestions(input.text);
  if (questions.length > 1) return severalQuestions(turn, questions, notFound);
  let answer: Awaited<ReturnType<typeof ctx.ports.knowledge.answer>>;
  try {
    answer = await turn.tool(
      'knowledge.Answer',
      { locale: turn.lang },
      () => ctx.ports.knowledge.answer(conv.tenantId, input.text, turn.lang),
      (a) => ({
        found: a.found,
        confidence: a.confidence,
        citations: a.citations.length,
      }),
    );
  } catch {
    // No answer we can stand behind: never guess.
    return notFound();
  }
  if (!answer.found || !answer.answer.trim()) return notFound();
  sayAnswer(turn, answer);
  if (answer.citations.length)
    turn.parts.push({ part: { $case: 'citations', value: { items: answer.citations.map(citation) } } });
  turn.state = idleish(turn.state);
  // Asked in the middle of a flow: answer, then say how to carry on.
  sayResume(turn);
  turn.resolve('question_answered');
  return true;
}

/**
 * The section path without the document's own title ("Returns policy > Window" under the title
 * "Returns policy" reads "Window"): a citation shows the title already.
 */
export function sectionBelow(title: string, section: string): string {
  const path = section.split('>').map((p) => p.trim());
  while (path.length > 1 && path[0]!.toLowerCase() === title.trim().toLowerCase()) path.shift();
  return path.length === 1 && path[0]!.toLowerCase() === title.trim().toLowerCase() ? '' : path.join(' > ');
}

/** How to carry on with the flow the shopper is in the middle of (nothing outside one). */
function sayResume(turn: Turn): void {
  const resume: TemplateKey | undefined =
    turn.state === 'awaiting_email'
      ? 'resume_email'
      : turn.state === 'awaiting_code'
        ? 'resume_code'
        : turn.state === 'awaiting_order_choice'
          ? 'resume_order'
          : undefined;
  if (resume) turn.say(resume);
}

/**
 * A question by its form, short ones included ("Jak długo?", "which email?"): a question mark at
 * the end, or the longer forms `looksLikeQuestion` reads.
 */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  return (/[?？]\s*$/u.test(t) && /\p{L}/u.test(t)) || looksLikeQuestion(t);
}

function idleish(state: State): State {
  return state === 'handed_off'
    ? state
    : state === 'awaiting_email' || state === 'awaiting_code' || state === 'awaiting_order_choice'
      ? state
      : 'idle';
}

/**
 * An answer from the documents. In another language than the shopper's: said so in theirs, then
 * quoted as written (a translation would be words the brand never wrote).
 */
function sayAnswer(turn: Turn, answer: { answer: string; language: string }): void {
  const quoted = (answer.language || '').slice(0, 2).toLowerCase();
  if (quoted && quoted !== turn.lang && (quoted === 'en' || quoted === 'pl' || quoted === 'ko'))
    turn.say('kb_other_language', { language: turn.t(`lang_${quoted}` as TemplateKey) });
  turn.parts.push(text(answer.answer));
}

/** A citation as shown: the section below the document's title (the title is shown already). */
function citation(c: { title: string; url: string; section: string }) {
  return { title: c.title, url: c.url, section: sectionBelow(c.title, c.section) };
}

/**
 * The separate questions of a message ("반품하려면 며칠 안에 해야 돼요? 세일 상품도 반품 되나요?", "ile mam
 * dni na zwrot? i kto płaci za wysyłkę"): the parts between question marks that each read as a
 * question on their own (three words or more). At most 3; one or none → [] (the message as a whole).
 */
export function separateQuestions(text: string): string[] {
  // As chat is typed: no question mark at all ("how long do i have to return stuff and who pays
  // shipping"), or a numbered list ("1) do kiedy moge oddac wazon 2) kto placi za kuriera").
  const numbered = NUMBERED_FIRST.test(text) && NUMBERED_NEXT.test(text);
  if (!/[?？]/u.test(text) && !AND_QUESTION.test(text) && !numbered) return [];
  // Split after every sentence (and numbered item): a greeting before the questions ("hi! how
  // long… and who pays…?") is no question and drops out below.
  const parts = text
    .split(numbered ? NUMBERED_SPLIT : /(?<=[?？!！.。])\s+/u)
    .flatMap((p) => (numbered ? p.split(/(?<=[?？!！.。])\s+/u) : [p]))
    .map((p) =>
      p
        .trim()
        .replace(GREETING_LEAD, '')
        .replace(/^(and|also|i|a|oraz|także|그리고|또)\s+/iu, ''),
    )
    .flatMap(splitAnd)
    .filter((p) => looksLikeQuestion(p));
  return parts.length > 1 ? parts.slice(0, 3) : [];
}

/** "hi, …", "dzień dobry, …", "안녕하세요, …": a greeting before the question, in the same sentence. */
const GREETING_LEAD =
  /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|dzie(ń|n) dobry|cze(ś|s)(ć|c)|witam|witajcie|hej|안녕하세요)[,!.]?\s+/iu;

/** "1) …  2) …" or "1. …  2. …": questions in a numbered list (at least a first and a second). */
const NUMBERED_FIRST = /(?:^|[\s:,;])1[).]\s+\S/u;
const NUMBERED_NEXT = /\s2[).]\s+\S/u;
const NUMBERED_SPLIT = /(?:^|\s+)\d{1,2}[).]\s+/u;

/**
 * "how long do I have to return it and who pays shipping?", "ile mam dni i kto płaci za wysyłkę?":
 * two questions joined by "and" / "i" / "oraz", each a question of its own (both open with a question
 * word, or the first reads as one) — "can I return and exchange it?" stays one.
 */
const AND_QUESTION =
  /\s*,?\s+(?:and|oraz|i|a)\s+(?=(?:who|what|when|where|how|which|why|do|does|is|are|can|could|will|czy|kto|co|kiedy|gdzie|jak|ile|dlaczego)\b)/iu;
function splitAnd(part: string): string[] {
  const m = AND_QUESTION.exec(part);
  if (!m) return [part];
  const first = part.slice(0, m.index).trim();
  const second = part.slice(m.index + m[0].length).trim();
  if (!looksLikeQuestion(first) || !looksLikeQuestion(second.replace(/[?？]*$/u, '?'))) return [part];
  return [`${first}?`, ...splitAnd(second)];
}

/** Each question answered from the documents in turn; one not in them is named, the rest answered. */
async function severalQuestions(
  turn: Turn,
  questions: string[],
  notFound: () => Promise<boolean>,
): Promise<boolean> {
  const answers = await lookUpEach(turn, questions);
  if (answers.every((a) => !a)) return notFound();
  sayEach(turn, questions, answers);
  turn.state = idleish(turn.state);
  sayResume(turn);
  if (answers.some((a) => !a)) {
    turn.offerPerson();
    turn.data.offer = 'human';
  }
  turn.resolve('question_answered');
  return true;
}

/** A question by its form: a question mark, or an interrogative opening / ending (en, pl, ko). */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.split(/\s+/u).length < 3) return false;
  if (/[?？]$/u.test(t)) return true;
  // Also as typed in chat: "whats", "wheres", "what's" (no apostrophe, or a curly one).
  if (
    /^((what|how|when|where|why|who)(['’]?s)?|which|do|does|did|can|could|is|are|will|would|should)\b/iu.test(
      t,
    )
  )
    return true;
  if (
    /^((do|od|za|po|na|w|przez) )?(czy|jak|jaki|jaka|jakie|jakiego|jakim|jakich|kiedy|gdzie|dlaczego|czemu|sk(ą|a)d|dok(ą|a)d|ile|ilu|kto|kogo|komu|co|czego|kt(ó|o)r(y|a|ą|e|ego|ym|ej))(?![\p{L}\p{N}_])/iu.test(
      t,
    )
  )
    return true;
  return (
    /(나요|까요|니까|가요|에요|어요|해요|되요|돼요|죠)\s*$/u.test(t) &&
    /(무엇|뭐|어떻게|언제|어디|왜|누가|얼마|몇|있나요|되나요|할 수|가능)/u.test(t)
  );
}

const ORDER_INTENTS = new Set<Intent>(['start_return', 'start_exchange', 'return_status']);

/** Where a message's clauses end: after . ! ? , ; and after Korean connectives (…는데, …지만). */
const CLAUSE_END = /(?<=[.!?？;,])\s+|(?<=(?:는데|은데|인데|던데|지만|니까|는데요|은데요))\s+/u;

/** The clause asks for the request itself ("I want to…", "chcę…", "…하고 싶은데"): the flow answers that. */
const ASKS_FOR_IT = unicodeWords(
  /\b(i|we) (really )?(want|need|would like|'d like|wanna)\b|\bi'd like\b|\b(please|pls|plz)\b|\b(chc(ę|e)|chcia(ł|l)\w*|prosz(ę|e)|poprosz(ę|e)|potrzebuj\w*|musz(ę|e))\b|하고\s*싶|할게|할래|하려고|하려는데|원해|부탁|주세요|줘요/u,
);

/**
 * How to start, or asking the assistant to do it ("how do I start a return?", "can you process a
 * return for #1001?", "jak rozpocząć zwrot?", "어떻게 신청해요?"): what the flow itself does next.
 */
const PROCESS_QUESTION = unicodeWords(
  /\bhow (do|can|should|would) (i|we) (start|begin|make|open|do|initiate|request|get started|go about)\b|\bhow to (start|begin|make|open|initiate|request)\b|\b(can|could|would|will) you (please |kindly )?(start|process|help|arrange|issue|set up|open|do|send|sort)\b|^(can|could|may) (i|we) (please )?(get|have|start|make|request|do|open) (a |an |my |the )?(return|refund|exchange)( please)?\W*$|\bjak (mam |mog(ę|e) |mo(ż|z)na )?(rozpocz|zacz|zg(ł|l)osi|zrobi|z(ł|l)o(ż|z)y)\w*|\b(czy )?(mo(ż|z)ecie|mo(ż|z)esz|mo(ż|z)e pan|mo(ż|z)e pani) (mi )?(rozpocz|zrobi|przyj|za(ł|l)atwi|pom(ó|o)c)\w*|어떻게\s*(시작|신청|접수|진행|하면)|(신청|접수|진행)\s*(해\s*주실|해\s*줄|해\s*주시겠)/u,
);

/**
 * The questions a request carries besides the request ("소파 반품하고 싶은데 수거비 얼마예요?", "Can I
 * get my money back for a rug that doesn't fit?", "I want to return it, how long do I have?"): its
 * clauses that are questions and neither ask for the request again nor how to start it. At most 2.
 */
export function questionsAlongside(text: string): string[] {
  const questions = text
    .split(CLAUSE_END)
    .map((c) => c.trim())
    .flatMap(splitAnd)
    .filter(
      (c) => isQuestion(c) && !ASKS_FOR_IT.test(c.toLowerCase()) && !PROCESS_QUESTION.test(c.toLowerCase()),
    )
    .slice(0, 2);
  // "…, is that possible?", "czy to darmowe?", "그거 가능해요?": the question needs the request it is about.
  return questions.map((q) => (REFERS_BACK.test(q.toLowerCase()) ? text.trim() : q));
}

/** A question that points back at the rest of the message ("is that possible?", "czy to…", "그거…"). */
const REFERS_BACK = unicodeWords(
  /\b(that|this|it|they|them|those|one)\b|\b(to|tego|tym|temu|tak|je|ich|go)\b|그거|그건|그게|이거|이건|이게|그렇게|그것|이것/u,
);

/**
 * A request that also asks a rules question: the question answered from the documents (cited), or
 * named as not in them, before the request goes on. Once per turn; nothing for a bare request.
 */
async function answerAlongside(turn: Turn): Promise<void> {
  if (turn.answeredAlongside || turn.input.postback) return;
  turn.answeredAlongside = true;
  const questions = questionsAlongside(turn.input.text);
  if (!questions.length) return;
  sayEach(turn, questions, await lookUpEach(turn, questions, 'alongside_request'));
}

/** Each question looked up in the documents at once; undefined for one they don't answer (or a failed lookup). */
async function lookUpEach(turn: Turn, questions: string[], purpose?: string) {
  const { ctx, conv } = turn;
  return Promise.all(
    questions.map((q) =>
      turn
        .tool(
          'knowledge.Answer',
          { locale: turn.lang, part: q, ...(purpose ? { purpose } : {}) },
          () => ctx.ports.knowledge.answer(conv.tenantId, q, turn.lang),
          (x) => ({ found: x.found, confidence: x.confidence, citations: x.citations.length }),
        )
        .then((a) => (a.found && a.answer.trim() ? a : undefined))
        .catch(() => undefined),
    ),
  );
}

/** The answers in order (each once), a question the documents don't answer named, their citations together. */
function sayEach(turn: Turn, questions: string[], answers: (KnowledgeAnswer | undefined)[]): void {
  const shown = new Set<string>();
  const cited = new Map<string, ReturnType<typeof citation>>();
  for (const [i, a] of answers.entries()) {
    if (!a) {
      turn.say('kb_part_not_found', { question: questions[i]! });
      continue;
    }
    if (shown.has(a.answer)) continue;
    shown.add(a.answer);
    sayAnswer(turn, a);
    for (const c of a.citations) cited.set(`${c.url}#${c.section}`, citation(c));
  }
  if (cited.size) turn.parts.push({ part: { $case: 'citations', value: { items: [...cited.values()] } } });
}

/** A cited rule that refuses ("cannot be returned", "nie podlegają zwrotowi", "반품이 불가합니다"). */
const REFUSAL = unicodeWords(
  /\b(do not|don't|does not|doesn't|will not|won't|cannot|can't|can ?not) (take back|accept|offer|give|issue)\b(?! exchanges?\b)|\bno (returns|refunds)\b|\b(returns|refunds) are not\b|\bnot eligible for (a )?(return|refund)|\b(cannot|can ?not|can't|may not|are not|is not|aren't|isn't|won't be|will not be) (be )?(returned|exchanged|refunded|accepted|returnable|eligible)|\bnon-?returnable\b|\bnot returnable\b|\bare final\b|\bfinal sale\b.*\b(no|not|cannot)\b|nie (można|mozna|podlegaj\w*|przyjmujemy|przyjmuje\w*|przysługuje)|nie da się|wyłączon\w* (ze|z) zwrot|불가|할 수 없|안 됩니다|안 돼요|받지 않|제외|(반품|교환|환불)\S*?\s*(이|은|는|도|이나|및|·|ㆍ|,|\/)?\s*((반품|교환|환불)\S*?\s*)?(되지|해\s*드리지|하지)\s*않/iu,
);

/** Whether a cited rule refuses (no Start button after it; a person is offered instead). */
export function ruleRefuses(said: string): boolean {
  return REFUSAL.test(said);
}

/** A cited rule that leaves only an exchange ("can only be exchanged", "교환만 가능", "można tylko wymienić"). */
const EXCHANGE_ONLY_RULE = unicodeWords(
  /\b(can|may) only be exchanged|\bexchange only\b|\bexchanges? only\b|\bonly (for )?(an )?exchanges?\b|tylko (wymienić|wymienic|wymiana|do wymiany)|wyłącznie (wymienić|wymiana|do wymiany)|교환만/iu,
);

/** The documents' rule for a faulty or wrong item, asked the same way whatever the shopper wrote. */
const DEFECT_QUESTION: Record<Lang, string> = {
  en: 'What can I do about a defective or faulty item: warranty or complaint?',
  pl: 'Reklamacja: co zrobić, gdy produkt ma wadę lub jest niezgodny z umową (rękojmia)?',
  ko: '불량이나 하자가 있는 제품은 어떻게 처리되나요? 보증 A/S 규정',
};

/**
 * A fault or a wrong item reported about an order: sorry, the documents' defect / warranty /
 * complaint rule (cited), and the brand's way forward — starting a return when that rule doesn't
 * refuse, a person otherwise (and always one tap away). Never "not returnable" for a defect.
 */
async function defectClaim(turn: Turn, said: string): Promise<void> {
  turn.data.clarifications = 0;
  turn.intent = 'other';
  turn.log('intent', { intent: 'defect_claim', source: 'problem_with_order' });
  turn.say('problem_sorry');
  const [byRule, byWords] = await lookUpEach(turn, [DEFECT_QUESTION[turn.lang], said], 'defect_claim');
  const answer = byRule ?? byWords;
  if (answer) sayEach(turn, [DEFECT_QUESTION[turn.lang]], [answer]);
  // Tapping "Start return" opens that order (its number only: the claim is answered).
  const ref = cuedOrderRefs(said)[0] ?? extractEntities(said).orderRefs[0];
  turn.data.request = ref ? `#${ref}` : undefined;
  turn.data.pending = 'start_return';
  turn.state = 'idle';
  if (answer && !REFUSAL.test(answer.answer)) {
    turn.parts.push(
      quick([
        postbackButton(turn.t('start_return'), 'intent:start_return'),
        postbackButton(turn.t('talk_to_person'), 'intent:human'),
      ]),
    );
  } else {
    turn.offerPerson();
    turn.data.offer = 'human';
  }
  turn.resolve('question_answered');
}

async function problemReport(turn: Turn): Promise<void> {
  turn.data.clarifications = 0;
  turn.say('problem_sorry');
  const said = turn.input.text.trim();
  const s = faultsOf(said);
  if (DAMAGE.test(s) || WARRANTY.test(s) || COMPLAINT.test(s)) {
    // A fault or a complaint with no order yet ("one cushion has a torn seam", "하자 접수하고 싶어요"):
    // the documents' complaint rule, looked up as it is after signing in (defectClaim) — not only
    // what the shopper's own words happen to find.
    const [byRule, byWords] = await lookUpEach(turn, [DEFECT_QUESTION[turn.lang], said], 'defect_claim');
    const answer = byRule ?? byWords;
    turn.log('intent', { intent: 'defect_claim', source: 'problem_without_order', rule: Boolean(answer) });
    if (answer) sayEach(turn, [DEFECT_QUESTION[turn.lang]], [answer]);
  }
  // The documents' rule for damaged / wrong items, if they have one; silence otherwise (the buttons
  // below are the way forward, "not in our documents" would only confuse).
  else await policy(turn, async () => undefined);
  turn.intent = 'other';
  turn.data.request = said.slice(0, 300);
  turn.parts.push(
    quick([
      postbackButton(turn.t('start_return'), 'intent:start_return'),
      postbackButton(turn.t('start_exchange'), 'intent:start_exchange'),
      postbackButton(turn.t('talk_to_person'), 'intent:human'),
    ]),
  );
}

/** A whole message that is only yes / no / ok (en, pl, ko); undefined for anything longer. */
export function shortReply(text: string): 'yes' | 'no' | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.!,?…~]+/gu, ' ')
    .trim();
  if (!t || t.split(/\s+/u).length > 3) return undefined;
  if (
    /^(no|nope|nah|no thanks|no thank you|not really|nie|nie dziękuję|nie dziekuje|nie trzeba|아니요|아뇨|아니|괜찮아요|됐어요)$/u.test(
      t,
    )
  )
    return 'no';
  if (
    /^(yes|yeah|yep|yup|sure|ok|okay|k|alright|all right|please|yes please|go ahead|got it|cool|fine|great|tak|tak poproszę|poproszę|jasne|dobrze|ok dzięki|okej|spoko|rozumiem|w porządku|네|넵|예|응|좋아요|부탁해요|부탁드려요|해주세요|알겠어요|알겠습니다|오케이)$/u.test(
      t,
    )
  )
    return 'yes';
  return undefined;
}

/** States in the middle of a return / exchange / status flow. */
const FLOW_STATES = new Set<State>([
  'awaiting_email',
  'awaiting_code',
  'awaiting_order_choice',
  'awaiting_resolution',
]);

/**
 * Words that open a message without adding to it ("actually never mind", "아니다 취소할게요", "a jednak
 * anuluj", "no to nieważne"): dropped before a cancel is read.
 */
const LEADING_FILLER =
  /^(on second thought|oh well|a jednak|no to|wiesz co|아\s*참|actually|oh|well|hmm+|um+|uh+|ah+|wait|okay|ok|so|sorry|oops|nah|no|jednak|dobra|dobrze|właściwie|wlasciwie|hm+|ej|aa+|o|아니다|아니|아+|음+|어+|그냥|에이|저기|잠깐만?요?)(?:[\s,.!…~-]+|$)/u;

/** The message without its leading fillers (each stage, longest first). */
function withoutFillers(t: string): string[] {
  const stages = [t];
  let rest = t;
  for (let i = 0; i < 4; i++) {
    const m = rest.match(LEADING_FILLER);
    if (!m || m[0].length === 0) break;
    rest = rest.slice(m[0].length).trim();
    if (!rest) break;
    stages.push(rest);
  }
  return stages;
}

/**
 * "Never mind", "anuluj", "취소할게요": the shopper stops what they started (whole short message only;
 * outside a flow two words at most, so "cancel my order" is not read as "never mind").
 */
export function isCancel(text: string, maxWords = 6): boolean {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.!,?…]+$/u, '');
  if (t.split(/\s+/u).length > maxWords + 2) return false;
  return withoutFillers(t).some((stage) => stage.split(/\s+/u).length <= maxWords && cancels(stage));
}

function cancels(t: string): boolean {
  return (
    /^(never ?mind|nvm|forget (it|about it)|cancel( (it|that|this|the return|the exchange))?|stop( it)?|no thanks|no,? thank you|not now|leave it|don'?t bother|i'?ll do it later)\b/u.test(
      t,
    ) ||
    /^(nieważne|nie ważne|anuluj|zapomnij|rezygnuj[eę]|jednak nie|nie,? dziękuj[eę]|nie teraz|daj spokój|zostaw to|przerwij)/u.test(
      t,
    ) ||
    /^(취소|됐어요|됐습니다|괜찮아요|그만|안\s*할래요|다음에\s*할게요|나중에\s*할게요|필요\s*없어요)/u.test(t)
  );
}

/** Asks what the shopper wants; `count` false for a prompt that is no failed attempt (a lone "?"). */
async function clarify(turn: Turn, candidates: Intent[], count = true): Promise<void> {
  const n = (turn.data.clarifications ?? 0) + (count ? 1 : 0);
  turn.data.clarifications = n;
  if (n > MAX_CLARIFICATIONS) {
    turn.data.clarifications = 0;
    return handoff(turn, 'low_confidence', false);
  }
  const wanted = candidates.filter((c) => c !== 'other' && c !== 'greeting' && c !== 'thanks');
  if (wanted.length >= 2 && wanted.slice(0, 2).every((c) => c === 'start_return' || c === 'start_exchange')) {
    turn.say('return_or_exchange');
    turn.parts.push(
      quick([
        postbackButton(turn.t('start_return'), 'intent:start_return'),
        postbackButton(turn.t('start_exchange'), 'intent:start_exchange'),
      ]),
    );
    return;
  }
  turn.say('clarify');
  turn.parts.push(
    quick([
      postbackButton(turn.t('ask_question'), 'intent:policy_question'),
      postbackButton(turn.t('start_return'), 'intent:start_return'),
      postbackButton(turn.t('start_exchange'), 'intent:start_exchange'),
      postbackButton(turn.t('check_refund'), 'intent:return_status'),
      postbackButton(turn.t('talk_to_person'), 'intent:human'),
    ]),
  );
}

async function orderFlow(
  turn: Turn,
  intent: Pending,
  entities: ReturnType<typeof extractEntities>,
): Promise<void> {
  const { ctx } = turn;
  turn.data.pending = intent;
  let limited = false;
  try {
    limited = await ctx.limitedMode();
  } catch {
    limited = true;
  }
  if (limited) {
    turn.log('state', { limitedMode: true });
    // Limited mode: share what the policy says, then hand off for anything account-specific.
    const before = turn.parts.length;
    await policy(turn);
    const answered =
      turn.parts.length > before &&
      turn.parts[before]?.part?.$case === 'text' &&
      turn.parts.some((p) => p.part?.$case === 'citations');
    if (!answered) turn.parts.splice(before);
    turn.say('limited_mode');
    return handoff(turn, 'limited_mode', false, true);
  }
  // "소파 반품하고 싶은데 수거비 얼마예요?": the question is answered from the documents first.
  if (intent !== 'return_status') {
    const before = turn.parts.length;
    await answerAlongside(turn);
    const added = turn.parts.slice(before);
    const said = added.map((p) => (p.part?.$case === 'text' ? p.part.value : '')).join(' ');
    const text = turn.input.text;
    // A question the documents just answered is not a request to start: no sign-in unless the
    // shopper asked for something. A rule that refuses ("gift cards cannot be refunded") gets a
    // person offered; otherwise the way to start is one tap away.
    if (
      !turn.data.sessionId &&
      !turn.input.postback &&
      added.some((p) => p.part?.$case === 'citations') &&
      looksLikeQuestion(text) &&
      !asksToStart(text)
    ) {
      const leaves = intent === 'start_return' && EXCHANGE_ONLY_RULE.test(said) ? 'start_exchange' : intent;
      if (leaves === intent && REFUSAL.test(said)) {
        turn.intent = 'policy_question';
        turn.state = idleish(turn.state);
        turn.offerPerson();
        return;
      }
      if (!asksForIt(text) || leaves !== intent) {
        turn.intent = 'policy_question';
        turn.state = idleish(turn.state);
        turn.parts.push(quick([postbackButton(turn.t(leaves), `intent:${leaves}`)]));
        turn.data.request = text.trim().slice(0, 300);
        return;
      }
    }
  }
  if (!turn.data.sessionId) {
    const signedIn = await signIn(turn, entities.email ?? turn.data.email ?? senderEmail(turn));
    turn.data.email = undefined;
    if (!signedIn) return;
  }
  const ref =
    entities.orderRefs[0] ??
    (turn.state === 'link_offered' || turn.state === 'awaiting_resolution' ? undefined : undefined);
  if (ref) return withOrder(turn, ref, intent);
  return chooseOrder(turn);
}

/** On email the shopper wrote from their address: the code goes there, no need to ask for it. */
function senderEmail(turn: Turn): string | undefined {
  if (turn.channel !== 'email') return undefined;
  const from = (turn.input.sender || turn.conv.sender || '').trim().toLowerCase();
  return extractEntities(from).email === from ? from : undefined;
}

async function signIn(turn: Turn, email?: string): Promise<boolean> {
  const { ctx, conv, input } = turn;
  if (input.identityToken) {
    try {
      const s = await turn.tool('commerce.StartSignIn', { method: 'identity_token' }, () =>
        ctx.ports.commerce.startSignInWithToken(conv.tenantId, conv.conversationId, input.identityToken),
      );
      if (s.sessionId) {
        turn.data.sessionId = s.sessionId;
        turn.data.customerId = s.customerId;
        return true;
      }
    } catch (err) {
      if (isUnavailable(err)) {
        await unavailable(turn);
        return false;
      }
      // An invalid token falls back to the code flow.
    }
  }
  if (email) {
    await startCode(turn, email, false);
    return false;
  }
  turn.state = 'awaiting_email';
  turn.say('ask_email');
  return false;
}

async function startCode(turn: Turn, email: string, chooseAfter = true): Promise<void> {
  void chooseAfter;
  const { ctx, conv } = turn;
  try {
    const preview = Boolean(turn.data.preview);
    const s = await turn.tool('commerce.StartSignIn', { method: 'email_code', preview }, () =>
      ctx.ports.commerce.startSignInWithCode(conv.tenantId, conv.conversationId, email, turn.channel, {
        preview,
      }),
    );
    turn.data.challengeId = s.challengeId;
    turn.data.maskedDestination = s.maskedDestination;
    turn.state = 'awaiting_code';
    turn.say('code_sent', {
      destination: s.maskedDestination || email.replace(/^(.).*(@.).*$/, '$1***$2***'),
    });
    if (preview) {
      // Nothing was sent: the brand's admin (or the simulation) gets the code to type back.
      if (s.previewCode) {
        turn.previewCode = s.previewCode;
        turn.say('preview_code', { code: s.previewCode });
      } else turn.say('preview_no_customer');
    }
  } catch (err) {
    if (isUnavailable(err)) return unavailable(turn);
    if ((err as Error)?.name === 'ResourceExhausted') {
      // Codes are rate limited per address (e.g. one was just sent from another chat window): say
      // when to ask again instead of blaming a code the shopper never typed. Not a failed sign-in.
      turn.state = 'awaiting_email';
      const seconds = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
      const wait = waitText(seconds, turn.lang);
      if ((seconds ?? 0) > LONG_WAIT_SECONDS) {
        // The hourly limit, not a moment's wait: say so, and don't leave them stuck — a person now.
        turn.say('code_limit', { wait });
        turn.offerPerson();
        return;
      }
      turn.say('code_wait', { wait });
      return;
    }
    return signInFailed(turn);
  }
}

/** A code wait longer than this is the hourly limit: a person is offered too. */
const LONG_WAIT_SECONDS = 300;

/** "45 seconds" / "3 minutes" in the shopper's language (a minute when the server didn't say). */
export function waitText(seconds: number | undefined, lang: Lang): string {
  const s = Math.max(1, Math.ceil(seconds ?? 60));
  const minutes = Math.ceil(s / 60);
  if (s < 90)
    return lang === 'ko' ? `${s}초` : lang === 'pl' ? `${s} s` : s === 1 ? '1 second' : `${s} seconds`;
  return lang === 'ko'
    ? `${minutes}분`
    : lang === 'pl'
      ? `${minutes} min`
      : minutes === 1
        ? '1 minute'
        : `${minutes} minutes`;
}

async function completeCode(turn: Turn, code: string): Promise<void> {
  const { ctx, conv } = turn;
  try {
    const s = await turn.tool('commerce.CompleteSignIn', {}, () =>
      ctx.ports.commerce.completeSignIn(conv.tenantId, turn.data.challengeId!, code),
    );
    turn.data.sessionId = s.sessionId;
    turn.data.customerId = s.customerId;
    turn.data.challengeId = undefined;
    turn.data.signInFailures = 0;
    turn.say('signed_in');
    const pending = turn.data.pending ?? 'start_return';
    turn.intent = pending;
    return chooseOrder(turn);
  } catch (err) {
    if (isUnavailable(err)) return unavailable(turn);
    return signInFailed(turn);
  }
}

async function signInFailed(turn: Turn): Promise<void> {
  const failures = (turn.data.signInFailures ?? 0) + 1;
  turn.data.signInFailures = failures;
  if (failures >= MAX_SIGN_IN_FAILURES) return handoff(turn, 'sign_in_failed', false);
  turn.say('code_invalid');
  turn.state = turn.data.challengeId ? 'awaiting_code' : 'awaiting_email';
}

async function chooseOrder(turn: Turn): Promise<void> {
  const { ctx, conv } = turn;
  // "#1001 반품할게요" before signing in: that order, no list.
  const request = turn.data.request;
  turn.data.request = undefined;
  turn.orderRequest = request;
  // Only a number marked as an order ("#1001", "zamówienie 2003", "1003번 주문"): "bought in 2024" is not one.
  const named = request ? cuedOrderRefs(request)[0] : undefined;
  if (named && request && reportsProblem(request) && turn.data.pending !== 'return_status')
    return defectClaim(turn, request);
  if (named) return withOrder(turn, named, turn.data.pending ?? 'start_return');
  let orders: Order[];
  // A refund-status request looks further back: a return is often on an older order.
  const pageSize = turn.data.pending === 'return_status' ? STATUS_PROBE_ORDERS : 5;
  try {
    orders = await turn.tool(
      'commerce.ListOrders',
      { pageSize },
      () => ctx.ports.commerce.listOrders(conv.tenantId, turn.data.sessionId!, pageSize),
      (o) => o.length,
    );
  } catch (err) {
    return failOrderCall(turn, err);
  }
  if (orders.length === 0) {
    turn.say('no_orders');
    turn.offerPerson();
    turn.state = 'idle';
    return;
  }
  // What the list showed (date, items), so "the one from nov 20" or "the beanie" picks from it next.
  const timeZone = await brandTimeZone(turn);
  turn.data.recentOrders = orders.slice(0, 5).map((o) => ({
    id: o.id,
    name: o.name,
    createdAt: o.createdAt?.toISOString(),
    day: o.createdAt ? localDay(o.createdAt, timeZone) : undefined,
    titles: o.lineItems.slice(0, 5).map((l) => l.title),
    country: o.shippingAddress?.countryCode || undefined,
    label: orderLabel(o, turn.lang, timeZone),
  }));
  // "the boots from my last order": straight to that order, or only the orders with boots.
  const match = matchOrders(orders, request, turn.lang);
  if (match) turn.log('order_match', { reason: match.reason, orders: match.orders.map((o) => o.name) });
  if (match?.orders.length === 1)
    return withOrder(turn, match.orders[0]!.id, turn.data.pending ?? 'start_return');
  const offered = match ? match.orders : orders;
  // "Where is my refund?": every order with a return, and where each stands — no "which order?".
  if (turn.data.pending === 'return_status') {
    const { found, unchecked } = await ordersWithReturns(turn, offered.slice(0, STATUS_PROBE_ORDERS));
    if (found.length === 1 && unchecked.length === 0)
      return withOrder(turn, found[0]!.order.id, 'return_status');
    if (found.length > 0) return reportReturns(turn, found, unchecked, timeZone);
    // None found, but some could not be asked: say so before the list (they are in it).
    if (unchecked.length) turn.say('status_unchecked', { orders: unchecked.map((o) => o.name).join(', ') });
  }
  turn.say('choose_order');
  turn.parts.push(
    quick(
      offered.slice(0, 5).map((o) => postbackButton(orderLabel(o, turn.lang, timeZone), `order:${o.id}`)),
    ),
  );
  turn.state = 'awaiting_order_choice';
}

/** How many recent orders a refund-status request probes for returns. */
const STATUS_PROBE_ORDERS = 10;
/** How many of those are asked at once. */
const STATUS_PROBE_PARALLEL = 3;

type OrderReturns = { order: Order; returns: ReturnStatusInfo[] };

/**
 * The orders (of those given) that have a return, with their returns, asked in parallel; and the
 * orders that could not be asked just now (the store or the returns portal down, slow or rate
 * limiting): those are never reported as having no return. A portal that can't report status at
 * all is neither (the shopper then picks from the list, and hears why status is unknown).
 */
async function ordersWithReturns(
  turn: Turn,
  orders: Order[],
): Promise<{ found: OrderReturns[]; unchecked: Order[] }> {
  const { ctx, conv } = turn;
  const probe = async (o: Order): Promise<OrderReturns | { unchecked: Order } | undefined> => {
    try {
      const returns = await turn.tool(
        'commerce.GetReturnStatus',
        { orderId: o.id, probe: true },
        () => ctx.ports.commerce.getReturnStatus(conv.tenantId, turn.data.sessionId!, o.id),
        (r) => r.length,
      );
      const real = returns.filter((r) => r.state !== 'none');
      return real.length > 0 ? { order: o, returns: real } : undefined;
    } catch (err) {
      const name = (err as Error)?.name;
      return isUnavailable(err) || name === 'ResourceExhausted' ? { unchecked: o } : undefined;
    }
  };
  // A few at a time, newest first, and no more once the store or portal struggles (rate limits): a
  // burst of ten lookups per shopper is what made them struggle (QA).
  const results: (OrderReturns | { unchecked: Order } | undefined)[] = [];
  for (let i = 0; i < orders.length; i += STATUS_PROBE_PARALLEL) {
    const slice = orders.slice(i, i + STATUS_PROBE_PARALLEL);
    if (results.some((r) => r && 'unchecked' in r)) {
      results.push(...slice.map((o) => ({ unchecked: o })));
      continue;
    }
    results.push(...(await Promise.all(slice.map(probe))));
  }
  return {
    found: results.filter((r): r is OrderReturns => r !== undefined && 'order' in r),
    unchecked: results.flatMap((r) => (r && 'unchecked' in r ? [r.unchecked] : [])),
  };
}

/** The day an order was placed in `timeZone` (the brand's, as its deadlines count; UTC without one). */
export function localDay(at: Date, timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: timeZone || 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

/** The brand's time zone from its eligibility policy (cached by the adapter); undefined → UTC. */
async function brandTimeZone(turn: Turn): Promise<string | undefined> {
  try {
    return await turn.ctx.ports.eligibility.policyTimeZone?.(turn.conv.tenantId);
  } catch {
    return undefined;
  }
}

/** "#1041 · November 12, 2026 · Tent +1": the date as the shopper writes it, on the brand's calendar. */
function orderLabel(o: Order, lang: Lang, timeZone: string | undefined): string {
  const date = o.createdAt ? longDate(localDay(o.createdAt, timeZone), lang) : '';
  const first = o.lineItems[0]?.title ?? '';
  const more = o.lineItems.length > 1 ? ` +${o.lineItems.length - 1}` : '';
  return [o.name, date, `${first}${more}`].filter(Boolean).join(' · ');
}

async function withOrder(turn: Turn, ref: string, intent: Pending, resolved = false): Promise<void> {
  const { ctx, conv } = turn;
  turn.data.pending = intent;
  if (!turn.data.sessionId) return orderFlow(turn, intent, { orderRefs: [ref] });
  let order: Order;
  try {
    order = await turn.tool(
      'commerce.GetOrder',
      { orderRef: ref },
      () => ctx.ports.commerce.getOrder(conv.tenantId, turn.data.sessionId!, ref),
      (o) => o.name,
    );
  } catch (err) {
    const notFound = err instanceof NotFound || (err as Error).name === 'NotFound';
    // Not in the spelling typed ("rf-1002", "nr 1007", "RF 1001"): the shopper's own orders are
    // matched, prefix and separators aside; one match is the order.
    const mine = notFound && !resolved ? await ownOrderNamed(turn, ref) : undefined;
    if (mine) return withOrder(turn, mine.id, intent, true);
    if (notFound) {
      // The same reply for an unknown order and for another customer's order.
      turn.say('order_not_found', { ref: ref.startsWith('#') ? ref : /^\d+$/.test(ref) ? `#${ref}` : ref });
      if (turn.data.recentOrders?.length) {
        turn.parts.push(quick(turn.data.recentOrders.map((o) => postbackButton(o.name, `order:${o.id}`))));
      }
      turn.state = 'awaiting_order_choice';
      return;
    }
    return failOrderCall(turn, err);
  }
  turn.data.orderId = order.id;
  turn.data.orderName = order.name;
  const first = order.lineItems[0];
  if (first) {
    turn.data.productType ??= first.productType;
    turn.data.sku ??= first.sku;
  }
  if (intent === 'return_status') return returnStatus(turn, order);
  return eligibility(turn, order, intent);
}

/** How many of the shopper's orders an order number typed another way is matched against. */
const REF_MATCH_ORDERS = 50;

/**
 * The shopper's order an order number names however it was typed: the same letters and digits
 * ("RF-1002", "rf 1002" ~ "#RF1002"), else the same digits with or without the shop's prefix
 * ("1007", "#1007" ~ "#RF1007") when only one order has them. Undefined when none or several do.
 */
async function ownOrderNamed(turn: Turn, ref: string): Promise<Order | undefined> {
  const { ctx, conv } = turn;
  const key = (s: string) =>
    s
      .normalize('NFKC')
      .toUpperCase()
      .replace(/[^A-Z0-9]/gu, '');
  const digits = (s: string) => s.normalize('NFKC').replace(/\D/gu, '');
  const wanted = key(ref);
  if (!digits(ref)) return undefined;
  let orders: Order[];
  try {
    orders = await turn.tool(
      'commerce.ListOrders',
      { pageSize: REF_MATCH_ORDERS, purpose: 'order_ref' },
      () => ctx.ports.commerce.listOrders(conv.tenantId, turn.data.sessionId!, REF_MATCH_ORDERS),
      (o) => o.length,
    );
  } catch {
    return undefined;
  }
  const same = orders.filter((o) => key(o.name) === wanted);
  if (same.length === 1) return same[0];
  const byDigits = orders.filter((o) => digits(o.name) === digits(ref));
  return byDigits.length === 1 ? byDigits[0] : undefined;
}

async function returnStatus(turn: Turn, order: Order): Promise<void> {
  const { ctx, conv } = turn;
  let returns: Awaited<ReturnType<typeof ctx.ports.commerce.getReturnStatus>>;
  try {
    returns = await turn.tool(
      'commerce.GetReturnStatus',
      { orderId: order.id },
      () => ctx.ports.commerce.getReturnStatus(conv.tenantId, turn.data.sessionId!, order.id),
      (r) => r.map((x) => `${x.state}/${x.refundState}`),
    );
  } catch (err) {
    // A returns portal without a status API: the order itself still shows its refunds and shipping.
    if ((err as Error)?.name === 'FailedPrecondition' && (await orderOwnStatus(turn, order, true))) return;
    return failOrderCall(turn, err);
  }
  const real = returns.filter((r) => r.state !== 'none');
  if (real.length > 0) return reportReturns(turn, [{ order, returns: real }]);
  // No return: what the order shows (refunded by the shop, or not delivered yet) before "no return".
  if (await orderOwnStatus(turn, order, false)) return;
  turn.say('no_returns', { order: order.name });
  turn.parts.push(
    quick([
      postbackButton(turn.t('start_return'), `intent:start_return`),
      postbackButton(turn.t('talk_to_person'), 'intent:human'),
    ]),
  );
  turn.data.pending = 'start_return';
  turn.state = 'awaiting_resolution';
  turn.resolve('status_reported');
}

/**
 * What an order's own data says about a refund or parcel question, from the store (Shopify): its
 * refunds (amount and day), or that it is cancelled, not shipped yet or on its way (with tracking).
 * With `always`, a delivered order without refunds says so too (the returns portal can't be asked);
 * without, that case is left to the caller. Returns whether anything was said.
 */
async function orderOwnStatus(turn: Turn, order: Order, always: boolean): Promise<boolean> {
  const timeZone = await brandTimeZone(turn);
  const day = (d: Date) => longDate(localDay(d, timeZone), turn.lang);
  const refunds = order.refunds.filter((r) => r.amount?.amount);
  const say = (key: TemplateKey, vars: Record<string, string>) => {
    turn.say(key, { order: order.name, ...vars });
    turn.state = 'idle';
    turn.resolve('status_reported');
  };
  if (refunds.length > 0) {
    const list = refunds
      .map((r) => {
        const money = localMoney(`${r.amount!.amount} ${r.amount!.currencyCode}`.trim(), turn.lang);
        return r.createdAt ? `${money} (${day(r.createdAt)})` : money;
      })
      .join(', ');
    say('order_refunds', { refunds: list });
    turn.offerPerson();
    return true;
  }
  if (order.cancelledAt) {
    say('order_cancelled', { date: day(order.cancelledAt) });
    turn.offerPerson();
    return true;
  }
  const shipped = order.fulfillments.filter((f) => f.fulfilledAt);
  const delivered = shipped.some((f) => f.deliveredAt);
  if (!delivered) {
    if (shipped.length === 0) say('order_not_shipped', {});
    else say('order_in_transit', { date: day(shipped[shipped.length - 1]!.fulfilledAt!) });
    const tracking = shipped.map((f) => f.trackingUrl).find(Boolean);
    if (tracking)
      turn.parts.push({
        part: { $case: 'linkButton', value: { label: turn.t('track_parcel'), url: tracking, postback: '' } },
      });
    turn.offerPerson();
    return true;
  }
  if (!always) return false;
  say('order_no_refund', {});
  turn.offerPerson();
  return true;
}

/**
 * Where each return stands, order by order (the names the shopper knows, never the provider's ids).
 * A refund that failed needs people: said per order, with a person offered.
 */
function reportReturns(turn: Turn, list: OrderReturns[], unchecked: Order[] = [], timeZone?: string): void {
  const failed: string[] = [];
  for (const { order, returns } of list) {
    for (const [i, r] of returns.entries()) {
      // Several returns on one order are told apart by position, not by the provider's internal id.
      const label = returns.length > 1 ? `${order.name} (${i + 1}/${returns.length})` : order.name;
      const refund =
        r.refundAmount && r.refundState === 'issued'
          ? `${stateName(r.refundState, turn.lang)} (${localMoney(r.refundAmount, turn.lang)})`
          : stateName(r.refundState, turn.lang);
      turn.say('status_line', { order: label, ret: label, state: stateName(r.state, turn.lang), refund });
    }
    if (returns.some((r) => r.refundState === 'failed')) failed.push(order.name);
  }
  turn.state = 'idle';
  turn.resolve('status_reported');
  if (unchecked.length) {
    // Not "no return there": those orders could not be asked. Each can be tried again by a tap.
    turn.say('status_unchecked', { orders: unchecked.map((o) => o.name).join(', ') });
    if (!failed.length)
      turn.parts.push(
        quick(
          unchecked
            .slice(0, 5)
            .map((o) => postbackButton(orderLabel(o, turn.lang, timeZone), `order:${o.id}`)),
        ),
      );
  }
  if (failed.length) {
    turn.say('refund_failed', { order: failed.join(', ') });
    turn.offerPerson();
    // "…pass this to a person?": a bare yes takes it.
    turn.data.offer = 'human';
  }
}

function nowFor(turn: Turn): Date {
  return turn.data.asOf ? new Date(turn.data.asOf) : turn.ctx.now;
}

/** A line said not to be opened or used after all ("it's still sealed", "nie otwierałam", "미개봉이에요"). */
const NOT_OPENED_SAID = unicodeWords(
  /\b(not|never|haven'?t|hasn'?t|didn'?t|wasn'?t|isn'?t)\s+(been\s+|even\s+)?(open|used|unpack|unwrap|tri)\w*|\bunopened\b|\bunused\b|\b(still\s+)?sealed\b|\bin (its|the) (original )?(foil|packaging|wrap)|nieotwiera\w*|nieotwart\w*|nierozpakowan\w*|nieużywan\w*|nie\s+(był\w*\s+|został\w*\s+)?(otwier|otwar|używa|używ|rozpakow|rozpak)\w*|w folii|미개봉|개봉\s*(안|하지\s*않|전)|사용\s*(안|하지\s*않)|뜯지\s*않/u,
);

/** "ok forget the table", "never mind that", "nieważne", "zapomnij o stole", "그건 됐어요", "테이블은 잊어주세요". */
const FORGET = unicodeWords(
  /\bforget\b|never ?mind|scratch that|nieważne|niewazne|zapomnij|zapomnijmy|olej to|잊어|그건 됐|됐고|말고요?\b|취소하고/u,
);

/** An order's name ("#DD1041") and a reference to it ("DD1041", "1041", "dd-1041") are the same order. */
function sameOrderRef(name: string, ref: string): boolean {
  const norm = (x: string) => x.replace(/[^0-9a-z]/giu, '').toUpperCase();
  const n = norm(name);
  const r = norm(ref);
  return Boolean(r) && (n === r || n.endsWith(r));
}

async function eligibility(turn: Turn, order: Order, intent: Pending): Promise<void> {
  const { ctx, conv } = turn;
  const now = nowFor(turn);
  let decisions: LineDecision[];
  try {
    decisions = await turn.tool(
      'eligibility.Check',
      { orderId: order.id, now: now.toISOString(), locale: turn.lang },
      () => ctx.ports.eligibility.check(conv.tenantId, order, now, turn.lang),
    );
  } catch (err) {
    return failOrderCall(turn, err);
  }
  turn.log('eligibility', {
    orderId: order.id,
    decisions: decisions.map((d) => ({
      line: d.lineItemId,
      eligible: d.eligible,
      deadline: d.deadline,
      reasons: d.reasonCodes,
    })),
  });
  const byId = new Map(order.lineItems.map((l) => [l.id, l]));
  const title = (id: string) => {
    const l = byId.get(id);
    return l ? `${l.title}${l.variantTitle ? ` (${l.variantTitle})` : ''}` : id;
  };
  // What the shopper said about the items: the ones they want back are the link's, and one they
  // opened or used whose return has a condition about that is left out, the condition said.
  const saidText = [turn.orderRequest, turn.input.postback ? '' : turn.input.text].filter(Boolean).join('. ');
  const said = saidText
    ? itemsSaid(
        saidText,
        order.lineItems.map((l) => ({ id: l.id, title: title(l.id) })),
        turn.lang,
      )
    : { named: [], opened: [] };
  // What they said before about this order's items holds ("materac rozpakowałam z folii", then
  // "DD1063"): until they say a line was not opened after all.
  const openedBefore = turn.data.openedLines?.[order.id] ?? [];
  const unsaid = NOT_OPENED_SAID.test(saidText.toLowerCase()) ? said.named : [];
  const opened = [...new Set([...said.opened, ...openedBefore.filter((id) => !unsaid.includes(id))])];
  if (opened.length || openedBefore.length) {
    const rest = Object.entries(turn.data.openedLines ?? {}).filter(([id]) => id !== order.id);
    turn.data.openedLines = Object.fromEntries([
      ...rest.slice(-4),
      ...(opened.length ? [[order.id, opened]] : []),
    ]);
  }
  decisions = decisions.map((d) =>
    d.eligible &&
    opened.includes(d.lineItemId) &&
    [...(d.conditions ?? []), d.explanation].some((c) => OPENING_CONDITION.test(c.toLowerCase()))
      ? { ...d, eligible: false, reasonCodes: [SAID_OPENED], resolutions: [] }
      : d,
  );
  if (said.named.length || said.opened.length) turn.log('eligibility', { itemsSaid: said });
  // A fault reported ("the soap arrived broken", then "Start return"): a line it names — any line,
  // naming none — that only the rules for returns by choice refuse (final sale, excluded category,
  // the window…) is a complaint, handled by people under the statutory rules; "this kind of product
  // can't be returned" would take back the defect path just offered. Told once, on this card.
  const fault = turn.data.fault;
  const faultAbout = turn.data.faultOrder;
  turn.data.fault = undefined;
  turn.data.faultOrder = undefined;
  if (fault) {
    const told = itemsSaid(
      fault,
      order.lineItems.map((l) => ({ id: l.id, title: title(l.id) })),
      turn.lang,
    );
    const faulty = new Set([...told.named, ...told.opened]);
    // Naming none of this order's lines, it is about every line only when it was said about this
    // order (the one open or named then — or none yet) and names no item of another order ("the
    // table has a crack too", then "return the sofa then": the sofa was never called faulty).
    const namedRef = extractEntities(fault).orderRefs[0];
    const aboutThis = namedRef
      ? sameOrderRef(order.name, namedRef)
      : faultAbout === undefined || faultAbout === order.id;
    const otherTitles = (turn.data.recentOrders ?? [])
      .filter((o) => o.id !== order.id)
      .flatMap((o, i) => (o.titles ?? []).map((t, j) => ({ id: `${i}:${j}`, title: t })));
    const namesOther = otherTitles.length > 0 && itemsSaid(fault, otherTitles, turn.lang).named.length > 0;
    const everyLine = faulty.size === 0 && aboutThis && !namesOther;
    if (faulty.size === 0 && !everyLine)
      turn.log('eligibility', { faultDropped: { about: faultAbout ?? '' } });
    decisions = decisions.map((d) =>
      refusedOnlyByChoiceRules(d) && (everyLine || faulty.has(d.lineItemId))
        ? { ...d, reasonCodes: [DEFECT_CLAIM], resolutions: [] }
        : d,
    );
  }
  // An exchange asked for: the card speaks of exchanging first ("can be exchanged", "교환"), not of
  // returning, wherever the line allows it.
  const wantsExchange = intent === 'start_exchange';
  const eligible = decisions.filter((d) => d.eligible);
  const ineligible = decisions.filter((d) => !d.eligible);
  const complaints = ineligible.filter((d) => d.reasonCodes[0] === DEFECT_CLAIM);
  const lineNote = (d: LineDecision) => {
    // Each distinct reason once, the deciding ones first, dates as the shopper writes them.
    if (!d.eligible) return refusalNote(d, turn.lang, ctx.overrides) || d.reasonCodes.join(', ');
    // Qualified (exchange only, some units left, a condition to meet): the service's explanation
    // says all of it; a plain "until <date>" would hide what the shopper must know.
    const ordered = byId.get(d.lineItemId)?.quantity ?? 0;
    const partial = (d.returnableQuantity ?? 0) > 0 && ordered > (d.returnableQuantity ?? 0);
    // No refund for it (exchange only, store credit only): the line says what it allows, whatever
    // the service's sentence leads with, and keeps the conditions to meet.
    const way = allows(d);
    if (!way.refund) {
      const date = way.exchange && !way.credit ? d.exchangeDeadline || d.deadline : d.deadline;
      const key: TemplateKey = way.credit
        ? way.exchange
          ? 'eligible_credit_or_exchange_until'
          : 'eligible_credit_until'
        : 'eligible_exchange_until';
      // Without a date, the words before it ("can only be exchanged").
      const base = date
        ? turn.t(key, { date: longDate(date, turn.lang) })
        : (turn.t(key, { date: '' }).split(/,| \(/u)[0] ?? '').trim();
      // A sentence of its own before the conditions ("…until January 16, 2027. Returnable only if…").
      return [base, ...(d.conditions ?? [])].map(sentence).join(' ');
    }
    if (d.explanation && (d.reasonCodes.length > 0 || (d.conditions?.length ?? 0) > 0 || partial))
      return d.explanation;
    if (wantsExchange && way.exchange && d.deadline) {
      // Windows of their own: each told ("can be exchanged until …; can be returned until …").
      const exchangeBy = d.exchangeDeadline || d.deadline;
      if (exchangeBy === d.deadline)
        return turn.t('eligible_exchange_or_return_until', { date: longDate(d.deadline, turn.lang) });
      return `${turn.t('eligible_for_exchange_until', { date: longDate(exchangeBy, turn.lang) })}; ${turn.t('eligible_until', { date: longDate(d.deadline, turn.lang) })}`;
    }
    return d.deadline ? turn.t('eligible_until', { date: longDate(d.deadline, turn.lang) }) : d.explanation;
  };
  // Not shipped or delivered yet is "not yet", not "never".
  const notYet = ineligible.every(
    (d) =>
      d.reasonCodes.length > 0 && d.reasonCodes.every((c) => c === 'NOT_DELIVERED' || c === 'NOT_FULFILLED'),
  );
  // The headline says only what every line it speaks of allows: "returned or exchanged" when a
  // refund is gone for every line would be a promise the card takes back.
  const ways = eligible.map(allows);
  const anyRefund = ways.some((w) => w.refund || w.credit);
  const anyExchange = ways.some((w) => w.exchange);
  const headline: TemplateKey = complaints.length
    ? // A complaint is no refusal: the card tells each line's way.
      eligible.length || ineligible.length > complaints.length
      ? 'all_eligible_mixed'
      : 'complaint_only'
    : ineligible.length === 0
      ? !anyRefund
        ? 'all_eligible_exchange'
        : ways.every((w) => (w.refund || w.credit) && w.exchange)
          ? wantsExchange
            ? 'all_eligible_exchange_asked'
            : 'all_eligible'
          : ways.every((w) => w.refund || w.credit) && !anyExchange
            ? wantsExchange
              ? 'all_eligible_return_not_exchange'
              : 'all_eligible_return'
            : 'all_eligible_mixed'
      : eligible.length > 0
        ? anyRefund
          ? wantsExchange && anyExchange
            ? 'some_eligible_exchange_asked'
            : 'some_eligible'
          : 'some_eligible_exchange'
        : notYet
          ? 'none_eligible_yet'
          : 'none_eligible';
  turn.say(headline, { order: order.name });

  const buttons: Button[] = [];
  // "Only the headphones": the link preselects the lines named (when any of them can go back).
  const chosen = eligible.filter((d) => said.named.includes(d.lineItemId));
  const inLink = chosen.length ? chosen : eligible;
  if (eligible.length) {
    const kinds: ('refund' | 'exchange')[] = [];
    const canRefund = ways.some((w) => w.refund || w.credit);
    const canExchange = ways.some((w) => w.exchange);
    if (wantsExchange && canExchange) kinds.push('exchange');
    if (canRefund) kinds.push('refund');
    if (!wantsExchange && canExchange) kinds.push('exchange');
    for (const kind of kinds) {
      const lines = inLink
        .filter((d) => {
          const w = allows(d);
          return kind === 'refund' ? w.refund || w.credit : w.exchange;
        })
        .map((d) => d.lineItemId);
      try {
        const link = await turn.tool(
          'commerce.GetPortalLink',
          { orderId: order.id, lines, resolution: kind },
          () => ctx.ports.commerce.getPortalLink(conv.tenantId, turn.data.sessionId!, order.id, lines, kind),
          (l) => ({ provider: l.provider }),
        );
        buttons.push({
          label: turn.t(kind === 'refund' ? 'start_return' : 'start_exchange'),
          url: link.url,
          postback: '',
        });
      } catch (err) {
        return failOrderCall(turn, err);
      }
    }
  }

  if (turn.conv.channel === Channel.CHANNEL_WEBCHAT || turn.conv.channel === Channel.CHANNEL_UNSPECIFIED) {
    turn.parts.push({
      part: {
        $case: 'orderCard',
        value: {
          orderId: order.id,
          orderName: order.name,
          title: turn.t('card_title', { order: order.name }),
          lines: decisions.map((d) => ({
            lineItemId: d.lineItemId,
            title: title(d.lineItemId),
            quantity: byId.get(d.lineItemId)?.quantity ?? 1,
            eligible: d.eligible,
            note: lineNote(d),
            imageUrl: '',
          })),
          buttons,
        },
      },
    });
  } else {
    for (const d of decisions)
      turn.parts.push(
        text(
          turn.t(d.eligible ? 'line_eligible' : 'line_ineligible', {
            title: title(d.lineItemId),
            note: lineNote(d),
          }),
        ),
      );
    if (buttons.length) {
      turn.say('link_intro');
      for (const b of buttons) turn.parts.push({ part: { $case: 'linkButton', value: b } });
    }
  }

  if (buttons.length && chosen.length && chosen.length < eligible.length)
    turn.say('link_only', { items: chosen.map((d) => title(d.lineItemId)).join(', ') });
  if (ineligible.length) await citeRefusals(turn, ineligible, order);
  if (buttons.length) {
    turn.state = 'link_offered';
    turn.resolve('link_delivered');
    if (ineligible.length) turn.offerPerson();
  } else {
    turn.state = 'idle';
    turn.offerPerson();
  }
  // "…a person from our team can take it from here": a bare yes takes it.
  if (complaints.length) turn.data.offer = 'human';
}

/**
 * What an eligible line allows. A decision that names no resolution (an older eligibility service)
 * allows both a refund and an exchange, as before.
 */
function allows(d: LineDecision): { refund: boolean; exchange: boolean; credit: boolean } {
  if (d.resolutions.length === 0) return { refund: true, exchange: true, credit: false };
  return {
    refund: d.resolutions.includes('refund'),
    exchange: d.resolutions.includes('exchange'),
    credit: d.resolutions.includes('store_credit'),
  };
}

/** How many distinct refusal reasons get their policy looked up. */
const MAX_CITED_REASONS = 3;

/**
 * Reasons about the order or the time (cancelled, already returned, window ended, not delivered)
 * have one rule for every product; the others (excluded category, final sale, the store's own
 * codes…) are about the kind of product.
 */
const ORDER_OR_TIME = new Set([
  'ORDER_CANCELLED',
  'ORDER_REFUNDED',
  'ALREADY_RETURNED',
  'RETURN_IN_PROGRESS',
  'WINDOW_EXPIRED',
  'NOT_FULFILLED',
  'NOT_DELIVERED',
  'INTERNATIONAL_NOT_ALLOWED',
]);
const ABOUT_THE_PRODUCT = (code: string) => !ORDER_OR_TIME.has(code);

/** "cut-to-length" → "cut to length". */
const words = (s: string) =>
  s
    .replace(/[-_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A line's title, product type and tags as words, each once (the title first). */
function productWords(line: Order['lineItems'][number]): string[] {
  const all = [line.title, line.productType, ...line.tags].map((s) => words(s ?? '')).filter(Boolean);
  return [...new Set(all)].slice(0, 6);
}

/**
 * Cites the policy behind each distinct reason of the refused lines, when the knowledge base states
 * it (never invented): one question per reason (its code and its sentence in the shopper's
 * language), so a gift card that is also past its window gets the gift-card rule and the window
 * rule, each document section once.
 */
async function citeRefusals(turn: Turn, refused: LineDecision[], order: Order): Promise<void> {
  const { ctx, conv } = turn;
  const lines = new Map(order.lineItems.map((l) => [l.id, l]));
  // One lookup per reason; a reason about the kind of product ("excluded category", the store's
  // own codes) once per product it refused: the documents' rule names the kind ("Łańcuchy i linki
  // docięte na wymiar", "Made-to-order furniture"), not the reason code. Such a lookup asks with
  // the product's title first, then with its type and tags ("made-to-order", "cut-to-length"),
  // then as the reason alone.
  const lookups: { reason: string; questions: string[]; nth: number; i: number }[] = [];
  const asked = new Set<string>();
  for (const d of refused)
    for (const r of refusalReasons(d, turn.lang, ctx.overrides)) {
      const line = lines.get(d.lineItemId);
      const product = line && r.code !== DEFECT_CLAIM && ABOUT_THE_PRODUCT(r.code) ? line : undefined;
      const key = `${r.code}|${product ? productWords(product).join(' ') : ''}`;
      if (asked.has(key)) continue;
      asked.add(key);
      const general = `${r.code.toLowerCase().replace(/_/g, ' ')} ${r.text}`.trim();
      const kind = product
        ? [...new Set([product.productType, ...product.tags].map((x) => words(x ?? '')).filter(Boolean))]
            .slice(0, 5)
            .join(' ')
        : '';
      // A complaint: the documents' rule for a faulty item (as the defect claim asked it).
      const questions =
        r.code === DEFECT_CLAIM
          ? [DEFECT_QUESTION[turn.lang], general]
          : product
            ? [`${r.text} ${words(product.title)}`, ...(kind ? [`${r.text} ${kind}`] : []), general]
            : [general];
      const nth = lookups.filter((x) => x.reason === r.code).length;
      lookups.push({ reason: r.code, questions, nth, i: lookups.length });
    }
  // The deciding reasons first (as told), each reason's first product before another's second.
  const ordered = lookups.sort((a, b) => a.nth - b.nth || a.i - b.i).slice(0, MAX_CITED_REASONS);
  // A line refused without a code: what the service said about it.
  if (ordered.length === 0) {
    const said = refused
      .map((d) => d.explanation)
      .join(' ')
      .trim();
    if (said) ordered.push({ reason: '', questions: [said], nth: 0, i: 0 });
  }
  const ask = (reason: string, question: string) =>
    turn
      .tool(
        'knowledge.Answer',
        { purpose: 'citation', reason },
        () => ctx.ports.knowledge.answer(conv.tenantId, question, turn.lang),
        (x) => ({ found: x.found, citations: x.citations.length }),
      )
      // A missing citation never blocks the decision itself.
      .catch(() => undefined);
  const answers = await Promise.all(
    ordered.map(async ({ reason, questions }) => {
      for (const q of new Set(questions)) {
        const a = await ask(reason, q);
        if (a?.found) return a;
      }
      return undefined;
    }),
  );
  const cited = new Map<string, ReturnType<typeof citation>>();
  for (const a of answers)
    if (a?.found) for (const c of a.citations) cited.set(`${c.url}#${c.section}`, citation(c));
  if (cited.size) turn.parts.push({ part: { $case: 'citations', value: { items: [...cited.values()] } } });
}

function isUnavailable(err: unknown): boolean {
  const name = (err as Error)?.name;
  return name === 'Unavailable' || name === 'DeadlineExceeded' || name === 'Internal';
}

async function unavailable(turn: Turn): Promise<void> {
  turn.say('provider_down');
  return handoff(turn, 'provider_unavailable', false, true);
}

async function failOrderCall(turn: Turn, err: unknown): Promise<void> {
  if ((err as Error)?.name === 'Unauthenticated') {
    // The session expired: sign in again.
    turn.data.sessionId = undefined;
    turn.state = 'awaiting_email';
    turn.say('ask_email');
    return;
  }
  if ((err as Error)?.name === 'FailedPrecondition') {
    // Not an outage: the store's setup can't do this (e.g. a plain portal URL reports no return
    // status). Say so truthfully and hand off; retrying would not help.
    turn.say(turn.data.pending === 'return_status' ? 'status_unsupported' : 'provider_missing');
    return handoff(turn, 'provider_missing', false, true);
  }
  return unavailable(turn);
}

async function handoff(turn: Turn, reason: string, urgent: boolean, quiet = false): Promise<void> {
  const { ctx, conv } = turn;
  const attempt = (turn.data.handoffs ?? 0) + 1;
  turn.data.handoffs = attempt;
  if (turn.data.preview) return previewHandoff(turn, reason);
  let profile: Profile | undefined;
  if (turn.data.sessionId) {
    try {
      profile = await turn.tool(
        'commerce.GetProfile',
        {},
        () => ctx.ports.commerce.getProfile(conv.tenantId, turn.data.sessionId!),
        () => 'ok',
      );
    } catch {
      profile = undefined;
    }
  }
  let message = '';
  let ticketRef = '';
  const subject = await ticketSubject(turn, reason);
  try {
    const res = await turn.tool(
      'handoff.Handoff',
      { reason, attempt, subject },
      async () =>
        ctx.ports.handoff.handoff({
          tenantId: conv.tenantId,
          conversationId: conv.conversationId,
          attempt,
          reason,
          subject,
          transcript: [
            ...(await ctx.transcript()),
            {
              role: 'customer',
              text: customerText(turn.input, turn.lang, ctx.overrides, conv.data),
              at: turn.input.receivedAt,
            },
          ],
          customer: profile,
          channel: turn.channel,
          language: turn.lang,
          urgent,
          recipient: turn.input.sender || turn.conv.sender,
        }),
      (r) => ({ destination: r.destination, ticketRef: r.ticketRef }),
    );
    message = res.message;
    // The shopper sees the reference the way the desk shows it, not an internal id.
    ticketRef = res.ticketLabel || res.ticketRef;
  } catch {
    // No ticket was made: "passed to our team" would be untrue, and a silent handed-off state would
    // wait for a hand-back that never comes. Say so; asking again (a bare "yes") tries again.
    turn.log('handoff', { reason, failed: true });
    turn.say('handoff_failed');
    turn.state = idleish(turn.state);
    turn.data.offer = 'human';
    return;
  }
  void quiet;
  turn.parts.push({
    part: { $case: 'handoffNotice', value: { text: message || turn.t('handoff_fallback'), ticketRef } },
  });
  turn.log('handoff', { reason, ticketRef });
  turn.state = 'handed_off';
  turn.outcome = { outcome: 'handed_off', reason };
}

/**
 * The ticket's subject in the language of the brand's team (its intro message's, else its
 * documents' main language; the conversation's when neither tells), marked with the shopper's
 * language when that differs ("[KO] Zwroty i wymiany: …"): a Polish team should not get Korean
 * subjects it cannot sort. Why it was handed off, and the order when one was chosen. An unknown
 * reason code is shown as it is.
 */
async function ticketSubject(turn: Turn, reason: string): Promise<string> {
  const team = await teamLanguage(turn);
  const say = (key: TemplateKey, vars?: Record<string, string>) =>
    render(key, team, vars, turn.ctx.overrides);
  const key = `handoff_reason_${reason}`;
  const why = key in TEMPLATES ? say(key as TemplateKey) : reason;
  const order = turn.data.orderName;
  const subject = order
    ? say('ticket_subject_order', { reason: why, order })
    : say('ticket_subject', { reason: why });
  return team === turn.lang ? subject : `[${turn.lang.toUpperCase()}] ${subject}`;
}

/** The language the brand's team reads: its intro message's, else its documents' main one. */
async function teamLanguage(turn: Turn): Promise<Lang> {
  const intro = turn.ctx.introMessage ? detectLanguage(turn.ctx.introMessage, turn.lang) : undefined;
  if (intro?.confident) return intro.language;
  return (await turn.ctx.documentLanguage?.().catch(() => undefined)) ?? turn.lang;
}

const INTENT_LABELS: Partial<Record<string, TemplateKey>> = {
  start_return: 'start_return',
  start_exchange: 'start_exchange',
  return_status: 'check_refund',
  human: 'talk_to_person',
  policy_question: 'ask_question',
};

/**
 * What the shopper said, for the transcript and the ticket: their words, or for a tapped button the
 * button as they saw it ("[상담원 연결]", "[#1002]"), not its postback code ("[intent:human]").
 */
export function customerText(
  input: { text: string; postback: string },
  lang: Lang,
  overrides: Overrides,
  data: Pick<ConversationData, 'recentOrders'>,
): string {
  if (input.text || !input.postback) return input.text;
  const [kind, value = ''] = input.postback.split(/:(.*)/su);
  const label =
    kind === 'intent' && INTENT_LABELS[value]
      ? render(INTENT_LABELS[value]!, lang, {}, overrides)
      : kind === 'order'
        ? (data.recentOrders?.find((o) => o.id === value)?.name ?? value)
        : input.postback;
  return `[${label}]`;
}

const DESTINATION_NAMES: Record<string, string> = {
  zendesk: 'Zendesk',
  gorgias: 'Gorgias',
  freshdesk: 'Freshdesk',
  desk: 'Boomerang Desk',
};

/**
 * A preview / simulation reaches the handoff: the same notice and state as live, but no ticket is
 * created (a brand's simulation must not file tickets for its team); the reply names where a live
 * conversation would go.
 */
async function previewHandoff(turn: Turn, reason: string): Promise<void> {
  const { ctx, conv } = turn;
  let destination = '';
  try {
    const r = await turn.tool('handoff.GetRouting', { preview: true }, () =>
      ctx.ports.handoff.routing(conv.tenantId, turn.channel),
    );
    if (r?.configured) destination = DESTINATION_NAMES[r.destination] ?? r.destination;
  } catch {
    // Routing unknown: the preview still shows the handoff, without naming the destination.
  }
  turn.parts.push({
    part: { $case: 'handoffNotice', value: { text: turn.t('handoff_fallback'), ticketRef: '' } },
  });
  turn.say(destination ? 'preview_handoff' : 'preview_handoff_unrouted', { destination });
  turn.log('handoff', { reason, preview: true, destination, subject: await ticketSubject(turn, reason) });
  turn.state = 'handed_off';
  turn.outcome = { outcome: 'handed_off', reason };
}

/**
 * "59000 KRW" / "349.00 PLN" / "128.00 USD" as the shopper reads money: 59,000원 / 349,00 zł / $128.00.
 * Anything else is shown as the store gave it.
 */
export function localMoney(amount: string, lang: Lang): string {
  const m = /^(-?\d+(?:\.\d+)?)\s+([A-Z]{3})$/.exec(amount.trim());
  if (!m) return amount;
  const value = Number(m[1]);
  const currency = m[2]!;
  const locale = lang === 'ko' ? 'ko-KR' : lang === 'pl' ? 'pl-PL' : 'en-US';
  try {
    if (lang === 'ko' && currency === 'KRW') return `${value.toLocaleString('ko-KR')}원`;
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return amount;
  }
}

/** The message sent when people hand the conversation back (ticket resolved). */
export function handBackParts(lang: Lang, overrides: Overrides): ReplyPart[] {
  return [text(render('handback', lang, {}, overrides))];
}
