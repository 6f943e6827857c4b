import { koStem, koVerbFormOf, koVerbStem, questionFocus } from './focus';
import { isOpaquePhrase, phraseMatches, related } from './glossary';
import { baseLanguage, detectLanguage } from './language';
import { boughtWhere, narrativeWords } from './narrative';
import { withoutPaymentAside } from './payment-aside';
import { abroadNamed } from './places';
import { durationStrength, statesAmount } from './policy-facts';
import type { ScoredChunk } from './tenant-index';
import { ENUMERATOR, fold, isContentFree, loose, sentences, type WordToken, wordTokens } from './text';
import { correctTypos } from './typo';

export interface AnswerCitation {
  documentId: string;
  documentTitle: string;
  section: string;
  url: string;
  quote: string;
}

export interface GroundedAnswer {
  found: boolean;
  answer: string;
  citations: AnswerCitation[];
  confidence: number;
  language: string;
  /** The retrieved sentences the answer was built from (for an optional phrasing model). */
  evidence: string[];
}

export interface AnswerThresholds {
  /** Minimum idf-weighted share of the question's words found in the best sentence + its section. */
  coverage: number;
}

/** Tuned on apps/knowledge/eval (see eval.test.ts and bench/knowledge). */
/** How far below the top-scored sentence one that clears the coverage threshold may rank and still answer. */
const NEAR_MISS = 0.15;

export const DEFAULT_THRESHOLDS: AnswerThresholds = { coverage: 0.35 };

export interface CorpusStats {
  idf(term: string): number;
  df(term: string): number;
}

interface QueryWord {
  /** The word's own terms and its glossary relatives. */
  terms: Set<string>;
  /** The word's own terms (a sentence using them beats one using a relative, when ranking). */
  own: Set<string>;
  weight: number;
  /** Its weight when ranking the sentences (topic words up, generic words down). */
  rankWeight: number;
  /** A word that only says what kind of fact is asked ("long", "kosztuje", "기간이"): met by a sentence of that type. */
  cue: boolean;
  /** The question's topics this word names ("배송은", "delivery", "dostawa" → shipping). */
  topics: string[];
  /** A word the documents never use (not the product returned): likely something they do not cover. */
  unknown: boolean;
  /** Its index among the question's tokens. */
  at: number;
  /** The product returned or exchanged, or the thing that came damaged ("my wool jacket", "the glass"). */
  product: boolean;
  /** A Korean word: its form without the particle and the noun it is built on ("배송지를" → 배송지, 배송지). */
  ko?: { bare: string; stem: string };
}

/** Weight of the retrieval rank when picking the answer sentence (tuned on the eval set). */
const RANK_BONUS = 0.12;
/** Retrieved chunks whose sentences compete for the answer (callers retrieve this many). */
export const MAX_HITS = 10;
/** Weight of the agreement between the question's topic (return, refund, shipping…) and the sentence's. */
const TOPIC_WEIGHT = 0.15;
/** Topics that narrow a rule to a case (see TOPICS); a sentence under one must not answer a general question. */
const QUALIFIERS = ['international', 'gift', 'store'];
const QUALIFIER_PENALTY = 0.12;
/**
 * How far below a rule scoped to another case a rule scoped to the case asked about (the general rule for a
 * question naming none) may score, and how much less of the question it may cover, and still answer.
 */
const SCOPE_MARGIN = 0.25;
/** How much lower a sentence saying the question's qualifier may rank and still beat one that does not. */
const QUALIFIER_MARGIN = 0.15;
const SCOPE_COVERAGE_SLACK = 0.1;
/**
 * Cases a rule can be narrowed to without being another subject: members of a loyalty club, sale or
 * discounted items, defective or damaged goods. "Members of Fern Club get 60 days", "Sale items … can be
 * returned within 14 days only", "상품 불량이나 오배송의 경우 … 30일" are variants of the general rule; a
 * question that does not name the case wants the general rule ("Unworn items can be sent back within 45
 * days"), one that names it ("불량 상품은 언제까지…?", "Co zrobić, gdy paczka przyszła uszkodzona?") the variant.
 * Unlike QUALIFIERS, a question about the case may still get the general rule when no text addresses it.
 */
const CONDITIONS: Record<string, RegExp> = {
  member:
    /\b(members?|membership|loyalty|vip|club|subscribers?)\b|(?<!\p{L})(członk|klub|lojaln|subskryb)\p{L}*|멤버십|회원|VIP/iu,
  sale: /\b(sale|clearance|outlet|discounted|markdowns?|reduced|promotional)\b|\d+\s*% off|(?<!\p{L})(wyprzeda|przecen|promocj|obniżk|rabat)\p{L}*|세일|할인|특가|아울렛/iu,
  // Remote areas and islands, which often pay a surcharge ("제주 및 도서산간 지역은 … 추가 배송비 3,000원").
  remote:
    /\b(remote|outlying|rural)\s+(areas?|regions?|locations?|addresses)\b|\bislands?\b|\bhighlands\b|(?<!\p{L})(wysp(a|y|ie|ę|ach)?|teren(y|ach)\s+(wiejsk|odległ|trudno)\p{L}*)(?!\p{L})|제주|도서\s*산간|산간\s*지역|도서\s*지역|섬\s*지역/iu,
  defect:
    /\b(defect\w*|faulty|damaged?|broken|cracked|cracks?|chipped|shattered|torn|wrong (item|product|size|colou?r)|incorrect (item|product))\b|(?<!\p{L})(wad(a|y|ą|liw\p{L}*)|uszkodz\p{L}*|reklamac\p{L}*|reklamow\p{L}*|usterk\p{L}*|pęknięt\p{L}*|pekniet\p{L}*|pęknięci\p{L}*|stłuczon\p{L}*|rozbit\p{L}*)(?!\p{L})|불량|하자|파손|오배송|오발송|깨졌|깨진|금이/iu,
};
/**
 * Where a sentence's rule ends and what it adds begins: a semicolon or a dash, a contrast or an exception —
 * "Return shipping is free within the US; a flat fee is deducted for international returns", "…is free, except
 * for international orders, which pay €15", "…jest bezpłatna, a zamówienia zagraniczne…", "…chyba że…",
 * "반품 배송비는 무료이며, 해외 주문은…", "…무료입니다. 다만 …". A comma alone is not one ("Sale items, gift
 * cards and swimwear cannot be returned" is one rule about all three).
 */
const CLAUSE_BREAK = new RegExp(
  [
    '[;；]',
    String.raw`\s[—–]\s?|\s-\s`,
    String.raw`,?\s+(unless|except|excluding|other than|apart from|aside from|save for|but|whereas|while|however|although|though|otherwise)\b`,
    String.raw`,\s+(and|which|in which case)\b`,
    String.raw`,?\s+(chyba że|z wyjątkiem|oprócz|wyjąwszy|natomiast)(?!\p{L})`,
    String.raw`,\s+(a|ale|lecz|jednak|zaś|poza|przy czym|w przeciwnym razie|wtedy)(?!\p{L})`,
    String.raw`[\uac00-\ud7af](며|지만|으나|는데|면서)\s*,?\s`,
    String.raw`[\uac00-\ud7af]고\s*,\s`,
    String.raw`\s(다만|단,|단\s|그러나|하지만|반면)`,
  ].join('|'),
  'iu',
);
/**
 * A clause that opens by excepting a case before the rule: "Except for international orders, return shipping
 * is free", "Z wyjątkiem zamówień zagranicznych, …", "Poza wyprzedażą, …" (not "Poza Polską …": outside
 * Poland), "해외 주문을 제외하고 …", "해외 주문 외에는 …", "선물 받은 상품을 빼고 …" — up to its comma, or up to
 * the Korean marker.
 */
const EXCEPTION_OPENER =
  /^\s*(unless|except|excluding|other than|apart from|aside from|save for|with the exception of|z wyjątkiem|oprócz|wyjąwszy|poza(?!\s+(granic|polsk|kraj|ue(?!\p{L})|uni|europ)))(?!\p{L})[^,]*(,|$)|^[^,]*?(제외(하고|한|하면|하며|하여|해서)|\s외에는|\s외에|빼고)\s*,?/iu;

/**
 * The clause that states a sentence's rule: before any contrast, exception or added case, and without an
 * exception it opens with. A case named there scopes the rule ("International orders: …", "W przypadku
 * zamówień międzynarodowych …", "해외 주문의 경우 …"); a case named after it is an exception or addition
 * to a general rule ("Return shipping is free, except for international orders, which pay €15").
 */
export function mainClause(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const rest = line.replace(EXCEPTION_OPENER, '');
      const m = CLAUSE_BREAK.exec(rest);
      return m ? rest.slice(0, m.index) : rest;
    })
    .join('\n');
}

/** The cases a sentence (or heading) is narrowed to: named in its main clause, not in an exception it makes. */
function conditionsOf(text: string): string[] {
  const head = mainClause(text);
  return Object.entries(CONDITIONS)
    .filter(([, re]) => re.test(head))
    .map(([name]) => name);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}

/** The cases a text mentions at all (an exception clause included). */
function conditionsMentioned(text: string): string[] {
  return Object.entries(CONDITIONS)
    .filter(([, re]) => re.test(text))
    .map(([name]) => name);
}
/**
 * When ranking (not for the threshold): a topic word of the question that a sentence under a heading about
 * another topic uses only as the starting point of a time span — "returned within 30 days of delivery",
 * "14 dni od dostawy", "배송 완료일로부터 14일" — or inside a Korean compound ("오배송", a wrong delivery)
 * is not what the sentence is about: it counts for less than a full hit, and less than the same word in
 * the heading of a section about that topic ("## Delivery time", "## 배송 기간"), which says what the
 * sentences under it are about.
 */
const MODIFIER_HIT = 0.5;
const TOPIC_HEADING_HIT = 0.8;
/**
 * The event a span is counted from: "(days) of / from / after (the date of) delivery", "(dni) od (dnia)
 * doręczenia", "배송 완료일로부터", "수령일 기준", "배송 완료 후".
 */
const SPAN_ANCHORS = [
  /\b(days?|weeks?|months?|hours?)\s+(of|from|after|since|following)\s+((the|your|our)\s+)?((date|day|time)\s+(of\s+)?)?[\p{L}-]+/giu,
  /(^|\s)(dni|dnia|tygodni\w*|miesi\w*|godzin\w*)\s+(od|po)\s+((dnia|daty|dniu|chwili|momentu)\s+)?\p{L}+/giu,
  /(^|[\s(])([\p{L}]*[^\s\P{L}은는이가을를에도의로]\s+)?[\p{L}]*(일|날)\)?\s*(로부터|부터|이후|기준)/giu,
  /(^|[\s(])([\p{L}]*[^\s\P{L}은는이가을를에도의로]\s+)?[\p{L}]+\s+(후|이후)(?=[\s,]|$)/giu,
];

/**
 * A sentence without the events its spans are counted from (what it is about, not its reference points).
 * A Korean anchor takes the noun before it ("배송 완료일로부터") but not a word with a particle ("반품은").
 */
function withoutSpanAnchors(sentence: string): string {
  let s = sentence;
  for (const re of SPAN_ANCHORS) s = s.replace(re, ' ');
  return s;
}
/** A sentence matching a question word only through a glossary relative, when ranking (not for the threshold). */
const RELATIVE_HIT = 0.9;
/**
 * A tenant with documents in several languages: of two equally good sentences, the one in the question's
 * language (answered in that language rather than quoted in another).
 */
const SAME_LANGUAGE_BONUS = 0.1;
/** How far below another page's sentence one in the question's language may score and still answer (it clears the threshold). */
const OWN_LANGUAGE_MARGIN = 0.3;
/** Words placing an event before or after another: never the case a question is about. */
const TIME_RELATION =
  /^(after|before|since|until|ago|later|po|przed|od|temu|później|pozniej|후|전|뒤|지나|지났|됐는데)$/iu;
const HANGUL = /[\uac00-\ud7af]/u;
/** A greeting opening a message ("Hi,", "Dzień dobry!", "안녕하세요"). */
const GREETING =
  /^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|dzień dobry|cześć|witam|hej|안녕하세요|안녕하십니까|안녕)(?!\p{L})[\s,!.~]*/iu;
/** Asking which language the conversation can be in ("do you speak English?", "mówicie po angielsku?", "영어 되나요?"). */
const LANGUAGE_META =
  /\b(speak|understand|talk|write|reply|answer)\b.*\b(english|polish|korean|german|french|spanish)\b|\b(english|polish|korean) (please|pls|ok)\b|(?<!\p{L})(mówi|rozumie|pisze|odpowiada)\p{L}*.*(?<!\p{L})po (angielsku|polsku|koreańsku|niemiecku)|(영어|한국어|폴란드어)\S*\s*(가능|되|할 수|하시|해 주|해주|알아|하세요|하나요)/iu;

/**
 * The policy question in a message that also greets or asks about the language ("Hi, do you speak English?
 * How long do I have to return boots?"): its greeting and language questions are not what to look up, and
 * their words ("English", "speak") would make a question the documents answer look like another subject.
 */
function withoutSmallTalk(question: string): string {
  const parts = question
    .split(/(?<=[?？.!。])\s+/u)
    .map((p) => p.replace(GREETING, ''))
    .filter((p) => p.trim() && !LANGUAGE_META.test(p));
  return parts.length ? parts.join(' ') : question;
}

/** Where the shopper's order or parcel is: tracking, not policy. */
const ORDER_STATUS = loose(
  /\bwhere('s|’s| is| are)\s+(my|our|the)\s+(\p{L}+\s+)?(orders?|packages?|parcels?|shipments?|deliver(y|ies)|boxe?s?)\b|\b(track|tracking)\s+(my|our|the)\s+(orders?|packages?|parcels?|shipments?)\b|(?<!\p{L})gdzie\s+(jest|są|znajduje się)\s+(moj\p{L}*|mój|nasz\p{L}*)\s+(zamówien\p{L}*|paczk\p{L}*|przesyłk\p{L}*)|(?<!\p{L})(namierzyć|śledzić)\s+(moj\p{L}*|mój)?\s*(paczk|przesyłk|zamówien)|(택배|주문|배송|소포|상품)\S*\s*(은|는|이|가)?\s*(지금\s*)?어디(쯤|에|예요|인가요|있)/iu,
);

/** A sentence that says no ("do not", "cannot", "nie", "않습니다", "불가"). */
const NEGATED =
  /\b(not|no|cannot|can't|don't|doesn't|won't|never|unable)\b|n't\b|(^|\s)(nie|brak)(?=\s)|않|없|불가|못/iu;
/**
 * A sentence about what the one before it named: a pronoun or demonstrative standing for it ("They cannot be
 * refunded.", "Nie zwracamy za nią pieniędzy.", "Pieniędzy za nie nie zwracamy.", "이 경우 …", "해당 상품은 …").
 */
const ANAPHOR =
  /\b(it|its|they|them|their|these|those|such)\b|(?<!\p{L})(nią|nim|niej|niego|nich|ją|jej|jego|ich|ona|ono|oni|one|tego|tej|tych|tym|takie|takich)(?!\p{L})|(?<!\p{L})(za|na|o|przez|po|w)\s+nie(?!\p{L})|(^|\s)(이|그|해당)\s|이러한|이와|이 경우/iu;
/** A sentence that continues the previous one: a demonstrative pointing back ("this period", "ten termin", "이 기간"). */
const REFERS_BACK =
  /\b(this|that|these|those|such|the same|it)\b|(^|\s)(ten|ta|to|tego|tej|tym|te|tych|taki|taka|takie|ów)\s|(^|\s)(이|그|해당|위)\s|이러한|이와/iu;

/**
 * What kind of fact a question asks for. A duration/deadline question wants a sentence that states a
 * time span or date; a cost question one that states an amount (or "free"). The cue words that make
 * the type ("how long", "ile kosztuje", "며칠", "기간", "비용") are satisfied by such a sentence
 * instead of having to appear in it.
 */
export type QuestionType =
  | 'duration'
  | 'cost'
  | 'charge'
  | 'when'
  | 'payer'
  | 'overview'
  | 'hours'
  | 'count'
  | 'other';

/**
 * "What are your customer service hours?", "Until what time are you open?", "W jakich godzinach działa biuro
 * obsługi?", "Do której jesteście czynni?", "고객센터 몇시까지 해요?", "운영 시간이 어떻게 되나요?": when someone
 * can be reached or a place is open — answered only by a sentence stating times of day (or days). Not "how
 * many hours" nor "within 48 hours": those are durations.
 */
const HOURS_Q = loose(
  new RegExp(
    [
      String.raw`\b(opening|business|office|working|service|support|store|shop|showroom|desk|phone|chat|line|centre|center) hours\b`,
      String.raw`\bhours of (operation|business|service)\b`,
      String.raw`\bwhat time\b.*\b(open|opens|close|closes|closed|available|reach)\b`,
      String.raw`\b(open|opened|available|reachable)\s+(until|till|from)\b`,
      String.raw`\bwhen\s+(are|is)\s+(you|it|the\s+\p{L}+(\s+\p{L}+)?)\s+open\b`,
      String.raw`(^|[^\d\s]\s*|\b(your|the|their|its|what|which)\s+)hours\b(?!\s+(of\s+)?(after|from|since|within))`,
      String.raw`(?<!\p{L})(w\s+jakich\s+godzinach|w\s+jakie\s+godziny|godzin\p{L}*\s+(otwarcia|pracy|działania|dzialania)|do\s+której|do\s+ktorej|od\s+której|od\s+ktorej|o\s+której|o\s+ktorej)(?!\p{L})`,
      String.raw`(?<!\p{L})(czynn\p{L}*|otwart\p{L}*)\s+(do|od|w)(?!\p{L})`,
      String.raw`몇\s*시|(운영|영업|상담|근무|업무|통화|고객센터)\s*시간`,
    ].join('|'),
    'iu',
  ),
);
/** A time of day ("10 am", "9:00", "godz. 8–16", "오전 10시", "24/7"): an answer to an hours question. */
const CLOCK =
  /\b\d{1,2}(:\d{2})?\s*(am|pm|a\.m\.|p\.m\.)(?!\p{L})|\b\d{1,2}[:.]\d{2}\b(?![.,]?\d|\s*(zł|zl|pln|usd|eur|€|\$|£|원))|(?<!\p{L})godz\p{L}*\.?\s*(od\s+)?\d|\d{1,2}\s*(h|godz\p{L}*)(?!\p{L})|\b24\s*\/\s*7\b|around the clock|całodobowo|(오전|오후)\s*\d|\d{1,2}\s*시(?!간)/iu;
/** Days of the week ("on weekdays", "od poniedziałku do piątku", "평일"): half an answer to an hours question. */
const WEEKDAYS =
  /\b(weekdays?|weekends?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|fri|sat|sun)\b|(?<!\p{L})(poniedzia\p{L}*|wtor\p{L}*|środ(a|y|ę|zie|ami)(?!\p{L})|czwart\p{L}*|piąt\p{L}*|sobot\p{L}*|niedziel\p{L}*)|평일|주말|[월화수목금토일]요일/iu;
/**
 * "How many times can I exchange?", "Ile razy mogę wymienić?", "교환은 몇 번까지 되나요?": how many times — answered
 * by a sentence stating a count ("once", "jednokrotnie", "1회에 한해").
 */
const COUNT_Q = loose(/\bhow many times\b|\bhow often\b|(?<!\p{L})ile\s+razy(?!\p{L})|몇\s*(번|회|차례)/iu);
const COUNT_STATEMENT =
  /\b(once|twice|thrice|one time|two times|\d+\s*times?|only one|a single|one (exchange|return|replacement|claim))\b|(?<!\p{L})(jednokrotn\p{L}*|dwukrotn\p{L}*|raz|dwa razy|\d+\s*raz\p{L}*|jedn(ą|a|ej)\s+(wymian|reklamac|zwrot)\p{L}*)(?!\p{L})|\d+\s*(회|번|차례)|(한|두|세)\s*(번|차례)/iu;

/**
 * "What is your exchange policy?", "Jakie są zasady wymiany?", "교환 정책이 어떻게 되나요?": a broad question
 * about a subject's rules. "policy" / "zasady" / "정책" only say that the rules are asked for; the answer
 * is the section about the subject (its first sentences), not a sentence that happens to say "policy".
 */
const OVERVIEW_CUES = loose(
  /\b(polic(y|ies)|rules|guidelines)\b|zasad\w*|polityk\w*|regulamin\w*|정책|규정|방침/iu,
);
const OVERVIEW_WORD = loose(
  /^(polic(y|ies)|rules|guidelines|zasad\w*|polityk\w*|regulamin\w*|정책\S*|규정\S*|방침\S*)$/iu,
);

const DURATION_CUES = loose(
  /\b(how long|how much time|how many (business |working |calendar )?(days|weeks|months)|until when|by when|deadline|time limit|time ?frame|period|window|(delivery|shipping|processing|transit|dispatch|turnaround|handling) times?)\b|ile (mam )?(dni|czasu|tygodni)|jak długo|(^|\s)trwa(ją|ć)?(?=[\s?.,!]|$)|do kiedy|w jakim terminie|termin\w*|czas\w*|며칠|언제까지|기간|얼마나\s*걸|얼마 동안|시간이?\s*얼마나|걸리|소요/iu,
);
/**
 * A duration question about how long a process takes — the shop's side: delivery, a refund, handling a
 * complaint ("How long does delivery take?", "What is the delivery time?", "Ile trwa dostawa?", "Jaki jest
 * czas dostawy?", "배송은 얼마나 걸리나요?", "배송 기간이 어떻게 되나요?") — rather than how long the shopper
 * has to do something ("How long do I have to return?", "Ile mam czasu na zwrot?", "언제까지 해야 하나요?").
 */
const PROCESS_CUES = loose(
  /\b(take|takes|taking|took|arrive|arrives|arrival|transit)\b|\bwhen (do|will|would|does) (you|it|my order|the order|my parcel|the parcel) (ship|send|dispatch|post|go out|leave)\b|(?<!\p{L})kiedy (wysyłacie|wyślecie|wysyłasz|nadajecie|nadacie|nadajesz|zostanie wysłan\p{L}*|będzie wysłan\p{L}*)(?!\p{L})|언제\s*(발송|출고|배송\s*출발|보내)|\bhow long (until|till|before)\b|\bhow (fast|quickly|soon)\b|\b(delivery|shipping|processing|transit|dispatch|turnaround|handling) (times?|period|duration)\b|(^|\s)trwa(ją|ć)?(?=[\s?.,!]|$)|zajmuje|zajmie|czeka\p{L}*\s+się|się\s+czeka|jak szybko|kiedy (dotrze|przyjdzie|dojdzie)|czas\p{L}*\s+(dostaw|realizac|wysyłk|wysylk|doręcz|dorecz|oczekiw|rozpatr|przesył|przesyl)|걸리|걸려|걸릴|소요|만에|(배송|출고|도착|처리|환불|검수|제작|발송)\s*(기간|시간|일수|일정)/iu,
);
/** The question asks what the shopper may or must do by when ("do I have", "ile mam", "언제까지", "해야"). */
const DEADLINE_Q = loose(
  /\b(do|have) (i|we) (have|got)\b|\bhave i got\b|\b(can|may|must|should) i\b|\bdeadline\b|\bto (report|return|exchange|cancel|claim|notify)\b|(^|\s)(ile|jak długo) (mam|mamy|ma)\b|(^|\s)(jak długo|ile czasu|ile dni|przez ile dni) (mogę|można|muszę|trzeba|należy)(?!\p{L})|do kiedy|언제까지|해야/iu,
);
/**
 * A sentence giving the shopper a deadline for something they do: an imperative ("Report a damaged delivery
 * within 48 hours", "zgłoś w ciągu 48 godzin", "접수해 주세요"), an obligation or permission of the shopper
 * ("You must…", "You can return … within 30 days", "Konsument może odstąpić…", "możesz zwrócić", "반품하실 수
 * 있습니다"). Its span is not how long delivery or a refund takes.
 */
const SHOPPER_DEADLINE = new RegExp(
  [
    // At the start of a clause: "If it arrives damaged, email us…", "Question: …; Answer: Report it…".
    String.raw`(^|[,;:]\s+|\b(then|and)\s+)(please\s+)?(report|notify|contact|email|e-mail|tell us|let us know|submit|request|inform|write to|reach out|register|bring|drop off|send us)\b`,
    String.raw`\b(you|customers?|buyers?|shoppers?|consumers?)\s+(must|need to|should|have to|can|may|are required to|have|has)\b(?!\s+(expect|receive|get|track|see)\b)`,
    String.raw`\b(must|should|need to|has to|have to) be (reported|returned|notified|claimed|requested|submitted|sent|made|filed|raised|received|exchanged|cancell?ed)\b`,
    String.raw`\bplease\b`,
    String.raw`(^|\s)(prosimy|należy|musisz|powinieneś|powinnaś|możesz|masz|zgłoś|zgłoszenia|zgłaszaj|zgłosić|napisz|skontaktuj|odeślij|wyślij|prześlij|odstąpić|zwrócić|oddać|odesłać|ma prawo)(?=[\s.,;:]|$)`,
    '주세요|주십시오|바랍니다|하셔야|해야\\s*합니다|하실\\s*수|(신청|접수|반품|교환|요청)(해|하셔|하실|이\\s*가능|\\s*가능)',
  ].join('|'),
  'iu',
);
/**
 * A deadline counted from an earlier step of the shopper's (the withdrawal notice, the cancellation): "another 14
 * days", "14 days of your withdrawal notice", "14 dni od dnia, w którym odstąpił od umowy", "철회 신청일로부터 7일".
 */
const FOLLOW_ON = new RegExp(
  [
    String.raw`\b(another|a further|an additional|further)\s+\d+\s+(days?|weeks?)\b`,
    String.raw`\b(days?|weeks?)\s+(of|from|after)\s+((the|your)\s+)?(withdraw\w*|cancell?ation|notif\w*|notice)`,
    String.raw`od\s+dnia,?\s+w\s+którym\s+(\p{L}+\s+)?(odstąpi|zrezygnow|złoży|poinformowa)\p{L}*`,
    String.raw`od\s+(dnia\s+)?(odstąpienia|złożenia\s+oświadczenia|wysłania\s+oświadczenia)`,
    String.raw`(철회|취소)\s*(신청)?\s*(일|한\s*날)?\s*(로부터|이후)`,
  ].join('|'),
  'iu',
);
/** The question names that earlier step: then the second deadline may be the one asked. */
const FOLLOW_ON_STEP =
  /\b(withdraw\w*|notice|notif\w*|cancel\w*|after)\b|(?<!\p{L})(odstąpi|odstapi|oświadczen|oswiadczen|po\s+(odstąpieniu|zgłoszeniu))|철회|신청\s*후|신청한\s*뒤/iu;
const FOLLOW_ON_PENALTY = 0.1;

/** What the shop does and takes time for: a span in a sentence about one is not the shopper's deadline. */
const SHOP_PROCESSES = ['refund', 'shipping'];
/**
 * The shop handling something — reviewing a complaint, processing or answering ("Reklamację rozpatrujemy w ciągu
 * 14 dni", "We review claims within 5 days", "접수 후 3일 이내에 처리해 드립니다"): its span is how long the shop
 * takes, not the shopper's deadline.
 */
const SHOP_HANDLES =
  /\b(we|our team)\s+((will|shall|usually|aim to|try to)\s+)?(process|review|handle|respond|reply|answer|consider|assess|examine|inspect|resolve|decide)\w*|\b(processed|reviewed|handled|resolved|considered|assessed|answered)\s+(with)?in\b|(?<!\p{L})(rozpatruj|rozpatrzy|rozpatrzon|odpowiad|odpowiem|przetwarza|realizuj|rozpatrzen)\p{L}*|처리|검토|답변|회신|심사/iu;
/**
 * A question about the period of something the shopper does — "반품 기간이 어떻게 되나요?", "What is the return
 * window?", "Jaki jest termin zwrotu?", "교환 기한은?" — asks for the shopper's deadline, as "How long do I have
 * to…?" does; how long the shop then takes is not it.
 */
const PERIOD_Q = loose(
  /\b(period|window|deadline|time ?limit|time ?frame)\b|(?<!\p{L})(termin\p{L}*|okres\p{L}*)|기간|기한/iu,
);
const SHOPPER_ACTS = ['return', 'exchange', 'cancel'];
/** "오배송" / "오발송": a wrong item sent is a reason for a return (like a defect), not the delivery process. */
const WRONG_DELIVERY = /오(배송|발송)/gu;
// "płatny / płatna / płatne" (charged for) and "bezpłatny" are about a cost; "płatność" (a payment) is not.
const COST_CUES = loose(
  /\b(how much|costs?|fees?|charged?|charges)\b|ile kosztuj\w*|koszt\w*|opłat\w*|cen[aęy]\b|(?<!\p{L})(bez|nieod|od)?p[łl]atn(y|a|e|ego|ej|ych|ym)(?!\p{L})|darmow\w*|bezpłatn\w*|비용|배송비|반품비|요금|수수료|얼마(?!나)|무료|유료/iu,
);
/**
 * Asking how much, in so many words ("How much is…?", "Ile kosztuje…?", "Jaki jest koszt…?", "얼마예요?"):
 * answered by an amount, "free" or the shop bearing the cost — never by a sentence that states none.
 */
const AMOUNT_Q = loose(
  /\bhow much\b(?!\s+(time|longer)\b)|(?<!\p{L})ile\s+(kosztuj\p{L}*|wynosi\p{L}*|p[łl]ac\p{L}*|zap[łl]ac\p{L}*|trzeba\s+zap[łl]aci[ćc])|(?<!\p{L})jak\p{L}*\s+(jest\s+|są\s+)?(koszt|cena|opłata)(?!\p{L})|얼마(?!\s*나)/iu,
);
/**
 * Whether the shopper pays at all — "Do I have to pay for the return?", "Is sending it back free?", "Is there a
 * charge?", "Czy muszę płacić za zwrot?", "Czy odesłanie jest płatne / darmowe?", "반품할 때 돈 내야 돼요?",
 * "무료인가요?": answered by a sentence saying who bears the cost ("We cover return postage", "koszt ponosi
 * kupujący", "…은 저희가 부담합니다"), that it is free, or what it costs.
 */
const CHARGE_Q = loose(
  new RegExp(
    [
      String.raw`\b(do|will|would|must|should|shall|am|are)\s+(i|we)\s+((have|need|got)\s+to\s+)?(pay|paying|be\s+charged)\b`,
      String.raw`\b(have|need|got)\s+to\s+pay\b`,
      String.raw`\bpay\s+(anything|extra|more|for)\b`,
      String.raw`\b(free|complimentary)\b`,
      String.raw`\bat\s+no\s+(extra\s+)?(cost|charge)\b`,
      String.raw`\bis\s+there\s+(a\s+|any\s+)?(charge|fee|cost)\b`,
      String.raw`(?<!\p{L})(muszę|musze|trzeba|należy|nalezy|będę|bede)\s+(\p{L}+\s+)?(za)?p[łl]aci[ćc]`,
      String.raw`(?<!\p{L})(za)?p[łl]ac(ę|e|imy)(?!\p{L})|(?<!\p{L})p[łl]aci\s+si[ęe]`,
      String.raw`(?<!\p{L})(bez|nieod|od)?p[łl]atn(y|a|e|ego|ej|ych)(?!\p{L})`,
      String.raw`(?<!\p{L})(darmow\p{L}*|za\s+darmo|gratis)`,
      String.raw`돈\s*(을|이)?\s*(내|들|드)|내야|유료|무료|공짜|부담해야|부담하나요|부담인가요`,
    ].join('|'),
    'iu',
  ),
);
/** The shop bearing a cost: "We cover return postage", "na nasz koszt", "po naszej stronie", "저희가 부담합니다". */
const SHOP_PAYS =
  /\b(we|us)\s+(cover|pay|bear)\b|\bcovered by us\b|\bat our (own )?(cost|expense)\b|\bon us\b|(?<!\p{L})(pokrywamy|ponosimy|płacimy|placimy|zwracamy\s+koszt|na\s+nasz\s+koszt|po\s+naszej\s+stronie|po\s+stronie\s+sklepu)|(저희|당사|회사|판매자|"몰")\S*\s*(이|가|에서)?\s*(전액\s*)?부담/iu;
/** The shopper bearing a cost in full, no amount set by the shop: "at your own cost", "na własny koszt", "고객님 부담". */
const SHOPPER_PAYS_ALL =
  /\bat (your|the shopper['’]s|the customer['’]s|the buyer['’]s|their) own (cost|expense)\b|(?<!\p{L})na\s+(w[łl]asny|sw[óo]j)\s+koszt|고객(님)?\s*(이|께서)?\s*부담/iu;
const WHO_Q = loose(/\b(who|whom)\b|(^|\s)(kto|komu|kogo)\b|누가|누구/iu);
const WHEN_CUES = loose(/\b(when)\b|kiedy|언제/iu);
/** "Who pays…?", "Kto płaci / pokrywa…?", "누가 내나요 / 부담하나요?": asks which party bears a cost. */
const PAY_CUES = loose(
  /\b(pays?|paying|paid|covers?|bears?|cost|fees?|charges?)\b|płac\w*|zapłac\w*|pokryw\w*|ponosi\w*|koszt\w*|opłat\w*|내나요|내야|내요|부담|비용|배송비|지불/iu,
);
/** A sentence that says who bears a cost ("ponosi kupujący", "the shopper pays", "고객 부담", "free"). */
const PAYER_STATEMENT =
  /\b(pays?|paid|paying|bears?|borne|covers?|covered|at (our|your|their) (own )?(cost|expense)|free|no charge|no cost|deducted|taken off|on us)\b|płac\w*|zapłac\w*|pokryw\w*|pokrywa\w*|ponosi\w*|ponosz\w*|na (\p{L}+ )?koszt|po (\p{L}+ )?stronie|bezpłatn\w*|darmow\w*|potrąc\w*|potrac\w*|부담|지불|무료|내야|냅니다|차감/iu;
// Cue words by themselves (for the coverage of a typed question).
const DURATION_WORD = loose(
  /^(long|days?|weeks?|months?|period|window|deadline|until|times?|czas\w*|termin\w*|długo|trwa|trwają|trwać|dni|tygodni\w*|며칠\S*|기간\S*|언제까지\S*|걸리\S*|걸려\S*|소요\S*|동안\S*)$/iu,
);
const COST_WORD = loose(
  /^(much|costs?|fees?|charged?|charges|kosztuj\w*|koszt\w*|opłat\w*|cen[aęy]|비용\S*|요금\S*|수수료\S*|얼마\S*)$/iu,
);
// Whether one pays: the paying, and "free / płatne / 무료" (met by a sentence saying who pays, or what it costs).
const CHARGE_WORD = loose(
  /^(pay|pays|paying|paid|free|charged?|charges|costs?|fees?|płac\w*|placi\w*|zapłac\w*|zaplac\w*|(bez|nieod|od)?p[łl]atn(y|a|e|ego|ej|ych)|darmow\w*|koszt\w*|opłat\w*|돈|내야|내요|내나요|유료\S*|무료\S*|비용\S*|부담\S*)$/iu,
);
// When one can call or come in: the hours, opening, working ("działa", "운영"), what time.
const HOURS_WORD = loose(
  /^(hours?|open|opens|opening|close|closes|closing|time|godzin\p{L}*|godz|czynn\p{L}*|otwart\p{L}*|dzia[łl]a\p{L}*|pracuj\p{L}*|몇시\S*|시\S*|시간\S*|운영\S*|영업\S*|해요|하나요)$/iu,
);
// How many times: "times", "often", "razy", "번", "회".
const COUNT_WORD = loose(/^(times?|often|razy|raz|번\S*|회\S*|차례\S*)$/iu);
// In a who-pays question the cost itself ("Kto pokrywa koszt…?", "Who pays the fee…?") is asked about too:
// a sentence saying who bears it, or that it is free, answers it.
const PAY_WORD = loose(
  /^(pays?|paying|paid|covers?|bears?|costs?|fees?|charges?|płac\w*|zapłac\w*|pokryw\w*|ponosi\w*|koszt\w*|opłat\w*|내나요|내야|내요|부담\S*|지불\S*|비용\S*)$/iu,
);

export function questionType(question: string): QuestionType {
  // "Who pays for return shipping?" asks for a party, not an amount: a sentence saying who bears it.
  if (WHO_Q.test(question)) return PAY_CUES.test(question) ? 'payer' : 'other';
  if (HOURS_Q.test(question)) return 'hours';
  if (COUNT_Q.test(question)) return 'count';
  if (DURATION_CUES.test(question) && !/ile kosztuj/iu.test(question)) return 'duration';
  if (AMOUNT_Q.test(question)) return 'cost';
  // "Do I have to pay for the return?", "Czy zwrot jest płatny?": whether the shopper pays, not how much.
  if (CHARGE_Q.test(question)) return 'charge';
  if (COST_CUES.test(question)) return 'cost';
  if (WHEN_CUES.test(question)) return 'when';
  if (OVERVIEW_CUES.test(question)) return 'overview';
  return 'other';
}

/** How well a sentence states the kind of fact asked for: 1 fully, 0.5 vaguely ("until it ships"), 0 not. */
function typeStrength(type: QuestionType, sentence: string): number {
  if (type === 'duration' || type === 'when') return durationStrength(sentence);
  // "We cover return postage" says what it costs the shopper: nothing.
  // Nor does "at your own cost" ("na własny koszt", "고객님 부담"): the shop charges no amount, the shopper pays
  // the carrier whatever it costs.
  if (type === 'cost')
    return statesAmount(sentence) || SHOP_PAYS.test(sentence) || SHOPPER_PAYS_ALL.test(sentence) ? 1 : 0;
  if (type === 'payer') return PAYER_STATEMENT.test(sentence) ? 1 : 0;
  if (type === 'charge') return PAYER_STATEMENT.test(sentence) || statesAmount(sentence) ? 1 : 0;
  if (type === 'hours') return CLOCK.test(sentence) ? 1 : WEEKDAYS.test(sentence) ? 0.5 : 0;
  if (type === 'count') return COUNT_STATEMENT.test(sentence) ? 1 : 0;
  return 0;
}

/**
 * How well a sentence answers an overview question ("What is your exchange policy?"): it opens the section
 * about the subject (its heading names it: "## Exchanges", "## Wymiana", "## 교환") — 1; later in that
 * section — 0.7; under the document's title only ("Returns and Exchanges": the whole document, whose intro
 * says what the policy covers, not what it is) — 0.5; under a heading about something else — 0.
 */
function overviewStrength(
  subject: { terms: string[]; topics: string[] },
  heading: string,
  first: boolean,
  titleOnly: boolean,
): number {
  // The heading names the subject, or its topic ("## Delivery time" for "What is your shipping policy?").
  const headingTerms = termSet(heading);
  const headingTopics = topicsOf(heading);
  if (
    !subject.terms.some((t) => headingTerms.has(t)) &&
    !subject.topics.some((t) => headingTopics.includes(t))
  )
    return 0;
  if (titleOnly) return 0.5;
  return first ? 1 : 0.7;
}

/**
 * A physical store as the place of a return or purchase: "in store", "at any of our stores", "retail
 * stores", "sklep stacjonarny", "w sklepie", "w salonie", "매장", "오프라인". Not the shop as the seller or
 * its website: "our online store", "sklep internetowy", a regulamin's defined term "Sklep" (capitalised,
 * hence no case-insensitive flag), "store credit", "온라인 스토어".
 */
const STORE = new RegExp(
  [
    String.raw`\b[Ii]n[- ]store\b`,
    // "at any of our stores", "to a Tidewater store", "in store" — not "in our online store", nor "in our
    // store" (the business: only "our stores", several of them, are places).
    String.raw`\b([Ii]n|[Aa]t|[Tt]o|[Vv]isit)\s+((a|an|any|one of|the|a local|the nearest|any of our|one of our)\s+)*(?!online\b|web\b|e-)([\p{L}&'’-]+\s+)?(stores?|shops?|boutiques?|showrooms?)\b(?!\s+(credit|policy|policies|website|site|app)\b)`,
    String.raw`\b([Ii]n|[Aa]t|[Tt]o|[Vv]isit)\s+(our|your)\s+(?!online\b|web\b|e-)([\p{L}&'’-]+\s+)?(stores|shops|boutiques|showrooms)\b`,
    String.raw`\b(physical|retail|brick[- ]and[- ]mortar|high[- ]street|local|offline)\s+(stores?|shops?|locations?|boutiques?)\b`,
    String.raw`\b[Ss]tore locations?\b`,
    String.raw`(?<!\p{L})([Ss]tacjonarn|[Bb]utik|[Oo]sobiście|[Pp]unkt\p{L}* sprzedaży)`,
    // Not the room a piece of furniture is for: "nie pasuje do salonu", "za duża do salonu" (the living room).
    String.raw`(?<!(pasuj|pasow|mieści|mieszcz|duż|mał|szerok|wysok)\p{L}*\s+(\p{L}+\s+)?do\s+(\p{L}+\s+)?)(?<!\p{L})[Ss]alon(ie|ach|u|ów|y|ami)?(?!\p{L})`,
    // "w sklepie", "do sklepu", "w naszych sklepach" — not "w naszym sklepie" (the business), nor a
    // regulamin's "Sklep" (the seller), nor "sklep internetowy".
    String.raw`(?<!\p{L})([Ww]|[Dd]o|[Zz]e?)\s+((jednym z naszych|każdym|dowolnym|najbliższym)\s+)?sklep(ie|u)?(?!\p{L})(?!\s+(internetow|online))`,
    String.raw`(?<!\p{L})([Ww]|[Dd]o|[Zz]e?)\s+((naszych|waszych|jednym z naszych|jednym z waszych)\s+)?sklep(ach|ów)(?!\p{L})(?!\s+(internetow|online))`,
    '매장|오프라인|백화점',
  ].join('|'),
  'u',
);

/**
 * Delivery only in the home country: "We ship only within South Korea", "We currently deliver only within Poland",
 * "Sprzedawca realizuje dostawy wyłącznie na terytorium Rzeczypospolitej Polskiej", "대한민국 내 배송만 하고 있습니다".
 */
const HOME_ONLY = new RegExp(
  [
    String.raw`\b(ship|deliver|dispatch|send)\w*\s+((to|our|orders?|parcels?|goods|products?|items?)\s+){0,2}(only|exclusively|solely)\s+(with)?in(side)?\s+(?!\d)`,
    String.raw`\b(only|exclusively|solely)\s+(ship|deliver|dispatch|send)\w*\s+(with)?in(side)?\s+(?!\d)`,
    String.raw`(dostaw|dostarcz|wysył|wysyl|przesył)\p{L}*\s+(\p{L}+\s+){0,3}(wyłącznie|wylacznie|tylko|jedynie)\s+(na\s+terytorium|na\s+terenie|w\s+granicach|w\s+\p{Lu}|do\s+\p{Lu}|po\s+\p{Lu})`,
    String.raw`(국내|(대한민국|한국)\s*내)\s*(에서만\s*)?(배송|발송)(만|\s*가능)|(국내|(대한민국|한국)\s*내)에서만`,
  ].join('|'),
  'iu',
);

/**
 * The subject a policy sentence is about. A shipping sentence must not answer a return question just
 * because it states a number: the question's topics have to appear in the sentence (or its heading).
 */
const TOPICS: Record<string, RegExp> = {
  return:
    /(return|(send|give|take|ship|mail|post|bring)( [\p{L}\d]+){0,2} back|sent back|zwrot(?!\w*\s+(pieni|środk|srodk))|zwróc|zwroc|zwrac(?!\p{L}*\s+(pieni|środk|srodk))|odes[lł]|odsył|odstąp|odda[ćcnmjwł]|przyjm\p{L}*\s+(\p{L}+\s+){0,2}z powrotem|반품|반송|반납)/iu,
  refund:
    /(refund|money back|reimburs|zwrot\w*\s+(pieni|środk|srodk)|pieniądz|pieniadz|pieniędz|환불|환급)/iu,
  exchange: /(exchang|swap|wymian|wymien|wymie[nń]|교환)/iu,
  shipping:
    /(ship|deliver|dispatch|postage|courier|dostaw|dostarcz|wysył|wysyl|wysył|przesył|kurier|paczk|doręcz|배송|출고|택배|발송)/iu,
  cancel: /(cancel|anul|rezygn|취소)/iu,
  // A qualifier, not a subject of its own: a sentence about international orders answers a question
  // that says so, not a general one ("who pays exchange shipping?" is not about customs abroad).
  // Delivery only at home ("We ship only within South Korea", "dostawy wyłącznie na terytorium RP", "대한민국 내
  // 배송만") says no to orders abroad: it addresses them.
  international: new RegExp(
    String.raw`(international|abroad|overseas|outside (the )?(country|us|uk|eu)|cross-border|customs|duties|zagranic|za granic|międzynarod|miedzynarod|(?<!\p{L})s?poza\s+(granicami\s+)?(polsk|kraj|ue(?!\p{L})|uni[ąi]\s+europ|europ)|cło|cła|해외|국외|관세)|${HOME_ONLY.source}`,
    'iu',
  ),
  // A qualifier too: a return rule answers "Can I return a gift?" only if it says something about gifts
  // (a gift receipt, gift returns). A gift card is store credit, not a gift: "gift card(s)" is not this.
  gift: /(\bgift(s|ed)?\b(?!\s*(cards?|certificates?|vouchers?|codes?|balances?)\b)|\b(a|as|the|my|for)\s+presents?\b|prezent|podarun(?!kow)|upomin|선물)/iu,
  // A qualifier too: returning (or buying) in a physical store, not by post.
  store: STORE,
};

/**
 * Paying for an order: "pay / payment / instalments", "zapłacić / płatność / raty", "결제 / 할부 / 지불" — not a
 * fee ("opłata"), nor "bezpłatnie" (free).
 */
const PAYMENT =
  /\bpa(y|ys|ying|id|yment|yments)\b|\binstal?l?ments?\b|(?<!\p{L})(za)?(płac|plac|płat|plat)|(?<!\p{L})rat(y|ach|ami|ę)(?!\p{L})|결제|할부|지불/iu;
/** The subjects a payment question is not about: a sentence about one of them mentions paying in passing. */
const PAYMENT_ASIDE = ['return', 'refund', 'exchange', 'shipping', 'cancel'];

/** The topics a text mentions, in order of first mention (the first is usually the sentence's subject). */
function topicsOf(text: string): string[] {
  const found: [number, string][] = [];
  for (const [name, re] of Object.entries(TOPICS)) {
    const m = re.exec(text);
    if (m) found.push([m.index, name]);
  }
  // A Polish adjective follows its noun: "przesyłka zwrotna" (return shipping) is about the return first,
  // as "return shipping" is.
  const postposed = RETURN_ADJECTIVE.exec(text);
  const ret = found.find(([, name]) => name === 'return');
  if (postposed && ret && postposed.index < ret[0]) ret[0] = postposed.index;
  return found.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
}
/** A noun qualified by a following "zwrotny" (of a return): "przesyłka zwrotna", "etykieta zwrotna". */
const RETURN_ADJECTIVE = /\p{L}+\s+zwrotn\p{L}*/iu;

/**
 * 1 when the sentence is about the question's topics (its first-mentioned topic is one of them), less
 * when they only appear later in it or in its heading, -1 when it is about other topics only.
 */
/**
 * Whether something is allowed: "Can I…?", "Czy mogę / można…?", "…되나요 / 가능한가요 / 할 수 있나요". Giving goods back
 * and getting money back are one question then: "마스카라 뜯었는데 환불 되나요?" is answered by the rule that opened
 * cosmetics cannot be returned.
 */
const PERMISSION_Q = loose(
  /\b(can|could|may)\s+(i|we)\b|\bis\s+it\s+possible\b|\bam\s+i\s+able\b|(?<!\p{L})(mog[ęe]|mo[żz]na|da\s+si[ęe])(?!\p{L})|되나요|될까요|돼요|되요|되는지|가능|수\s*있/iu,
);
/** The subjects a permission question does not tell apart (unless it names both: "환불 말고 반품", "a refund or a return"). */
const PERMISSION_FAMILY = ['return', 'refund'];

function topicAgreement(question: string[], sentence: string[], context: string[]): number {
  if (!question.length) return 0;
  let got = 0;
  for (const t of question) got += sentence.includes(t) ? 1 : context.includes(t) ? 0.4 : 0;
  const share = got / question.length;
  if (share === 0) return sentence.length ? -1 : 0;
  // The sentence's subject is another topic ("Zwrot środków…" answering about returning goods).
  if (sentence.length && !question.includes(sentence[0]!)) return share - 1;
  return share;
}

// Interrogatives not in the tokeniser's stop list (they carry no topic).
// Korean light-verb forms ("해야 하나요", "하면 되나요") say nothing about the topic either.
const QUESTION_WORDS = new Set([
  "what's",
  'what’s',
  'kto',
  'komu',
  'kogo',
  'czyj',
  'który',
  'która',
  'które',
  '누가',
  '누구',
  '누구에게',
  '어느',
  'whose',
  '해야',
  '해도',
  '하면',
  '하려면',
  '해요',
  '할까요',
  '되면',
  '돼요',
  '되요',
  '해주세요',
  '하려고',
  '했는데',
  '됐는데',
  '해서',
  '되는',
  '하는',
  // Adverbs that say when or how often, not what about ("if I wore it once" is not "once the liner is removed").
  'once',
  'twice',
  'even',
  'just',
  'still',
  'again',
  'already',
  'ever',
  // "Co teraz?" / "What now?" after the facts asks what to do, not about anything.
  'teraz',
  // "반품할 때" (when I return): a time, not a topic.
  '때',
  '때는',
  // "whats the email", "W jakich godzinach…?", "da się" (is it possible), "coś extra", "wezmę" (I take), "ją"
  // (it), "반품하고 싶은데" (I would like to): no topic either.
  'whats',
  'hows',
  'jakich',
  'jakim',
  'jakiej',
  'jakiego',
  'jakimi',
  'których',
  'której',
  'którym',
  'którego',
  'da',
  'coś',
  'cos',
  'wezmę',
  'wezme',
  'ją',
  '싶은데',
  '싶어요',
  '싶어서',
  '싶습니다',
  '싶은',
  '싶어',
  '싶다',
]);
/** A question asking for an e-mail (address). */
const EMAIL_Q = loose(/(?<!\p{L})e-?mail|(?<!\p{L})maila?(?!\p{L})|이메일|메일/iu);
/** A question word naming the e-mail or its address: "email", "e-mail", "mail", "address", "adres(u)", "이메일", "메일", "주소". */
const EMAIL_WORD = loose(
  /^(e-?mail\p{L}*|e|mail\p{L}*|address\p{L}*|adres\p{L}*|이메일\S*|메일\S*|주소\S*)$/iu,
);
/** An e-mail address written out. */
const EMAIL_ADDRESS = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/u;
/** A Korean request to be told ("알려주세요", "알려주세여", "알려줘", "가르쳐 주세요"): no topic. */
const KO_REQUEST = /^(알려|가르쳐)/u;

/**
 * Polish "zwrot" is both a return (of goods) and a refund: "zwrot pieniędzy / środków / kosztów /
 * należności / płatności / kwoty" is money coming back. The word takes its sense from the word after
 * it: in the refund sense its terms become REFUND_SENSE, so a refund question is not answered by a
 * return-window sentence (and a return question not by a refund-timing one) just because both say
 * "zwrot". Retrieval is not affected (BM25 and the embedder keep the plain terms).
 */
const REFUND_SENSE = '~refund';
const REFUND_OBJECT = /^(pieni|srodk|koszt|naleznos|platnos|kwot)/;

function sensedTokens(text: string): { words: WordToken[]; phrases: string[][]; opaque: boolean[] } {
  const words = wordTokens(text);
  // Glossary phrases ("zwrot pieniędzy", "customer service", "결제 수단") by the words they span, found
  // before the sense of "zwrot" replaces its terms. The words of a phrase that names something else
  // ("gift card": not a gift, not a payment card) stand only for the phrase.
  const phrases: string[][] = words.map(() => []);
  const opaque = words.map(() => false);
  for (const p of phraseMatches(words))
    for (let i = p.from; i <= p.to; i++) {
      phrases[i]!.push(p.key);
      if (isOpaquePhrase(p.key)) opaque[i] = true;
    }
  for (let i = 0; i + 1 < words.length; i++) {
    const w = words[i]!;
    if (!/^zwrot/iu.test(w.surface)) continue;
    if (REFUND_OBJECT.test(fold(words[i + 1]!.surface))) w.terms = [REFUND_SENSE];
  }
  return { words, phrases, opaque };
}

/** Glossary relatives of a term, by sense for "zwrot" (return sense: returns only; refund sense: refunds only). */
function relativesOf(term: string): string[] {
  if (term === REFUND_SENSE)
    return related('refund')
      .filter((r) => r !== 'zwrot')
      .concat('refund');
  if (term === 'zwrot') return related('return').concat('return');
  return related(term);
}

/**
 * A sentence that continues the rule before it with an exception or a later case: "But…", "However…", "From the
 * second exchange…", "Jednak…", "Kolejne…", "단, …", "다만…", "두 번째 교환부터는…".
 */
/**
 * Whether a sentence goes on about what the sentence before it names: its first word is there ("적립금 유효기간은
 * 1년입니다." after "…적립금을 선택하시면…"), not a contrasting case ("Opened tins…" after "Unopened tins…").
 */
function sameSubject(sentence: string, before: Set<string>): boolean {
  const first = wordTokens(sentence).find((w) => !w.stop && w.terms.length);
  return first !== undefined && before.has(first.terms[0]!);
}

const CONTINUATION = loose(
  /^\s*(but|however|except|unless|from the (second|2nd|third|3rd|next)|any (further|additional|later)|jednak|ale|lecz|natomiast|z wyjątkiem|kolejn\p{L}*|następn\p{L}*|od (drugiej|drugiego|kolejnej|kolejnego|następnej))(?!\p{L})|^\s*(단[,\s]|다만|하지만|그러나|그런데|(두|세)\s*번째|[2-9]\s*(번째|회차|회째))/iu,
);

/**
 * Weight (× the rarest term's idf) of a word the documents lack that names the product returned or exchanged,
 * or what it is exchanged for: the rule for returns applies to any product unless the documents name it.
 */
const PRODUCT_WEIGHT = 0.1;
/** What an exchange is for: "exchange it for a bigger size", "wymienić na większy", "to swap into". */
const TARGET_WORDS = new Set(['for', 'into', 'na', 'za']);
/** Words between a verb and its object: "return my / these / the jacket", "wymienić moją kurtkę". */
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'my',
  'this',
  'these',
  'those',
  'that',
  'your',
  'our',
  'its',
  'their',
  'his',
  'her',
  'moj',
  'moja',
  'moje',
  'moich',
  'ten',
  'ta',
  'te',
  'tego',
  'swoj',
  'swoja',
  'swoje',
]);
/** A Korean object or target: "재킷을", "신발를", "큰 사이즈로". */
const KO_OBJECT = /[\uac00-\ud7af](을|를|로)$/u;

/**
 * Whether the question word at `i` names what is returned or exchanged, or what for: the word after a return /
 * exchange verb or after "for" / "na" in an exchange question (determiners and adjacent such words between:
 * "exchange my wool jacket for a bigger size", "wymienić kurtkę na większy rozmiar"), or in Korean an object
 * or target before the return / exchange word ("재킷을 더 큰 사이즈로 교환").
 */
function productObject(words: WordToken[], i: number, topics: string[], objects: Set<number>): boolean {
  const exchange = topics.includes('exchange');
  if (!topics.includes('return') && !exchange) return false;
  const isVerb = (w: WordToken) => TOPICS.return!.test(w.surface) || TOPICS.exchange!.test(w.surface);
  const w = words[i]!;
  if (HANGUL.test(w.surface)) {
    const next = words[i + 1];
    return (KO_OBJECT.test(w.surface) || Boolean(next && isVerb(next))) && words.slice(i + 1).some(isVerb);
  }
  for (let j = i - 1; j >= 0; j--) {
    const prev = words[j]!;
    const folded = fold(prev.surface);
    if (exchange && TARGET_WORDS.has(folded)) return true;
    if (DETERMINERS.has(folded)) continue;
    return isVerb(prev) || (j === i - 1 && objects.has(j));
  }
  return false;
}

/** Rank weight of the item exchanged, in a question that says what for (see questionWords). */
const OBJECT_RANK = 1.3;

/** Whether the question word at `i` is in what is exchanged: after the exchange verb, before "for / na" ("exchange assembled furniture for…"). */
function exchangeObject(words: WordToken[], i: number): boolean {
  if (HANGUL.test(words[i]!.surface)) return /[\uac00-\ud7af](을|를)$/u.test(words[i]!.surface);
  for (let j = i - 1; j >= 0; j--) {
    if (TARGET_WORDS.has(fold(words[j]!.surface))) return false;
    if (TOPICS.exchange!.test(words[j]!.surface)) return true;
  }
  return false;
}

/**
 * Whether the question word at `i` says what an exchange is for: after "for / into / na / za" that follows the
 * exchange verb (determiners and qualifying words between: "for a different colour"), or in Korean marked
 * with 로 before the exchange word ("다른 색상으로 교환").
 */
function exchangeTarget(words: WordToken[], i: number): boolean {
  const w = words[i]!;
  const exchange = (x: WordToken) => TOPICS.exchange!.test(x.surface);
  if (HANGUL.test(w.surface))
    return /[\uac00-\ud7af](으로|로)$/u.test(w.surface) && words.slice(i + 1).some(exchange);
  for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
    const prev = words[j]!;
    if (TARGET_WORDS.has(fold(prev.surface))) return words.slice(0, j).some(exchange);
    if (exchange(prev)) return false;
  }
  return false;
}

/** The glossary's damage concept, by its own stem and its relatives ("cracked", "stłuczony", "깨진" ≈ "damaged"). */
let damageTerms: Set<string> | undefined;
function isDamageWord(w: WordToken): boolean {
  damageTerms ??= new Set(['damag', ...related('damag')]);
  return !w.stop && w.terms.some((t) => damageTerms!.has(t));
}
/** Terms of arriving ("arrived", "dotarł", "도착"): "the vase arrived cracked" links the vase to its damage. */
let arrivalTerms: Set<string> | undefined;
function isArrivalWord(w: WordToken): boolean {
  arrivalTerms ??= new Set(['deliver', ...related('deliver')]);
  return w.terms.some((t) => arrivalTerms!.has(t));
}

/**
 * Whether the question word at `i` names the thing said to be damaged: next to a damage word ("cracked vase",
 * "컵이 깨져서", "stłuczony kubek") or one linking word away ("the glass came chipped", "my mug is cracked",
 * "kubek przyszedł stłuczony", "the vase arrived cracked"), in the same sentence. A damage rule applies to any
 * product, as a return rule does: the documents not naming the product says nothing about whether they cover it.
 */
function damagedItem(words: WordToken[], i: number, text: string): boolean {
  const w = words[i]!;
  for (const j of [i - 2, i - 1, i + 1, i + 2]) {
    const other = words[j];
    if (!other || !isDamageWord(other)) continue;
    const [a, b] = j < i ? [other, w] : [w, other];
    if (/[.!?;]/u.test(text.slice(a.index + a.surface.length, b.index))) continue;
    const between = words[(i + j) / 2];
    if (Math.abs(i - j) === 1 || between!.stop || isArrivalWord(between!)) return true;
  }
  // "the vase from DD3012 arrived with a crack in it", "stół przyszedł z pęknięciem": the item is what arrived.
  for (let a = i + 1; a <= i + 4 && a < words.length; a++) {
    if (!isArrivalWord(words[a]!)) continue;
    for (let j = a + 1; j <= a + 4 && j < words.length; j++) {
      if (/[.!?;]/u.test(text.slice(w.index, words[j]!.index))) break;
      if (isDamageWord(words[j]!)) return true;
    }
  }
  return false;
}

/** Terms of the shop's name: in the titles of two documents or more, not in the glossary, no topic. */
function shopNameTerms(hits: ScoredChunk[]): Set<string> {
  const titles = new Map<string, string>();
  for (const h of hits) titles.set(h.chunk.documentId, h.chunk.title);
  const seen = new Map<string, number>();
  for (const title of titles.values())
    for (const w of wordTokens(title))
      if (!w.stop && w.terms[0] && !Object.values(TOPICS).some((re) => re.test(w.surface)))
        for (const t of new Set(w.terms.filter((x) => !x.startsWith('^'))))
          seen.set(t, (seen.get(t) ?? 0) + 1);
  return new Set([...seen].filter(([t, n]) => n >= 2 && !related(t).length).map(([t]) => t));
}

/** The Latin-script words of the retrieved text (folded) and their stems. */
function textVocabulary(hits: ScoredChunk[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of hits)
    for (const w of wordTokens(h.chunk.text))
      if (!w.stop && w.terms[0] && !HANGUL.test(w.surface)) out.set(fold(w.surface), w.terms[0]);
  return out;
}

/**
 * Another inflection of a word: a word of the retrieved text sharing at least three quarters of the longer one's
 * letters from the start (four at least) — "folie" / "folii", "zamontowałem" / "zamontowane", "rękawiczki" /
 * "rękawiczek" — not "dostanę" / "dostarczenia".
 */
function inflections(folded: string, vocabulary: Map<string, string>): string[] {
  if (folded.length < 4 || !/^\p{L}+$/u.test(folded)) return [];
  const out: string[] = [];
  for (const [word, term] of vocabulary) {
    const need = Math.max(4, Math.ceil(0.75 * Math.max(word.length, folded.length)));
    if (word.length < need || folded.length < need || word === folded) continue;
    if (word.slice(0, need) === folded.slice(0, need)) out.push(term);
  }
  return out;
}

/**
 * Another matter than returning, exchanging, refunding or shipping: a warranty, a repair, care of the product.
 * A sentence about it may name a product ("Our lifetime warranty on tents and poles is handled by our warranty
 * team, not through returns") without saying anything about returning it.
 */
const OTHER_MATTER = loose(
  /\b(warrant(y|ies)|guarantee[ds]?|repairs?|repaired|care instructions)\b|(?<!\p{L})(gwarancj\p{L}*|rękojm\p{L}*|napraw\p{L}*|pielęgnacj\p{L}*)|보증|수리|수선|A\/S|애프터\s*서비스/iu,
);
/** How much a sentence about another matter (see OTHER_MATTER) loses when the question is not about it. */
const MATTER_PENALTY = 0.3;

/**
 * The terms of the retrieved sentences that are not about another matter (see OTHER_MATTER): a product the
 * documents name only in a warranty or repair sentence has no return rule of its own.
 */
function ruleVocabulary(hits: ScoredChunk[]): Set<string> {
  const out = new Set<string>();
  for (const h of hits)
    for (const c of chunkSentences(h.chunk.text))
      if (!OTHER_MATTER.test(c.sentence))
        for (const t of [...termSet(c.sentence), ...termSet(c.sentence, false)]) out.add(t);
  return out;
}

function questionWords(
  question: string,
  stats: CorpusStats,
  maxIdf: number,
  type: QuestionType,
  questionTopics: string[],
  vocabulary: Map<string, string> = new Map(),
  ruleTerms?: Set<string>,
): QueryWord[] {
  const out: QueryWord[] = [];
  const cueWord =
    type === 'duration'
      ? DURATION_WORD
      : type === 'cost'
        ? COST_WORD
        : type === 'payer'
          ? PAY_WORD
          : type === 'charge'
            ? CHARGE_WORD
            : type === 'overview'
              ? OVERVIEW_WORD
              : type === 'hours'
                ? HOURS_WORD
                : type === 'count'
                  ? COUNT_WORD
                  : undefined;
  const sensed = sensedTokens(question);
  const objects = new Set<number>();
  const products: QueryWord[] = [];
  const narrative = narrativeWords(sensed.words);
  sensed.words.forEach((w, i) => {
    if (narrative.has(i)) return;
    const cue = Boolean(cueWord?.test(w.surface));
    // "policy" / "zasady" / "정책" in an overview question is met by the section about its subject, not by
    // a sentence that says "policy" ("Our shipping policy applies to orders within the United States.").
    if (cue && (w.terms.length === 0 || type === 'overview')) {
      out.push({
        terms: new Set(),
        own: new Set(),
        weight: 0.5 * maxIdf,
        rankWeight: 0.5 * maxIdf,
        cue,
        topics: [],
        unknown: false,
        at: i,
        product: false,
      });
      return;
    }
    if (w.stop || w.terms.length === 0) return;
    const set = new Set<string>();
    const own = new Set<string>();
    // Korean: only the bare word and bigrams inside it ("매장에서" → 매장, not the particle's "에서").
    const bare = w.terms[0]!;
    const hangul = HANGUL.test(w.surface) && bare.length < w.surface.length;
    const opaque = sensed.opaque[i]!;
    for (const t of opaque ? [] : hangul ? w.terms.filter((x, i) => i === 0 || bare.includes(x)) : w.terms) {
      set.add(t);
      own.add(t);
      for (const r of relativesOf(t)) set.add(r);
    }
    // A glossary phrase the word is part of stands for its concept as a whole ("customer service" ≈
    // "email"); its words alone do not.
    for (const key of sensed.phrases[i]!) {
      set.add(key);
      own.add(key);
      for (const r of related(key)) set.add(r);
    }
    // A word the documents spell in another inflection ("folie" / "folii", "zamontowałem" / "zamontowane"): the
    // retrieved text's words that share most of it (see inflections) stand for it, as relatives.
    if (!hangul && !opaque && !w.terms.includes(REFUND_SENSE) && ![...set].some((t) => stats.df(t) > 0))
      for (const t of inflections(fold(w.surface), vocabulary)) set.add(t);
    // A word the knowledge base has never seen (in any form) is the strongest evidence that
    // the question is about something else: it weighs as much as the rarest known word.
    if (QUESTION_WORDS.has(w.surface.toLowerCase()) || KO_REQUEST.test(w.surface)) return;
    const known = [...set].filter((t) => t !== REFUND_SENSE && stats.df(t) > 0);
    // A name the documents never mention ("Chicago", "Krakowie") means the question is about something
    // they do not cover: it outweighs everything else, so only a sentence naming it could answer.
    // In Korean, a word the documents never use just before a delivery word is where to ("제주도 배송", "일본으로
    // 배송되나요?"): a name as well.
    const next = sensed.words[i + 1];
    const named =
      !known.length &&
      ((w.index > 0 && /^\p{Lu}\p{Ll}/u.test(w.surface)) ||
        boughtWhere(sensed.words, i) ||
        (HANGUL.test(w.surface) && next !== undefined && /^(배송|발송|택배|출고)/u.test(next.surface)));
    // Unless it is the thing being returned or exchanged ("exchange my jacket", "wymienić kurtkę", "재킷을
    // … 교환") or the thing that came damaged ("the glass came chipped"): a product the rule applies to, not
    // another subject.
    // A product the documents name only where they speak of another matter ("Our lifetime warranty on tents…"
    // for "How many days do I have to return a tent?") has no rule of its own here: the general rule answers.
    const ruleless = known.length > 0 && ruleTerms !== undefined && !known.some((t) => ruleTerms.has(t));
    if (
      (!known.length || ruleless) &&
      !named &&
      !cue &&
      (productObject(sensed.words, i, questionTopics, objects) || damagedItem(sensed.words, i, question))
    )
      objects.add(i);
    const weight =
      known.length && !objects.has(i)
        ? Math.max(...known.map((t) => stats.idf(t)))
        : (named ? 2 : objects.has(i) ? PRODUCT_WEIGHT : 0.8) * maxIdf;
    let w8 = Math.max(weight, 0.1);
    if (cue) w8 = Math.min(w8, 0.5 * maxIdf);
    // For choosing the sentence (not for the refusal threshold): the question's topic word ("반품은",
    // "zwrot", "refund") is its most important content word even though the documents repeat it
    // everywhere; one-syllable Korean stems ("안에" → 안, "후") are generic.
    let rank = w8;
    if (!cue && !opaque && Object.values(TOPICS).some((re) => re.test(w.surface)))
      rank = Math.max(w8, maxIdf);
    else if (hangul && bare.length === 1) rank = w8 * 0.3;
    // The question's topics this word names ("zwrot" before "pieniędzy" names the refund, not a return).
    const topics = cue || opaque ? [] : topicsOf(w.surface).filter((t) => questionTopics.includes(t));
    const unknown = !known.length && !cue && !objects.has(i);
    const word: QueryWord = {
      terms: set,
      own,
      weight: w8,
      rankWeight: rank,
      cue,
      topics,
      unknown,
      at: i,
      product: objects.has(i),
      ...(HANGUL.test(w.surface) ? { ko: { bare, stem: koStem(w.surface) } } : {}),
    };
    if (objects.has(i)) products.push(word);
    out.push(word);
  });
  // An exchange question naming what is exchanged and what for ("Can I exchange assembled furniture for a different
  // colour?"): a rule is about the item exchanged, so when ranking its words weigh more than the target's
  // ("assembled furniture cannot be returned" over "furniture customised to your size or colour…").
  if (questionTopics.includes('exchange') && out.some((w) => exchangeTarget(sensed.words, w.at)))
    for (const w of out)
      if (!w.cue && !w.unknown && !w.product && exchangeObject(sensed.words, w.at))
        w.rankWeight *= OBJECT_RANK;
  // The words naming the product ("my wool jacket") are one thing: together they weigh as much as one.
  for (const p of products) {
    p.weight /= products.length;
    p.rankWeight /= products.length;
  }
  return out;
}

/** Whether a text matches one content word of the question at most, and that one only through a relative. */
function thinMatch(words: QueryWord[], text: Set<string>): boolean {
  const content = words.filter((w) => !w.cue);
  if (content.some((w) => [...w.own].some((t) => text.has(t)))) return false;
  return content.filter((w) => [...w.terms].some((t) => text.has(t))).length <= 1;
}

/**
 * Whether a text has a Korean noun: as a word of its own (particles off), or, for a compound, all of its syllable
 * pairs (inside a longer word: "택배사" in "택배사에서"). "배송지" is not in "배송 안내", "현금영수증" not in "선물 영수증",
 * "네이버페이" not in "마이페이지": a part of a compound names something else.
 */
function koContains(text: Set<string>, noun: string): boolean {
  if (text.has(noun)) return true;
  if (noun.length < 3) return false;
  for (let i = 0; i + 1 < noun.length; i++) if (!text.has(noun.slice(i, i + 2))) return false;
  return true;
}
/** A Korean compound matched only in part (a syllable pair of it: "적립률" ~ "적립금"): part of a hit. */
const KO_PART_HIT = 0.5;

function coverage(
  words: QueryWord[],
  text: Set<string>,
  context: Set<string>,
  typed: boolean,
  ranking = false,
  relativeHit = 1,
  topical?: { modifier: boolean; core: Set<string>; heading?: Set<string> },
): number {
  let total = 0;
  let got = 0;
  for (const w of words) {
    const weight = ranking ? w.rankWeight : w.weight;
    total += weight;
    let hit = w.cue && typed ? 1 : 0;
    let inText = false;
    let inCore = false;
    let inHeading = false;
    // A Korean word's syllable pairs stand for it only when they make up the noun it is built on.
    let whole: boolean | undefined;
    const part = (t: string, h: number) => {
      if (h < 1 || !w.ko || t === w.ko.bare || !w.own.has(t) || !HANGUL.test(t)) return h;
      whole ??= koContains(text, w.ko.stem);
      return whole ? h : KO_PART_HIT;
    };
    for (const t of w.terms) {
      if (topical?.core.has(t)) inCore = true;
      if (text.has(t)) {
        inText = true;
        hit = Math.max(hit, part(t, t.startsWith('^') ? 0.7 : !w.own.has(t) ? relativeHit : 1));
        if (hit === 1 && (inCore || !topical)) break;
      } else if (context.has(t)) {
        hit = Math.max(hit, 0.6);
        if (topical?.heading?.has(t)) inHeading = true;
      }
    }
    if (topical && w.topics.length) {
      if (inText && !inCore && topical.modifier) hit = Math.min(hit, MODIFIER_HIT);
      else if (!inText && inHeading) hit = Math.max(hit, TOPIC_HEADING_HIT);
    }
    got += hit * weight;
  }
  return total > 0 ? got / total : 0;
}

/**
 * The sentences of a chunk that can answer, each with the FAQ question or bold line heading it. A line
 * that is only bold text ("**Store credit**") or a question ("Can I send something back?") heads
 * what follows and is not itself an answer; a bare "Yes." or "네." says nothing without its question.
 * Sentences under different headings are not neighbours (index leaves a gap).
 */
function chunkSentences(text: string): ChunkSentence[] {
  const out: ChunkSentence[] = [];
  let heading = '';
  let index = 0;
  let first = true;
  // The line before a list: it introduces the items ("We don't accept:", "Czego nie przyjmujemy").
  let before = '';
  // The levels of the list being read: a nested list ("2. To start a return:" then "   1. Sign in…", or
  // "2. 다음 각 호의 경우…" then "가. …") is introduced by the item above it.
  let levels: { indent: number; kind: string; leadIn: string }[] = [];
  let previousItem = '';
  // The first line of the table being read (consecutive rows are one table).
  let table = 0;
  let lastRow = -1;
  let blank = false;
  const lines = text.split('\n');
  lines.forEach((line, at) => {
    const lineNo = at + 1;
    const bare = line.trim();
    if (!bare) {
      blank = true;
      return;
    }
    const adjacent = !blank;
    blank = false;
    // An FAQ's question line ("Q. 이어폰을 물에 빠뜨렸어요.", "Pytanie: …", "**Q:** …") heads its answer, whatever
    // it ends with; the answer line's marker ("A.", "Odpowiedź:", "답변:") is not part of the answer.
    const next = lines.slice(at + 1).find((l) => l.trim());
    const faqQuestion = faqQuestionLine(bare, next);
    const content = faqQuestion ? bare : bare.replace(FAQ_ANSWER, '');
    const parts = sentences(content);
    const plain = (faqQuestion ?? content)
      .replace(/^#+\s+/, '')
      .replace(/^(\*\*|__)(.+)\1:?$/u, '$2')
      .trim();
    const isHeading =
      faqQuestion !== undefined ||
      /^#+\s/.test(bare) ||
      /^(\*\*|__)[^*_].*(\*\*|__):?$/u.test(bare) ||
      (parts.length === 1 && /[?？]$/u.test(plain));
    if (isHeading) {
      heading = plain;
      index += 2;
      first = true;
      before = '';
      levels = [];
      return;
    }
    const item = LIST_ITEM.test(line);
    if (item) {
      const indent = /^\s*/.exec(line)![0].length;
      const kind = itemKind(bare);
      const top = levels[levels.length - 1];
      if (!top)
        // The line just above the list, or one ending in a colon ("These items cannot be returned:"); a
        // paragraph set apart from the list is not its lead-in, the heading is.
        levels = [{ indent, kind, leadIn: adjacent || /[:：]$/u.test(before) ? before : '' }];
      else if (indent > top.indent || (indent === top.indent && kind !== top.kind)) {
        // Back to an outer level ("3." after "   2." or after "다."), or a list nested in the item above.
        const outer = levels.findIndex((l) => l.kind === kind && l.indent <= indent);
        if (outer >= 0 && indent <= top.indent) levels = levels.slice(0, outer + 1);
        else levels.push({ indent, kind, leadIn: previousItem });
      } else if (indent < top.indent) {
        while (levels.length > 1 && levels[levels.length - 1]!.indent > indent) levels.pop();
      }
    } else levels = [];
    const leadIn = item ? levels[levels.length - 1]!.leadIn : undefined;
    // A line ending in a colon that opens a list ("2. To start a return:") introduces its items: it says
    // nothing by itself.
    const introduces = /[:：]$/u.test(bare) && next !== undefined && LIST_ITEM.test(next);
    // A table row carries its column headers ("Method: Courier; Cost: $15"); like a list item it is one
    // case among several, never the continuation of the row next to it.
    const row = !item && TABLE_ROW.test(bare);
    if (row) {
      if (lastRow !== lineNo - 1) table = lineNo;
      lastRow = lineNo;
    }
    const rowKey = row ? /^[^:;]{1,80}: ([^;]+);/u.exec(bare)?.[1]?.trim() : undefined;
    if (!introduces)
      for (const sentence of parts) {
        if (isContentFree(sentence)) continue;
        out.push({
          sentence,
          index: index++,
          line: lineNo,
          heading,
          first,
          item: item || row,
          leadIn,
          ...(row ? { table, rowKey } : {}),
        });
        first = false;
      }
    if (item) previousItem = stripMarker(bare);
    if (!item) before = parts.length === 1 && bare.length <= 160 ? plain : '';
  });
  return out;
}

/** An FAQ's question marker: "Q.", "Q:", "Q1.", "**Q:**", "**Q**", "Question:", "Pytanie:", "P:", "질문:", "문." */
const FAQ_QUESTION =
  /^(?:\*\*|__)?\s*(q|question|pytanie|p|질문|문)\s*\d{0,3}\s*(?:[.:：]\s*(?:\*\*|__)?|(?:\*\*|__))\s*(?=\S)/iu;
/** An FAQ's answer marker: "A.", "A:", "**A:**", "Answer:", "Odpowiedź:", "Odp.", "O:", "답변:", "답:". */
const FAQ_ANSWER =
  /^(?:\*\*|__)?\s*(?:a|answer|odpowied[źz]|odp|o|답변|답)\s*\d{0,3}\s*(?:[.:：]\s*(?:\*\*|__)?|(?:\*\*|__))\s*(?=\S)/iu;

/**
 * The question an FAQ line asks, without its marker, when the line is one: "Q." and the like always; a letter
 * that could start a sentence ("P.", "O.") only when the next line answers ("O: …").
 */
function faqQuestionLine(line: string, next: string | undefined): string | undefined {
  const m = FAQ_QUESTION.exec(line);
  // A table row with a "Question" column ("Question: …; Answer: …") is a question and its answer.
  if (!m || /^[^:;]{1,80}: [^;]+; [^:;]{1,80}: /u.test(line)) return undefined;
  const label = m[1]!.toLowerCase();
  if (label === 'p' && !(next !== undefined && FAQ_ANSWER.test(next.trim()))) return undefined;
  const rest = line
    .slice(m[0].length)
    .replace(/(\*\*|__)$/u, '')
    .trim();
  return rest || undefined;
}

/** A table row that stands for every case the other rows do not name ("Everywhere else", "Pozostałe kraje", "기타 지역"). */
const CATCH_ALL =
  /\b(everywhere else|elsewhere|all other|any other|other (countries|regions|destinations|locations|carriers|methods|items|products|cases)|rest of (the )?(world|europe|eu)|others?)\b|(?<!\p{L})(pozostał\p{L}*|inne|reszta|wszędzie indziej|wszystkie inne)(?!\p{L})|기타|그\s*외|나머지/iu;

/** A row's key cell that names a case (a country, a carrier, a product type), not a question or a sentence. */
function isKeyCell(key: string | undefined): key is string {
  return key !== undefined && !/[?？.!]/u.test(key) && key.trim().split(/\s+/u).length <= 4;
}

type RowCandidate = {
  hit: ScoredChunk;
  line: number;
  index: number;
  text: string;
  table?: number;
  rowKey?: string;
  cov: number;
  score: number;
  terms: Set<string>;
  context: Set<string>;
};

/**
 * The rows of a table whose first column names cases ("Country: Norway; Return label: free"): the row whose key
 * the question names answers it, not another row that happens to state an amount. A question naming a case the
 * table has no row for ("…from Germany?", a word the documents never use) gets the catch-all row ("Everywhere
 * else") if there is one (in the question's language: in another, the word may name a listed case), else no row. Returns the hits whose tables were decided by a named or unknown case.
 */
function keyedRows(
  candidates: RowCandidate[],
  words: QueryWord[],
  threshold: number,
  language: string,
): Set<ScoredChunk> {
  const decided = new Set<ScoredChunk>();
  const tables = new Map<string, RowCandidate[]>();
  for (const c of candidates) {
    if (c.table === undefined || !isKeyCell(c.rowKey)) continue;
    const id = `${c.hit.chunk.id}\u0000${c.table}`;
    tables.set(id, [...(tables.get(id) ?? []), c]);
  }
  for (const rows of tables.values()) {
    const keys = new Map<number, Set<string>>();
    for (const r of rows) if (!keys.has(r.line)) keys.set(r.line, termSet(r.rowKey!));
    if (keys.size < 2) continue;
    const allHave = (t: string) => [...keys.values()].every((k) => k.has(t));
    const content = words.filter((w) => !w.cue);
    const named = new Set(
      [...keys]
        .filter(([, k]) => content.some((w) => [...w.terms].some((t) => k.has(t) && !allHave(t))))
        .map(([l]) => l),
    );
    const exclude = (r: RowCandidate) => {
      r.cov = 0;
      r.score -= 1;
    };
    if (named.size) {
      for (const r of rows) if (!named.has(r.line)) exclude(r);
      decided.add(rows[0]!.hit);
      continue;
    }
    // A case the table does not list: a word of the question no row, heading or document mentions.
    const missing = content.filter(
      (w) => w.unknown && !rows.some((r) => [...w.terms].some((t) => r.terms.has(t) || r.context.has(t))),
    );
    if (!missing.length) continue;
    decided.add(rows[0]!.hit);
    // In another language the word may be a row's key translated ("Szwecji" for "Sweden"): no row then.
    const sameLanguage = rows[0]!.hit.chunk.language === language;
    for (const r of rows) {
      if (!sameLanguage || !CATCH_ALL.test(r.rowKey!)) {
        exclude(r);
        continue;
      }
      // "Everywhere else" is where the question's place is.
      const rest = words.filter((w) => !missing.includes(w));
      const cov = coverage(rest, r.terms, r.context, true);
      if (cov >= threshold && cov > r.cov) {
        r.score += cov - r.cov;
        r.cov = cov;
      }
    }
  }
  return decided;
}

/** All the rows of the best row's table (at most 8), in order, when they are the answer together. */
function tableRows<T extends RowCandidate>(candidates: T[], best: T): T[] {
  const rows = candidates
    .filter((c) => c.hit === best.hit && c.table === best.table && isKeyCell(c.rowKey))
    .sort((a, b) => a.index - b.index)
    .filter((c, i, all) => i === 0 || all[i - 1]!.line !== c.line);
  return isKeyCell(best.rowKey) && rows.length <= 8 ? rows : [];
}

/** The kind of a list marker: "-", "1.", "1)", "가.", "①", "(a)"… (a change of kind nests a list). */
function itemKind(line: string): string {
  const body = line.replace(/^[-*•]\s+(?=\S)/u, '');
  const m =
    /^(\d+[.)]|[\uac00-\ud7a3][.)]|[\u2460-\u2473\u3260-\u327b]|\(\s*\d+\s*\)|\(\s*[a-z]\s*\)|[a-z]\)|\(\s*[\uac00-\ud7a3]\s*\))/u.exec(
      body,
    );
  if (!m) return line[0]!;
  return m[1]!
    .replace(/\d+/g, '1')
    .replace(/[\uac00-\ud7a3]/gu, '가')
    .replace(/[a-z]/g, 'a')
    .replace(/[\u2460-\u2473\u3260-\u327b]/gu, '①')
    .replace(/\s+/g, '');
}

function stripMarker(line: string): string {
  return line.replace(LIST_ITEM, '').replace(ENUMERATOR, '').trim();
}

type ChunkSentence = {
  sentence: string;
  index: number;
  /** The line it is on: the sentences of one list item or table row are one case. */
  line: number;
  heading: string;
  first: boolean;
  /** A list item or a table row: one case among several. */
  item: boolean;
  /** For a list item, the line that introduced the list (empty when the list opens the chunk). */
  leadIn?: string;
  /** For a table row: the line of the table's first row, and its first (key) cell ("Norway"). */
  table?: number;
  rowKey?: string;
};

const LIST_ITEM = new RegExp(
  String.raw`^\s*(?:(?:[-*•]|\d+[.)])\s+|` + ENUMERATOR.source.slice(1) + ')',
  'u',
);
const TABLE_ROW = /^[^:;]{1,80}: [^;]+(?:; [^:;]{1,80}: [^;]+)+$/u;

/**
 * A list item read alone ("kubków z personalizacją (grawerem),") says nothing: it is given with what
 * introduces its list — the line before it, or else its heading ("Czego nie przyjmujemy: kubków z …").
 */
/** A whole sentence: three words or more, ending as a sentence ends ("…od dnia doręczenia.", "…환불됩니다."). */
function readsAlone(sentence: string): boolean {
  const s = sentence.trim();
  return /[.!?。！？]["”’)]*$/u.test(s) && s.split(/\s+/u).length >= 3;
}

function withLeadIn(item: string, leadIn: string): string {
  const lead = leadIn
    .replace(/[*_]+/g, '')
    .replace(/[\s:：.,;。]+$/u, '')
    .trim();
  const body = item.replace(/[\s,;]+$/u, '');
  return lead ? `${lead}: ${body}` : body;
}

/**
 * The terms a sentence's words stand for as themselves: a Korean word contributes only the terms it starts
 * with ("배송비는" → 배송비, 배송), not one inside a longer compound ("오배송" is a wrong delivery, not 배송).
 */
function coreTerms(text: string): Set<string> {
  const s = new Set<string>();
  const { words, phrases, opaque } = sensedTokens(text);
  words.forEach((w, i) => {
    if (opaque[i]) return;
    const folded = fold(w.surface);
    for (const t of w.terms) if (!HANGUL.test(w.surface) || folded.startsWith(t)) s.add(t);
  });
  for (const keys of phrases) for (const k of keys) s.add(k);
  return s;
}

/** A text's terms, with the keys of the glossary phrases it contains. */
function termSet(text: string, sensed = true): Set<string> {
  const s = new Set<string>();
  if (!sensed) {
    for (const w of wordTokens(text)) for (const t of w.terms) s.add(t);
    return s;
  }
  const { words, phrases, opaque } = sensedTokens(text);
  words.forEach((w, i) => {
    if (!opaque[i]) for (const t of w.terms) s.add(t);
  });
  for (const keys of phrases) for (const k of keys) s.add(k);
  return s;
}

/** Weight of a heading that names what the question asks (see headingNames). */
const HEADING_WEIGHT = 0.15;

/**
 * How well a heading names what the question asks: the share of the question's words (as it weighs them when
 * ranking) the heading has in their own form, times the share of the heading's words the question asks about
 * (its words or their relatives), when it is about all the question's subjects (return, refund, shipping…).
 * "## 반품 기간" for "반품 기간이 어떻게 되나요?": 1; "## 반품 배송비": 2/3 × 1/2.
 */
function headingNames(words: QueryWord[], heading: string, topics: string[]): number {
  const tokens = wordTokens(heading).filter((t) => !t.stop && t.terms.length);
  if (!tokens.length) return 0;
  // Its subject is the question's: "## How much does shipping cost?" does not name "return shipping".
  const headingTopics = topicsOf(heading);
  if (!topics.every((t) => headingTopics.includes(t))) return 0;
  const named = new Set(tokens.flatMap((t) => t.terms));
  for (const keys of sensedTokens(heading).phrases) for (const k of keys) named.add(k);
  let total = 0;
  let got = 0;
  const asked = new Set<string>();
  for (const w of words) {
    total += w.rankWeight;
    if ([...w.own].some((t) => named.has(t))) got += w.rankWeight;
    for (const t of w.terms) asked.add(t);
  }
  if (!total || !got) return 0;
  const covered = tokens.filter((t) => t.terms.some((x) => asked.has(x))).length / tokens.length;
  return (got / total) * covered;
}

/** A sentence without the question's central concept: ranked below those with it (it cannot answer). */
const FOCUS_PENALTY = 0.3;

interface FocusWord {
  /** Terms that name the concept: the word's own (no 4-letter prefixes, except in Polish) and its glossary relatives. */
  terms: Set<string>;
  /** A Korean word's noun ("반품할" → 반품), met only as a whole (see koContains). */
  stem?: string;
  /** A Korean verb's stem ("보내면" → 보내): met by any form of the verb ("보낼 수 없으며"), see koVerbFormOf. */
  verb?: string;
  /**
   * A subject of this domain (return, refund, exchange, shipping, cancel) is met by text about it in any words:
   * "Can I return something I got as a gift?" by "A piece you received as a gift can be exchanged for store
   * credit", "Ile kosztuje wysyłka kurierem?" by "Dostawa … kurierem 15,99 zł", "Czy muszę płacić za wysyłkę
   * zwrotu?" by "koszt odesłania towaru ponosi konsument" (its phrase names the return as well).
   */
  topics: string[];
  /** What is said of the subject ("refunded"): met by the sentence's own topics, not its document's or section's. */
  predicate?: boolean;
}

/** The subjects that stand in for one another as a question's focus: giving goods back and getting money back. */
const TOPIC_FAMILY: Record<string, string[]> = {
  return: ['return', 'exchange', 'refund'],
  exchange: ['exchange', 'return'],
  refund: ['refund', 'return'],
  shipping: ['shipping'],
  cancel: ['cancel'],
};

/** The question's central concept as terms to look for (see focus.ts); none when its form does not say. */
function focusWords(question: string, words: QueryWord[], language: string): FocusWord[] {
  const { words: tokens, phrases } = sensedTokens(question);
  const byToken = new Map(words.map((w) => [w.at, w]));
  const found = questionFocus(tokens, question, {
    cue: (at) => byToken.get(at)?.cue ?? false,
    phrase: (at) => (phrases[at]?.length ?? 0) > 0,
  });
  const out: FocusWord[] = [];
  for (const f of found) {
    const w = byToken.get(f.at);
    // A word the question does not weigh (a question word), the product returned, a cue of the type: no focus.
    if (!w || w.product || w.cue) continue;
    const subject = (text: string) => topicsOf(text).filter((t) => TOPIC_FAMILY[t]);
    // What is said of the subject ("Is the fee refunded?") is met by its own topic only, not the family's
    // ("Returns & Exchanges" does not say a fee is refunded).
    const topics = f.predicate
      ? subject(tokens[f.at]!.surface)
      : subject(f.stem ?? tokens[f.at]!.surface).length
        ? [...new Set(f.span.flatMap((i) => subject(tokens[i]!.surface)).flatMap((t) => TOPIC_FAMILY[t]!))]
        : [];
    if (f.stem && HANGUL.test(f.stem)) {
      const verb = koVerbStem(f.stem);
      out.push({ stem: f.stem, terms: new Set(related(f.stem)), topics, ...(verb ? { verb } : {}) });
      continue;
    }
    out.push({
      terms: new Set([...w.terms].filter((t) => !t.startsWith('^') || language === 'pl')),
      topics,
      ...(f.predicate ? { predicate: true } : {}),
    });
  }
  return out;
}

function focusMet(f: FocusWord, texts: Set<string>[], topics: string[]): boolean {
  return (
    f.topics.some((t) => topics.includes(t)) ||
    texts.some(
      (text) =>
        (f.stem !== undefined && koContains(text, f.stem)) ||
        [...f.terms].some((t) => text.has(t)) ||
        (f.verb !== undefined && [...text].some((t) => koVerbFormOf(t, f.verb!))),
    )
  );
}

/** A heading or title compared loosely: folded, punctuation and dashes off, spaces collapsed. */
function headingKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A citation's section path without the document's title repeated: its first heading is dropped when it is the
 * title or contains it, or is contained in it ("Zasady zwrotów – Rowerek Części" under the title "Zasady
 * zwrotów", "Dahye Living Return & Exchange Policy (English)" under "Dahye Living Return & Exchange Policy");
 * the title is shown with the citation already. A section that is only the title becomes "" (the document).
 */
export function sectionBelowTitle(title: string, section: string): string {
  const path = section.split(' > ');
  const first = headingKey(path[0] ?? '');
  const whole = headingKey(title);
  if (first.length >= 3 && whole.length >= 3 && (first.includes(whole) || whole.includes(first)))
    path.shift();
  return path.join(' > ');
}

/**
 * Extractive, grounded answer: the retrieved sentences that best cover the question (idf-weighted
 * word overlap, section headings as context), with citations. Below the coverage threshold the
 * answer is "not in the knowledge base" (found=false) — never a guess.
 */
export function answerFromHits(
  message: string,
  locale: string,
  hits: ScoredChunk[],
  stats: CorpusStats,
  thresholds: AnswerThresholds = DEFAULT_THRESHOLDS,
): GroundedAnswer {
  // Slips repaired ("반푸ㅁ", "czsu", "retrun") as the search did (TenantIndex.search).
  // A country the documents never name is an order abroad (see abroadNamed), as in the search.
  const question = abroadNamed(
    correctTypos(
      withoutPaymentAside(withoutSmallTalk(message), (t) => stats.df(t) > 0),
      (t) => stats.df(t) > 0,
    ),
    (t) => stats.df(t) > 0,
  );
  const questionLanguage = baseLanguage(locale) || detectLanguage(question);
  const notFound: GroundedAnswer = {
    found: false,
    answer: '',
    citations: [],
    confidence: 0,
    language: questionLanguage,
    evidence: [],
  };
  if (!hits.length) return notFound;
  const maxIdf = Math.max(...[...termSet(question, false)].map((t) => stats.idf(t)), 1);
  const type = questionType(question);
  const questionTopics = topicsOf(question);
  // A permission question about one of giving goods back / getting money back ("환불 되나요?"): the other is the same question.
  const asked = questionTopics.filter((t) => PERMISSION_FAMILY.includes(t));
  // Whether, not when or how much ("환불은 언제 되나요?" asks when the money comes).
  const permission = type === 'other' && PERMISSION_Q.test(question);
  const family = permission && asked.length === 1 ? asked[0] : undefined;
  const inFamily = (topics: string[]) =>
    family ? [...new Set(topics.map((t) => (PERMISSION_FAMILY.includes(t) ? family : t)))] : topics;
  const questionConditions = conditionsMentioned(question);
  // The narrower cases the question names: orders abroad, gifts, a store, members, sale items, defects.
  const questionCases = [...QUALIFIERS.filter((q) => questionTopics.includes(q)), ...questionConditions];
  // "How long does delivery take?": a deadline the shopper is given states a span, but not this one.
  const process =
    (type === 'duration' || type === 'when') && PROCESS_CUES.test(question) && !DEADLINE_Q.test(question);
  // The mirror case: "반품은 며칠 안에 해야 하나요?", "불량 상품은 언제까지 반품할 수 있나요?" ask the shopper's deadline;
  // how long the shop takes to refund or deliver (a span in a refund / shipping sentence that gives the
  // shopper no deadline) is not it.
  const shopperDeadline =
    (type === 'duration' || type === 'when') &&
    !process &&
    (DEADLINE_Q.test(question) ||
      (PERIOD_Q.test(question) && questionTopics.some((t) => SHOPPER_ACTS.includes(t)))) &&
    !questionTopics.some((t) => SHOP_PROCESSES.includes(t));
  // The shop's own name ("…bought on amazon from little fern"): words in the titles of two of its documents or
  // more that are no glossary word. Every sentence saying "at Little Fern" matched them.
  const shopName = shopNameTerms(hits.slice(0, MAX_HITS));
  const words = questionWords(
    question,
    stats,
    maxIdf,
    type,
    questionTopics,
    textVocabulary(hits.slice(0, MAX_HITS)),
    OTHER_MATTER.test(question) ? undefined : ruleVocabulary(hits.slice(0, MAX_HITS)),
  ).filter((w) => !w.own.size || ![...w.own].every((t) => t.startsWith('^') || shopName.has(t)));
  if (!words.length) return notFound;
  if (family)
    for (const w of words)
      if (w.topics.includes(family))
        for (const other of PERMISSION_FAMILY.filter((t) => t !== family))
          for (const r of [other, ...relativesOf(other === 'refund' ? REFUND_SENSE : other)]) w.terms.add(r);
  // The question's central concept ("Can I pay in instalments?" → instalments): a sentence that does not
  // mention it answers another question, whatever else it shares with this one.
  const focus = focusWords(question, words, questionLanguage);
  const amountAsked = type === 'cost' && AMOUNT_Q.test(question);
  // "What is your email address?", "Jaki jest adres e-mail…?", "이메일 주소가 뭐예요?": the words naming the e-mail
  // and its address are met by a sentence that writes one out, whatever it calls it ("kontakt@…").
  const emailWords = EMAIL_Q.test(question)
    ? (() => {
        const tokens = sensedTokens(question).words;
        return words.filter((w) => EMAIL_WORD.test(tokens[w.at]?.surface ?? '')).flatMap((w) => [...w.own]);
      })()
    : [];
  // Where a specific order or parcel is ("Where is my package? Order #3004", "Gdzie jest moja paczka?", "제 택배
  // 어디쯤 왔나요?") is a tracking question: the order's status, never a policy sentence.
  if (ORDER_STATUS.test(question)) return notFound;
  // A question with a word the documents never use ("Do you price match?") is about something they may not
  // cover: a sentence matching just one of its other words, and only through a glossary relative ("price" ≈
  // "fee"), is half a match for the refusal threshold.
  const looseRelative = words.some((w) => w.unknown) ? 0.5 : 1;
  // A question about a warranty, a repair or care (see OTHER_MATTER).
  const askedMatter = OTHER_MATTER.test(question);
  // How to pay ("Czy mogę zapłacić w ratach?", "카카오페이로 결제할 수 있나요?", "Can I pay by bank transfer?") is
  // a subject of its own: only text about paying answers it, not a rule that mentions payment in passing
  // (a shipping fee, a refund to the original payment method, dispatch once payment is confirmed).
  const paymentQuestion =
    type !== 'payer' &&
    type !== 'charge' &&
    PAYMENT.test(question) &&
    !questionTopics.some((t) => PAYMENT_ASIDE.includes(t));
  // What an overview question ("What is your exchange policy?") is about: its words other than "policy".
  const subjectWords = type === 'overview' ? words.filter((w) => !w.cue) : [];
  const subject = {
    // Its own words (a glossary relative is too loose here: "price match" is not "How much does shipping
    // cost?"), or its topic in any language (TOPICS: "exchange" ≈ "## Wymiana").
    terms: subjectWords.flatMap((w) => [...w.own]),
    topics: subjectWords.flatMap((w) => w.topics),
  };
  // Its section: the first one of each document whose heading names the subject (a policy states its
  // rule before the ways to apply it and the exceptions: "Return window" before "How to start a return").
  const opening = new Map<string, number>();
  for (const hit of subjectWords.length ? hits.slice(0, MAX_HITS) : []) {
    const section = hit.chunk.section.split(' > ');
    if (section.length < 2 || !overviewStrength(subject, section.pop()!, true, false)) continue;
    const at = opening.get(hit.chunk.documentId);
    if (at === undefined || hit.chunk.ordinal < at) opening.set(hit.chunk.documentId, hit.chunk.ordinal);
  }

  type Candidate = {
    hit: ScoredChunk;
    rank: number;
    index: number;
    sentence: string;
    /** What the answer says: the sentence, or a list item with its lead-in. */
    text: string;
    item: boolean;
    score: number;
    cov: number;
    strength: number;
    /** The first sentence under its heading, refusing one of the question's topics ("We do not exchange."). */
    opensTopic: boolean;
    line: number;
    /** A variant of a rule for a case the question does not name (members, sale items, defects). */
    variant: boolean;
    /**
     * Scoped to the cases the question names and no other: none for a general question (not a rule for
     * orders abroad, gifts, a store, members, sale items, defects), that case for a question naming one.
     */
    fits: boolean;
    /** Agreement of its topics with the question's (see topicAgreement). */
    topic: number;
    table?: number;
    rowKey?: string;
    terms: Set<string>;
    context: Set<string>;
    /** It points back to the sentence before it ("…; they cannot be refunded", "Nie zwracamy za nią…"). */
    refersBack: boolean;
  };
  const candidates: Candidate[] = [];
  hits.slice(0, MAX_HITS).forEach((hit, rank) => {
    // The innermost heading only: the document title above every section says little about this one.
    const innermost = (hit.chunk.section || hit.chunk.title).split(' > ').pop() ?? '';
    const headed = new Map<
      string,
      {
        names: number;
        context: Set<string>;
        contextTopics: string[];
        headingTerms: Set<string>;
        heading: string;
        scope: string[];
      }
    >();
    // The headings above the sentences (not the document's title, unless it is the only one): a section
    // about a narrower case ("International orders > Costs") scopes every rule in it.
    const sections = (hit.chunk.section || hit.chunk.title).split(' > ');
    const headings = sections.length > 1 ? sections.slice(1) : sections;
    const chunkLines = chunkSentences(hit.chunk.text);
    // The sentences of one list item or table row, together: one case, covered as a whole.
    const itemText = new Map<number, string>();
    for (const c of chunkLines)
      if (c.item) itemText.set(c.line, `${itemText.get(c.line) ?? c.leadIn ?? ''}\n${c.sentence}`);
    chunkLines.forEach(
      ({ sentence, index, line, heading: local, first, item, leadIn, table, rowKey }, at) => {
        // An FAQ's question line ("**Store credit**", "Can I send something back?") heads the lines below it.
        let head = headed.get(local);
        if (!head) {
          const heading = local ? `${innermost}\n${local}` : innermost;
          head = {
            // Headings below the title only: a title names the whole document.
            names: headingNames(
              words,
              sections.length > 1 ? [innermost, local].join('\n') : local,
              questionTopics,
            ),
            context: termSet(`${hit.chunk.title}\n${hit.chunk.section}\n${local}`),
            contextTopics: topicsOf(heading),
            headingTerms: termSet(heading),
            heading,
            scope: topicsOf(mainClause([...headings, local].join('\n'))),
          };
          headed.set(local, head);
        }
        const { contextTopics, headingTerms, heading } = head;
        // A sentence that points back ("Nie zwracamy za nią pieniędzy.", "They cannot be refunded.") is read with the
        // sentence it points to, whose words count as its heading's do; it answers with it.
        const before = chunkLines[at - 1];
        const antecedent =
          !item && before && !before.item && before.index === index - 1 && ANAPHOR.test(sentence)
            ? before
            : undefined;
        const context = antecedent
          ? new Set([...head.context, ...termSet(antecedent.sentence)])
          : head.context;
        // When ranking, the sentence opening its section says what the others in it are about ("Sofas, beds and
        // wardrobes … are collected by a pickup service only. The pickup fee is …").
        const opener =
          !item && !first ? chunkLines.find((c) => c.heading === local && c.first && !c.item) : undefined;
        const ranked = opener ? new Set([...context, ...termSet(opener.sentence)]) : context;
        // The document's intro ("This policy covers every order…") answers an overview question only when
        // no section of the document is about the subject.
        const titleOnly = !local && fold(innermost) === fold(hit.chunk.title);
        const core = withoutSpanAnchors(sentence);
        const coreTopics = topicsOf(core);
        const strength =
          type !== 'overview'
            ? (process && SHOPPER_DEADLINE.test(sentence)) ||
              (shopperDeadline &&
                !SHOPPER_DEADLINE.test(sentence) &&
                (SHOP_HANDLES.test(core) ||
                  topicsOf(core.replace(WRONG_DELIVERY, ' ')).some((t) => SHOP_PROCESSES.includes(t))))
              ? 0
              : typeStrength(type, sentence)
            : titleOnly && opening.has(hit.chunk.documentId)
              ? 0
              : overviewStrength(subject, heading, first, titleOnly) *
                (opening.get(hit.chunk.documentId) === hit.chunk.ordinal ? 1 : 0.5);
        // A list item is read with the line that introduces it ("We don't accept: swimwear").
        const sentenceTerms = termSet(leadIn ? `${leadIn}\n${sentence}` : sentence);
        // An e-mail address written out ("Email help@…", "kontakt@… ", "이메일 help@…") is the address asked for.
        if (emailWords.length && EMAIL_ADDRESS.test(sentence))
          for (const t of emailWords) sentenceTerms.add(t);
        // Delivery only at home answers the words asking about an order abroad ("Wysyłacie do Niemiec?" → "…do
        // zagranicę?"), whatever the sentence calls the home country.
        if (HOME_ONLY.test(sentence))
          for (const w of words)
            if (w.topics.includes('international')) for (const t of w.own) sentenceTerms.add(t);
        // Loose only where a single word of the question matches, and only as a relative.
        const relativeOnly = looseRelative < 1 && thinMatch(words, sentenceTerms);
        let cov = coverage(
          words,
          sentenceTerms,
          context,
          strength > 0,
          false,
          relativeOnly ? looseRelative : 1,
        );
        // Only the kind of fact matched ("Czy wyrównujecie ceny?" met by any sentence with an amount): no answer.
        const about = [...topicsOf(sentence), ...contextTopics];
        const anyContent = words.some(
          (w) =>
            !w.cue &&
            ([...w.terms].some((t) => sentenceTerms.has(t) || context.has(t)) ||
              w.topics.some((t) => about.includes(t))),
        );
        const whole = item ? itemText.get(line) : undefined;
        if (whole && whole.split('\n').length > 2)
          cov = Math.max(
            cov,
            coverage(words, termSet(whole), context, strength > 0, false, relativeOnly ? looseRelative : 1),
          );
        if (!anyContent) cov = 0;
        const sentenceTopics = topicsOf(sentence);
        // A sentence (and heading) about another topic names the question's topic only as the event a span
        // is counted from ("returned within 30 days of delivery"); a heading about the question's topic
        // heads the sentences under it.
        const foreign = coreTopics.length > 0 && !coreTopics.some((t) => questionTopics.includes(t));
        const topical = {
          modifier: coreTopics.length > 0 && !questionTopics.some((t) => contextTopics.includes(t)),
          core: coreTerms(core),
          heading: foreign ? undefined : headingTerms,
        };
        // The question's own word beats a relative from the glossary ("odesłanie" over "odstąpienie").
        const sameLanguage = hit.chunk.language === questionLanguage;
        let score =
          coverage(words, sentenceTerms, ranked, strength > 0, true, RELATIVE_HIT, topical) +
          RANK_BONUS / (1 + rank);
        // "When will I get my refund?" asks for a time: a sentence stating none (a fee, a condition) is
        // a worse answer, as for "how long".
        // An overview question is decided by the section (its rule opens the document's section about the subject).
        if (type !== 'other') score += strength > 0 ? (type === 'overview' ? 0.25 : 0.12) * strength : -0.06;
        // What the sentence is about, not the events its spans are counted from ("…배송 완료일로부터 14일 이내에
        // 반품을…" is about returns).
        const topic = topicAgreement(questionTopics, inFamily(coreTopics), inFamily(contextTopics));
        score += TOPIC_WEIGHT * topic;
        // The cases the rule is scoped to: named in its heading, its list's lead-in or its main clause — not in
        // an exception or an added case after the general rule ("Return shipping is free, except for
        // international orders, which pay €15" states the general rule).
        // A table row's cells are clauses of their own ("Region: International; Return shipping: €15").
        const rule = table === undefined ? sentence : sentence.split(/;\s+/u).join('\n');
        const scope = [...head.scope, ...topicsOf(mainClause(leadIn ? `${leadIn}\n${rule}` : rule))];
        for (const q of QUALIFIERS) {
          const addressed = sentenceTopics.includes(q) || contextTopics.includes(q);
          // A rule for a narrower case (international orders) is the wrong answer to a general question,
          // however well it matches otherwise; it stays a fallback when nothing else matches.
          if (!questionTopics.includes(q) && scope.includes(q)) {
            score -= QUALIFIER_PENALTY;
            // A fallback only in the question's own words: one meeting what the question asks about only through the
            // glossary answers another question ("반품하면 포인트도 돌려받나요" is not answered by the gift rule "선물
            // 반품은 적립금으로만 환불됩니다", 포인트 ≈ 적립금).
            const asks = words.filter((w) => !w.cue && !w.unknown && !w.topics.length && !w.product);
            if (
              asks.length &&
              !asks.some((w) =>
                [...w.own].some((t) => !t.startsWith('^') && (sentenceTerms.has(t) || context.has(t))),
              )
            )
              cov = 0;
          }
          // A question narrowed to that case ("해외 배송도 하나요?", "Czy wysyłacie za granicę?") is not
          // answered by a rule that does not address it: the domestic rule would be a guess. A document or
          // section about that case ("International orders > Costs") addresses it for every sentence in it.
          if (
            questionTopics.includes(q) &&
            !addressed &&
            !topicsOf(`${hit.chunk.title}\n${hit.chunk.section}`).includes(q)
          ) {
            cov = 0;
            score -= 1;
          }
        }
        // A variant of the rule for a case the question does not name loses to the general rule; a question
        // naming a case prefers text that addresses it.
        const narrowedTo = conditionsOf(`${local}\n${leadIn ?? ''}\n${rule}`);
        for (const c of narrowedTo) if (!questionConditions.includes(c)) score -= QUALIFIER_PENALTY;
        const mentions = conditionsMentioned(`${heading}\n${leadIn ?? ''}\n${sentence}`);
        for (const c of questionConditions) if (!mentions.includes(c)) score -= QUALIFIER_PENALTY;
        // "How much is…?" is not answered by a sentence that states no amount (nor that the shop pays).
        if (amountAsked && strength === 0) cov = 0;
        // Hours or a count asked for: a sentence stating none does not answer ("W jakich godzinach działa sklep?" is
        // not answered by "Sklep internetowy … działający pod adresem…").
        // Nor is "who pays…?" by a sentence that says nothing about paying.
        if ((type === 'hours' || type === 'count' || type === 'payer') && strength === 0) cov = 0;
        // How long the shop's side takes ("Kiedy wysyłacie zamówienie?", "How long does delivery take?") is not
        // answered by a sentence stating no time, nor by the shopper's deadline (strength 0 above).
        if (process && strength === 0) cov = 0;
        const focusTexts = [sentenceTerms, headingTerms, ...(whole ? [termSet(whole)] : [])];
        // A subject is met by the document or section it is said in too ("Kelp Kitchen — Returns" > "Exclusions").
        const focusTopics = [
          ...about,
          ...topicsOf(`${leadIn ?? ''}\n${whole ?? ''}\n${hit.chunk.title}\n${hit.chunk.section}`),
        ];
        if (
          focus.length &&
          !focus.every((f) => focusMet(f, focusTexts, f.predicate ? topicsOf(sentence) : focusTopics))
        ) {
          cov = 0;
          score -= FOCUS_PENALTY;
        }
        if (
          paymentQuestion &&
          !PAYMENT.test(heading) &&
          !(
            PAYMENT.test(leadIn ? `${leadIn}\n${sentence}` : sentence) &&
            !coreTopics.some((t) => PAYMENT_ASIDE.includes(t))
          )
        ) {
          cov = 0;
          score -= 1;
        }
        // A section whose heading names what is asked ("## 반품 기간" for "반품 기간이 어떻게 되나요?", "## Termin
        // zwrotu" for "Ile mam czasu na zwrot?") is where the answer is.
        score += HEADING_WEIGHT * head.names;
        // A sentence about another matter (a warranty, a repair) that names the product does not answer a question
        // about returning it.
        if (!askedMatter && OTHER_MATTER.test(sentence)) score -= MATTER_PENALTY;
        // The shopper's deadline asked without naming the step before it: a second deadline counted from that
        // step ("you then have another 14 days to post the items back", "…nie później niż 14 dni od dnia, w którym
        // odstąpił od umowy") is not the window the question means.
        if (shopperDeadline && FOLLOW_ON.test(sentence) && !FOLLOW_ON_STEP.test(question))
          score -= FOLLOW_ON_PENALTY;
        if (sentence.length < 12) score -= 0.1;
        if (sameLanguage) score += SAME_LANGUAGE_BONUS;
        // A list item under a heading, with no lead-in line of its own: the heading is its lead-in only when the
        // item does not read alone ("반품 불가 상품: 조립을 마친 가구"); a whole sentence ("§ 4. Prawo odstąpienia od
        // umowy (zwrot): W przypadku…") reads as itself, the heading stays in the citation.
        const text =
          leadIn === undefined
            ? sentence
            : withLeadIn(sentence, leadIn || (readsAlone(sentence) ? '' : local || innermost));
        const opensTopic =
          first &&
          NEGATED.test(sentence) &&
          sentenceTopics.length > 0 &&
          questionTopics.includes(sentenceTopics[0]!);
        const variant = narrowedTo.some((c) => !questionConditions.includes(c));
        // Scoped to exactly the cases the question names (none for a general question).
        const cases = [...QUALIFIERS.filter((q) => scope.includes(q)), ...narrowedTo];
        const fits = sameSet(cases, questionCases);
        candidates.push({
          hit,
          rank,
          index,
          sentence,
          text,
          item,
          score,
          cov,
          strength,
          opensTopic,
          line,
          variant,
          fits,
          topic,
          table,
          rowKey,
          terms: sentenceTerms,
          context,
          refersBack: antecedent !== undefined,
        });
      },
    );
  });
  const keyed = keyedRows(candidates, words, thresholds.coverage, questionLanguage);
  candidates.sort((a, b) => b.score - a.score);
  // A sentence that covers too little of the question to answer it (a table row sharing one word) does
  // not hide a nearly as good one that does.
  const top = candidates[0];
  let best =
    top && top.cov < thresholds.coverage
      ? (candidates.find((c) => c.cov >= thresholds.coverage && c.score >= top.score - NEAR_MISS) ?? top)
      : top;
  // The rule for the case asked about. A question that names no narrower case: a rule scoped to one
  // ("Zamówienia dostarczone poza Polskę … koszt przesyłki zwrotnej pokrywa klient" under "Zamówienia wysłane
  // za granicę") loses to a general rule that answers it as fully — as much of the question, the kind of
  // fact asked, its subject — even when the narrow one's wording is closer ("Koszt odesłania towaru pokrywa
  // klient, chyba że…"); it stays the answer when no general rule does. A question naming the case: the rule
  // scoped to it beats a general one that mentions the case in an exception.
  if (best && !best.fits && best.cov >= thresholds.coverage) {
    const from = best;
    const fitting = candidates.find(
      (c) =>
        c.fits &&
        c.cov >= Math.max(thresholds.coverage, from.cov - SCOPE_COVERAGE_SLACK) &&
        c.strength >= from.strength &&
        (c.topic > 0 || c.topic >= from.topic) &&
        c.score >= from.score - SCOPE_MARGIN,
    );
    if (fitting) best = fitting;
  }
  // A tenant with pages in several languages: the page in the question's language answers when it can — a
  // sentence of it that clears the threshold, states the kind of fact asked and is about the question's
  // subject — even when another page matches more of the question's words through the glossary ("Kiedy
  // otrzymam zwrot środków?": "zwrot środków" ≈ "환불", while the Polish page says "Pieniądze zwracamy…").
  if (best && best.cov >= thresholds.coverage && best.hit.chunk.language !== questionLanguage) {
    const from = best;
    const own = candidates.find(
      (c) =>
        c.hit.chunk.language === questionLanguage &&
        c.cov >= thresholds.coverage &&
        // It says something asked itself, not only under a heading that does ("Punkty są ważne rok." under
        // "Punkty zamiast zwrotu pieniędzy" for "Ile dni trwa zwrot pieniędzy na kartę?").
        (words.some(
          (w) =>
            !w.cue &&
            ([...w.terms].some((t) => c.terms.has(t)) ||
              w.topics.some((t) => topicsOf(c.sentence).includes(t))),
        ) ||
          // Or it is about the question's subject in its own words ("Pieniądze zwracamy…" for "Kiedy otrzymam zwrot środków?").
          c.topic >= 1) &&
        c.strength >= from.strength &&
        (c.topic > 0 || c.topic >= from.topic) &&
        (c.fits || !from.fits) &&
        c.score >= from.score - OWN_LANGUAGE_MARGIN,
    );
    if (own) best = own;
  }
  // A qualifier the question names ("…refurbished unit…", "I'm allergic…", "카드로 결제했어요") that the chosen
  // sentence does not say, while a sentence nearly as good does ("Refurbished products can only be exchanged, not
  // refunded", "An allergic reaction … is not a product defect", "카드 결제는 …"): the sentence saying it answers
  // this shopper's case, the other a general one (or another case: "무통장입금 주문은 …" meets "카드" only as a
  // relative).
  if (best && best.cov >= thresholds.coverage) {
    // The question's own words for a case, not its topic ("money back" is a refund) nor a typo's prefix.
    // Nor a word placing the event in time ("It stopped working after a week": "after" is not the case of
    // "Refunds are issued … after the returned item has been inspected").
    const tokens = sensedTokens(question).words;
    const qualifiers = words
      .filter(
        (w) =>
          !w.cue &&
          !w.unknown &&
          !w.topics.length &&
          !topicsOf([...w.terms].join(' ')).length &&
          !TIME_RELATION.test(tokens[w.at]?.surface ?? ''),
      )
      .map((w) => [...w.own].filter((t) => !t.startsWith('^')))
      .filter((own) => own.length > 0);
    const says = (terms: Set<string>[]) =>
      qualifiers.filter((own) => own.some((t) => terms.some((s) => s.has(t)))).length;
    const from = best;
    // The chosen sentence says it when its heading does ("## Frame warranty"); the other must say it itself.
    const have = says([from.terms, from.context]);
    if (have < qualifiers.length) {
      const sharper = candidates.find(
        (c) =>
          c !== from &&
          says([c.terms]) > have &&
          c.cov >= thresholds.coverage &&
          c.strength >= from.strength &&
          c.hit.chunk.language === from.hit.chunk.language &&
          c.score >= from.score - QUALIFIER_MARGIN,
      );
      if (sharper) best = sharper;
    }
  }
  if (!best || best.cov < thresholds.coverage)
    return { ...notFound, confidence: best ? Math.max(0, best.cov) / 2 : 0 };

  const chosen = [best];
  // A second sentence when it adds to the first: the neighbour in the same chunk, nearly as good.
  const second = candidates.find(
    (c) =>
      c !== best &&
      c.hit === best.hit &&
      Math.abs(c.index - best.index) === 1 &&
      // The next list item or table row is another case, not more of this one; the sentences of one
      // item or row are the same case.
      (c.line === best.line || (!c.item && !best.item)) &&
      (c.score >= best.score * 0.75 ||
        // The other sentence of the same list item or table row: the same case ("We don't swap items. To get
        // another colour, send the item back…").
        (best.item && c.line === best.line && c.cov > 0) ||
        // The next sentence refers back to this one ("we extend this period to 30 days", "이 기간은…") and
        // states the kind of fact asked for: the first alone would be half the answer.
        (c.index === best.index + 1 &&
          c.strength > 0 &&
          type !== 'other' &&
          REFERS_BACK.test(c.sentence) &&
          c.score >= best.score * 0.5) ||
        // The section opens by refusing the question's topic ("We do not process direct exchanges.", "Nie
        // realizujemy wymian.", "직접 교환은 진행하지 않습니다.") and the best sentence says what to do instead:
        // without the refusal the instructions read as a yes.
        (c.index === best.index - 1 && c.opensTopic && c.score >= best.score * 0.5)),
  );
  if (second) chosen.push(second);
  // An exception or a later case of the rule stated just before it ("The first size exchange is free. From the
  // second exchange you pay…", "첫 1회 무료입니다. 두 번째 교환부터는…", "…; jednak…") is said with that rule: alone it
  // reads as the whole answer ("exchanges cost 6,000원"). So is a rule's detail ("적립금 유효기간은 1년입니다.")
  // when the sentence before it in the paragraph states the rule and answers the question too.
  for (const c of [...chosen]) {
    const rule = candidates.find(
      (r) =>
        r.hit === c.hit &&
        r.index === c.index - 1 &&
        !r.item &&
        !c.item &&
        (CONTINUATION.test(c.sentence) ||
          (c === best &&
            r.line === c.line &&
            r.cov >= thresholds.coverage &&
            r.score >= best.score * 0.6 &&
            sameSubject(c.sentence, r.terms))),
    );
    if (rule && !chosen.includes(rule)) chosen.push(rule);
  }
  // A sentence pointing back is said with the sentence it points to.
  const antecedent = best.refersBack
    ? candidates.find((c) => c.hit === best.hit && c.index === best.index - 1)
    : undefined;
  if (antecedent && !chosen.includes(antecedent)) chosen.unshift(antecedent);
  // A question about a table's subject that names none of its rows ("Do I have to pay for return shipping?"
  // over a table of countries) is answered by the whole table: any one row would be a guess.
  const rows = best.table !== undefined && !keyed.has(best.hit) ? tableRows(candidates, best) : [];
  if (rows.length > 1) chosen.splice(0, chosen.length, ...rows);
  // The general rule first, then its variant for a narrower case ("Members of Fern Club get 60 days").
  chosen.sort(
    (a, b) => Number(a.variant && !b.variant) - Number(b.variant && !a.variant) || a.index - b.index,
  );

  const sourceLanguage = best.hit.chunk.language || detectLanguage(best.sentence);
  // A list item's lead-in is said once for its sentences ("Czego nie przyjmujemy: …").
  const said = chosen.map((c, i) =>
    i > 0 && chosen[i - 1]!.hit === c.hit && chosen[i - 1]!.line === c.line ? c.sentence : c.text,
  );
  const text = said.join(rows.length > 1 ? '\n' : ' ');
  const sameLanguage = sourceLanguage === questionLanguage;
  const runnerUp = candidates.find(
    (c) =>
      c.hit.chunk.documentId !== best.hit.chunk.documentId || c.hit.chunk.section !== best.hit.chunk.section,
  );
  const margin = runnerUp ? Math.max(0, best.score - runnerUp.score) : 0.3;
  const confidence = Math.max(
    0,
    Math.min(1, 0.35 + 0.5 * best.cov + 0.5 * margin + 0.1 * best.hit.similarity),
  );
  const citations: AnswerCitation[] = [];
  chosen.forEach((c, i) => {
    const ch = c.hit.chunk;
    const section = sectionBelowTitle(ch.title, ch.section);
    const prev = citations.find((x) => x.documentId === ch.documentId && x.section === section);
    if (prev) prev.quote = `${prev.quote} ${said[i]}`;
    else
      citations.push({
        documentId: ch.documentId,
        documentTitle: ch.title,
        section,
        url: ch.url,
        quote: said[i]!,
      });
  });
  return {
    found: true,
    answer: sameLanguage ? text : `“${text}”`,
    citations,
    confidence,
    language: sourceLanguage,
    evidence: chosen.map((c) => c.sentence),
  };
}
