import { wordTokens } from './text';

/**
 * How a shopper paid, said in passing ("I paid with PayPal, how many days do I have to return?", "Zapłaciłam
 * BLIKiem, ile mam dni na zwrot?", "카카오페이로 결제했는데 반품 기간이 어떻게 되나요?"), is context, not the topic:
 * when the documents say nothing about that way of paying, the clause is dropped before searching and answering.
 * Before, the method's name weighed as a word the documents never use (a capitalised one as a place they never
 * name) and pushed the question to a refusal, or "결제" matched a sentence about card payments. When the documents
 * do speak of it (a refund "na rachunek bankowy" for BLIK, "무통장입금" for a bank transfer), it stays: it is then
 * the case the shopper is asking about.
 */

// Past tense only: "Can I pay with PayPal?" / "Czy mogę zapłacić kartą?" / "카카오페이로 결제할 수 있나요?" ask about paying.
const CLAUSE_END = String.raw`(?=\s*[,.;:!?—–-]|\s+(?:and|but|so|then|now|how|when|where|what|which|who|can|could|will|would|do|does|did|is|are|should|i)\b|$)`;
const EN = new RegExp(
  String.raw`\b(?:i|we)(?:\s+(?:have|had|already|just))*\s+paid(?:\s+for\s+(?:it|this|that|the\s+order|my\s+order))?\s+(?:with|by|via|using|through|in)\s+((?:[\p{L}\p{N}'-]+\s+){0,2}?[\p{L}\p{N}'-]+)${CLAUSE_END}`,
  'giu',
);
const PL =
  /(?<!\p{L})(?:za|o)?p[łl]aci(?:[łl](?:em|am|e[śs]|a[śs])|li[śs]my|[łl]y[śs]my)\s+((?:[\p{L}\p{N}-]+\s+){0,1}?[\p{L}\p{N}-]+)(?=\s*[,.;:!?—–-]|\s+(?:i|a|ale|więc|wiec|to|ile|kiedy|gdzie|jak|czy|co)(?!\p{L})|$)/giu;
const KO =
  /([\uac00-\ud7afA-Za-z0-9]+?)(?:으로|로)?\s*결제(?:했는데요?|했어요|했습니다|했고|해서|했으니|했던\s*건데|한\s*건데)/gu;

/** Ways of paying that are one another in other words and languages. */
// biome-ignore format: one method per line
const METHODS: string[][] = [
  ['bank transfer', 'wire transfer', 'transfer', 'przelew', 'przelewem', 'przelewu', '무통장입금', '무통장', '계좌이체', '이체'],
  ['card', 'credit card', 'debit card', 'karta', 'kartą', 'karty', 'kartę', '카드', '신용카드', '체크카드'],
  ['kakaopay', '카카오페이'],
  ['naverpay', '네이버페이'],
  ['points', 'store credit', 'punkty', 'punktami', '적립금', '포인트'],
  ['gift card', 'voucher', 'karta podarunkowa', 'bon', 'bonem', '상품권'],
];

/** An acronym or a name inflected in Polish ("BLIKiem", "BLIK-iem", "PayU-em") is the acronym or name. */
function baseForm(text: string): string {
  return text
    .split(/\s+/u)
    .map((w) => /^\p{Lu}{2,}(?=-?\p{Ll})/u.exec(w)?.[0] ?? w.replace(/-\p{Ll}{1,4}$/u, ''))
    .join(' ');
}

function methodTerms(text: string): string[] {
  const base = baseForm(text);
  // Whole words only: not a long word's prefix, nor a Hangul word's syllable pairs ("페이" of "카카오페이" is in "페이지").
  return wordTokens(base).flatMap((w) => (w.terms[0] && !w.terms[0].startsWith('^') ? [w.terms[0]] : []));
}

let methods: string[][][] | undefined;
/** The ways of paying a method is: each entry's terms (all of which a text must have to name it). */
function equivalents(method: string[]): string[][] {
  methods ??= METHODS.map((entries) => entries.map(methodTerms));
  const key = method.join(' ');
  return methods.find((entries) => entries.some((e) => e.join(' ') === key)) ?? [method];
}

/** Whether the documents speak of this way of paying (in its words or another language's). */
function spokenOf(method: string, known: (term: string) => boolean): boolean {
  const own = methodTerms(method);
  if (!own.length) return true;
  // "Apple Pay" is named by both words ("pay" alone is any payment); "bank transfer" also by "przelew", "무통장입금".
  return equivalents(own).some((entry) => entry.every(known));
}

/** The question without a payment it mentions in passing that the documents do not speak of. */
export function withoutPaymentAside(question: string, known: (term: string) => boolean): string {
  let out = question;
  for (const re of [EN, PL, KO]) {
    // Spoken of: it stays, in the form the documents use ("Płaciłem BLIK-iem" → "Płaciłem BLIK").
    out = out.replace(re, (clause: string, method: string) =>
      spokenOf(method, known) ? clause.replace(method, baseForm(method)) : ' ',
    );
  }
  if (out === question) return question;
  // Nothing else asked ("I paid with PayPal."): the payment is the question.
  const rest = wordTokens(out).filter((w) => !w.stop && w.terms.length);
  if (!rest.length) return question;
  return out
    .replace(/^[\s,.;:—–-]+/u, '')
    .replace(/\s{2,}/gu, ' ')
    .trim();
}
