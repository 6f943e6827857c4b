/**
 * Which periods stated in the policy documents are the shopper's return window. The knowledge
 * service reports every period in a sentence about returns ("30 days", "14 dni", "3영업일"); only the
 * time the shopper has to send back or request a return counts when it is compared with the
 * eligibility policy's window. How long the shop takes — to refund ("we refund within 3 business
 * days", "Pieniądze zwracamy w ciągu 5 dni roboczych"), to handle a complaint ("Reklamację
 * rozpatrujemy w ciągu 14 dni"), to inspect ("검수 후 3영업일 이내 환불") — is not a return window.
 */
import { unicodeWords } from './language';

export interface StatedPeriod {
  days: number;
  quote: string;
  /** Counted in business / working days ("5 dni roboczych", "3 business days", "3영업일"). */
  businessDays?: boolean;
}

/** The shop acts: refunds, processes, handles, answers (en, pl, ko). */
const SHOP_ACTS = unicodeWords(
  /\b(we|we'll|we will|we aim to|our (team|warehouse|store|shop))\b.*\b(refund\w*|process\w*|review\w*|handle\w*|inspect\w*|issue\w*|credit\w*|repl(y|ies)|respond\w*|answer\w*|consider\w*|resolve\w*|pay\w*|transfer\w*|send (you|the|your) (money|refund|credit))\b|\b(refunds?|money|credit|payments?|reimbursements?)\b.*\b(issued|processed|sent|credited|paid|arrives?|reach(es)?|appears?|transferred|back to your|returned to your|will be (made|issued|paid|sent))\b|\b(receive|get|see) (your |the |a )?(refund|money|credit)\b|\bprocess(ing|ed)\b|\b(rozpatruj\w*|rozpatrzen\w*|rozpatrzym\w*|rozpatrywan\w*|zwracamy|zwr(ó|o)cimy|odpowiadamy|odpowiemy|przelewamy|przelejemy|realizujemy|zrealizujemy|oddajemy|oddamy|zaksi(ę|e)gujemy|nast(ą|a)pi|otrzymasz (zwrot|pieni|przelew|(ś|s)rodki)|zostan(ą|a|ie) (zwr(ó|o)con|przelan|zaksi(ę|e)gowan|rozpatrzon))\w*|pieni(ą|a)dze (zwracamy|zwr(ó|o)cimy|wr(ó|o)c(ą|a)|trafi(ą|a))|환불(해|하여)\s*드|환불\s*(처리|완료|진행|됩|해\s*드)|(처리|검토|회신|답변|입금|환급)(해|하여|하|됩|되|드)|돌려\s*드/u,
);

/** The shopper acts, or the period runs from delivery / purchase (en, pl, ko). */
const SHOPPER_ACTS = unicodeWords(
  /\b(you|customers?|buyers?|shoppers?)\b.*\b(can|may|must|have|need|should|are able|are allowed|get)\b|\b(can|may|must) be (returned|exchanged|sent back)\b|\b(to|must|can|may) (return|exchange|send|request|start|withdraw|cancel)\b|\b(of|from|after) (delivery|purchase|receipt of (your|the) (order|item|goods|parcel))\b|\bmo(ż|z)(esz|ecie|na)\b|\b(masz|macie|nale(ż|z)y|trzeba|przys(ł|l)uguje)\b|\bod (dostarczenia|dostawy|dor(ę|e)czenia|zakupu|daty (zakupu|dostawy|dostarczenia|dor(ę|e)czenia|otrzymania)|otrzymania (towaru|przesy(ł|l)ki|paczki|zam(ó|o)wienia|produktu)|odbioru (towaru|przesy(ł|l)ki|paczki))|\bna (zwrot|wymian|odst(ą|a)pieni)\w*|odst(ą|a)pi(ć|c)|(할|하실|신청하실)\s*수\s*있|(반품|교환|환불)\s*(신청|접수)?\s*(가능|하실)|수령\s*(후|일|하신)|배송\s*완료일?로부터|받으신\s*(후|날)|구매일?로부터|고객님?(이|은|께서)/u,
);

const CLAUSE_BREAK =
  /[;:,]|\s[-–—]\s|\s(?:and|but|while|whereas|a|i|oraz|ale|natomiast|zaś|그리고|하지만)\s|(?<=[며고면서])\s|(?<=지만)\s/u;

/** The part of the sentence that states this period (the whole sentence when it can't be told). */
function clauseOf(p: StatedPeriod): string {
  const clauses = p.quote.split(CLAUSE_BREAK).filter((c) => c.trim());
  const figures = [String(p.days), ...(p.days % 7 === 0 ? [String(p.days / 7)] : [])];
  const mine = clauses.filter((c) =>
    figures.some((f) => new RegExp(`(^|[^\\d])${f}([^\\d]|$)`, 'u').test(c)),
  );
  return mine.length === 1 ? mine[0]! : p.quote;
}

/**
 * Whether a stated period is the time the shopper has to return / request within: not when counted
 * in business days (a processing time), not when the shop is the one acting in its clause.
 */
export function isShopperWindow(p: StatedPeriod): boolean {
  const clause = clauseOf(p).toLowerCase();
  const business = new RegExp(
    `(^|[^\\d])${p.days}\\s*(-|\\s)?(business|working) days?|(^|[^\\d])${p.days}\\s*(dni|dniach) robocz|(^|[^\\d])${p.days}\\s*영업\\s*일`,
    'u',
  );
  if (p.businessDays || business.test(clause)) return false;
  return !(SHOP_ACTS.test(clause) && !SHOPPER_ACTS.test(clause));
}

/** Faulty, damaged or wrongly sent goods: their period is a complaint / warranty right (en, pl, ko). */
const DEFECT = unicodeWords(
  /\b(defect\w*|faulty|damaged|broken|wrong item|warranty|guarantee|manufacturing (fault|defect))\b|wadliw\w*|wad(a|y|ą|ę)\b|uszkodz\w*|reklamac\w*|reklamow\w*|gwarancj\w*|rękojm\w*|rekojm\w*|niezgodn\w*|불량|파손|하자|오배송|보증/u,
);

/** "header: cell; header: cell; …": a table row as the knowledge service renders it. */
const TABLE_ROW = /^[^;:]{1,40}:\s[^;]+(;\s[^;:]{1,40}:\s[^;]+)+\.?$/u;

/** A clause that sets a condition: "If …", "Jeśli …", "W przypadku …", "…인 경우", "…이면". */
const CONDITION = unicodeWords(
  /^\s*(if|when|where|in case|in the event|should|je(ś|s)li|je(ż|z)eli|gdy|kiedy|w przypadku|w razie)\b|(경우|때|시|이면|하면|되면)$/u,
);

/**
 * A period stated for faulty goods ("defective items within 30 days", "불량은 30일 이내"), also when
 * the defect is the sentence's condition and the period sits in the next clause ("If a product is
 * defective, we exchange it within 14 days").
 */
export function isDefectPeriod(p: StatedPeriod): boolean {
  const clause = clauseOf(p);
  if (DEFECT.test(clause.toLowerCase())) return true;
  // A table row as knowledge renders it ("구분: 초기불량 교환; 기간: 상품 수령 후 14일 이내; 비용: 무료"):
  // its cells describe one case, so a defect named in any cell is the period's case.
  if (TABLE_ROW.test(p.quote) && DEFECT.test(p.quote.toLowerCase())) return true;
  const at = p.quote.indexOf(clause);
  if (clause === p.quote || at <= 0) return false;
  // What comes before the period's clause, when it is a condition: "If a product is defective, …".
  const before = p.quote
    .slice(0, at)
    .replace(/[\s,;:–—-]+$/u, '')
    .toLowerCase();
  return CONDITION.test(before) && DEFECT.test(before);
}

const EXCHANGE_WORDS = unicodeWords(/\b(exchang\w*|swap\w*)\b|wymian\w*|wymieni\w*|zamian\w*|교환/u);
const RETURN_WORDS = unicodeWords(
  /\b(return\w*|refund\w*|send (it |them |items? )?back|withdraw\w*)\b|zwr(o|ó)t\w*|zwraca\w*|zwr(o|ó)ci\w*|odst(ą|a)pi\w*|odes(ł|l)a\w*|반품|환불|청약\s*철회/u,
);

/**
 * A stated period's clause speaks of exchanges and not of returns ("Wymiana na inny kolor w ciągu 30
 * dni", "교환은 30일 이내"): an exchange window of the policy agrees with it; a return window's
 * sentence ("30 days to return or exchange") must agree with a return window.
 */
export function aboutExchangesOnly(p: StatedPeriod): boolean {
  const clause = clauseOf(p).toLowerCase();
  return EXCHANGE_WORDS.test(clause) && !RETURN_WORDS.test(clause);
}
