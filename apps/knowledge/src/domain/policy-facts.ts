import { sentences } from './text';

export interface ReturnWindow {
  days: number;
  businessDays: boolean;
  documentId: string;
  section: string;
  quote: string;
}

// Sentences about returning, exchanging or withdrawing (en / pl / ko).
const TOPIC =
  /(return|refund|exchang|withdraw|send (it|them|items?) back|zwrot|zwróc|odstąp|odstap|wymian|wymien|reklamac|반품|교환|환불|청약\s?철회)/iu;

const WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  eight: 8,
  nine: 9,
  jeden: 1,
  jednego: 1,
  dwa: 2,
  dwóch: 2,
  trzy: 3,
  trzech: 3,
  cztery: 4,
  czterech: 4,
  pięć: 5,
  pięciu: 5,
  seven: 7,
  ten: 10,
  fourteen: 14,
  fifteen: 15,
  'twenty-one': 21,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  sixty: 60,
  ninety: 90,
  siedem: 7,
  siedmiu: 7,
  dziesięć: 10,
  dziesięciu: 10,
  czternaście: 14,
  czternastu: 14,
  trzydzieści: 30,
  trzydziestu: 30,
  sześćdziesiąt: 60,
  sześćdziesięciu: 60,
  dziewięćdziesiąt: 90,
};
const NUM = `(\\d{1,3}|${Object.keys(WORDS).join('|')})`;

const PATTERNS: { re: RegExp; factor: number; business?: (m: RegExpExecArray) => boolean }[] = [
  // "30 days", "30-day", "14 calendar days", "10 business days", "(30) days"
  {
    re: new RegExp(`${NUM}\\)?[\\s-]*(business|working|calendar)?[\\s-]*days?\\b`, 'giu'),
    factor: 1,
    business: (m) => /business|working/i.test(m[2] ?? ''),
  },
  { re: new RegExp(`${NUM}[\\s-]*weeks?\\b`, 'giu'), factor: 7 },
  // "30 dni", "14 dni roboczych", "14-dniowy", "30 dni kalendarzowych"
  {
    re: new RegExp(
      `${NUM}[\\s-]*(?:dni|dniowy|dniowego|dniowym|dniach)(?:\\s+(roboczych|robocze|kalendarzowych))?`,
      'giu',
    ),
    factor: 1,
    business: (m) => /robocz/i.test(m[2] ?? ''),
  },
  { re: new RegExp(`${NUM}\\s*tygodni(?:e|a)?`, 'giu'), factor: 7 },
  // "14일", "7 영업일", "30일 이내"
  { re: /(\d{1,3})\s*(영업)?\s*일(?!본|반|부|단|정|시|괄)/gu, factor: 1, business: (m) => Boolean(m[2]) },
  { re: /(\d{1,3})\s*주(?:일)?\s*(?:이내|내|안|동안|간)/gu, factor: 7 },
];

// Other ways a sentence states a time span or a date (used to type answers, not as return windows).
const OTHER_SPANS = [
  /\b(same|next|following) (business |working )?day\b/iu,
  /\b\d{1,3}\s*(hours?|months?|h)\b/iu,
  // "5 further working days", "3 more business days", "14 full days", "10 dni kalendarzowych", "2 kolejne dni".
  /\b\d{1,3}\s+(further|more|additional|extra|full|consecutive|kolejn\p{L}*|dodatkow\p{L}*|pełn\p{L}*)\s+((business|working|calendar)\s+)?(days?|weeks?|dni|tygodni\p{L}*)(?!\p{L})/iu,
  /\b(hours?|weeks?|months?|years?)\b/iu,
  // Years in Polish and Korean: "2 lata", "dwóch lat", "przez rok", "w ciągu roku", "2년", "1년간".
  /(^|[\s(])(\d+|dwa|dwóch|dwoch|dwu|trzy|trzech|cztery|czterech|pięć|pięciu|piec|pieciu|kilka|kilku)\s*(lat|lata|latach)(?!\p{L})/iu,
  /(^|[\s(])(rok|roku|rocznie)(?!\p{L})/iu,
  /\d\s*년/u,
  // Korean native counts of days and weeks: "하루에서 이틀", "사흘", "열흘", "보름", "일주일", "한 달".
  /(하루|이틀|사흘|나흘|닷새|엿새|이레|열흘|보름|일주일|한\s*달|두\s*달|한\s*주)/u,
  /(^|[\s(])(dnia|dni|dzień|tygodni|tydzień|miesiąc|miesięcy|godzin)/iu,
  /\d\s*(개월|시간|주일|주)/u,
  /(당일|익일|영업일)/u,
  // A date ("25.12", "12/25/2024"), not a price ("$7.95", "7,99 zł"): day and month within 1-31, no currency.
  /(?<![$€£][\s]*|[\d.,])\b(0?[1-9]|[12]\d|3[01])[./-](0?[1-9]|[12]\d|3[01])([./-]\d{2,4})?\b(?![.,]?\d|\s*(zł|zl|pln|usd|eur|€|\$|£|원))/iu,
];
// Words that only bound a time without stating it ("until it ships", "niezwłocznie", "즉시").
const VAGUE_SPANS = [
  /(이내|까지|즉시)/u,
  /\b(immediately|within|until|by the end|as soon as)\b/iu,
  /(niezwłocznie|w ciągu|do dnia)/iu,
];

/**
 * Whether a sentence states a duration, deadline or date ("30 days", "14일 이내", "w ciągu 14 dni",
 * "same business day"): 1 when it names one, 0.5 when it only bounds a time ("until it ships",
 * "niezwłocznie"), 0 otherwise.
 */
export function durationStrength(sentence: string): number {
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    if (p.re.test(sentence)) return 1;
  }
  if (OTHER_SPANS.some((re) => re.test(sentence))) return 1;
  return VAGUE_SPANS.some((re) => re.test(sentence)) ? 0.5 : 0;
}

export function statesDuration(sentence: string): boolean {
  return durationStrength(sentence) > 0;
}

/** Whether a sentence states an amount of money, or that something is free. */
export function statesAmount(sentence: string): boolean {
  return (
    /(\d[\d,.\s]*\s*(원|만\s*원|zł|zl|pln|usd|eur|gbp|krw|kr|€|\$|£|¥|₩|%))|([$€£¥₩]\s*\d)/iu.test(
      sentence,
    ) ||
    // Any currency by its ISO code: "59 SEK", "12 EUR", "CHF 20".
    /\d\s*[A-Z]{3}\b|\b[A-Z]{3}\s*\d/u.test(sentence) ||
    /\b(free|no charge|at no cost|no cost|flat fee|bezpłatn\w*|darmow\w*|za darmo|nieodpłatn\w*)\b|무료/iu.test(
      sentence,
    ) ||
    // "costs nothing", "nic nie kosztuje", "bez opłat", "비용이 들지 않습니다"
    /\b(costs? nothing|doesn't cost anything|does not cost anything)\b|(?<!\p{L})(nic nie kosztuj\p{L}*|bez (żadnych )?(opłat|kosztów|dodatkowych kosztów))|비용(이|은)?\s*(들지|없)/iu.test(
      sentence,
    )
  );
}

function value(raw: string): number {
  const n = Number(raw);
  return Number.isFinite(n) ? n : (WORDS[raw.toLowerCase()] ?? Number.NaN);
}

/** Return/exchange/refund windows stated in a text, with the sentence that states each one. */
export function extractReturnWindows(
  text: string,
  where: { documentId: string; section: string },
): ReturnWindow[] {
  const out: ReturnWindow[] = [];
  for (const s of sentences(text)) {
    if (!TOPIC.test(s)) continue;
    const seen = new Set<string>();
    for (const p of PATTERNS) {
      p.re.lastIndex = 0;
      for (let m = p.re.exec(s); m; m = p.re.exec(s)) {
        const days = value(m[1]!) * p.factor;
        if (!Number.isFinite(days) || days <= 0 || days > 3650) continue;
        const businessDays = p.business?.(m) ?? false;
        const key = `${days}/${businessDays}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ days, businessDays, documentId: where.documentId, section: where.section, quote: s });
      }
    }
  }
  return out;
}
