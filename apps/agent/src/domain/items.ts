/**
 * What a shopper says about the items of the order in front of them: which ones they want to send
 * back ("chcę oddać kosmetyczkę i krem", "헤드폰만 반품할게요", "just the headphones then") and which
 * ones they have opened or used ("perfumy otworzyłam", "이어폰은 개봉했어요", "I opened the lipstick").
 * Clause by clause: an item named in a clause saying it was opened is an opened item, not one to
 * return; "still sealed", "nie otwierałam", "안 뜯었어요" open nothing. An item is named by a word of
 * its title or, across languages, by its kind ("the lipstick" ~ "Pomadka matowa": glossary.ts).
 */
import { linesNamedByKind } from './glossary';
import { type Lang, unicodeWords } from './language';
import { titleMentioned } from './order-match';

export interface ItemsSaid {
  /** Lines the shopper names as the ones to send back (none named: undefined). */
  named: string[];
  /** Lines the shopper says are opened or used. */
  opened: string[];
}

/** Where a clause ends: punctuation, and a contrast ("but", "ale", "…지만", "…는데"). */
const CLAUSE = /[.,;!?？。]+\s*|\s+(?:but|though|ale|lecz|natomiast)\s+|(?<=지만|는데|은데)\s+/iu;

const OPENED = unicodeWords(
  /\b(opened|open|unsealed|unwrapped|unboxed|used|worn|wore|tested|tried (it|them|on)|broke the seal|removed the (foil|wrap|cellophane|seal|film))\b|\b(otworzy\w*|otwar\w*|otwier\w*|rozpakow\w*|rozpieczęt\w*|zdję\w* foli\w*|zdjął\w* foli\w*|używa\w*|użył\w*|użyt\w*|używan\w*|noszon\w*|nosił\w*|naruszon\w*|testowa\w*|próbowa\w*)|개봉(했|함|한|된|해)|뜯(었|은|어)|사용(했|한|함)|써\s*봤|착용(했|한)/iu,
);
const NOT_OPENED = unicodeWords(
  /\b(unopened|unused|unworn|sealed|never (opened|used|worn)|(not|n't|never) (been )?(opened|used|worn|open)|still (in|wrapped|new))\b|\bnie\s*(otwier|otworzy|otwar|rozpakow|używa|używ|użył|nosz|nosił|naruszon)\w*|\bnieotwar\w*|\bnieużywan\w*|\bnierozpakow\w*|\bzafoliowan\w*|\bw folii\b|미개봉|안\s*(뜯|썼|쓴|개봉|사용)|개봉\s*(안|하지\s*않)|뜯지\s*않|사용하지\s*않/iu,
);

export function itemsSaid(text: string, lines: { id: string; title: string }[], lang?: Lang): ItemsSaid {
  const named = new Set<string>();
  const opened = new Set<string>();
  for (const clause of text.normalize('NFKC').split(CLAUSE)) {
    const c = clause.trim();
    if (!c) continue;
    // By a word of the title, or by the kind of product in another language ("the lipstick" ~
    // "Pomadka matowa"; a kind several lines fit alike picks none of them).
    const here = [
      ...new Set([
        ...lines.filter((l) => titleMentioned(l.title, c, lang)).map((l) => l.id),
        ...linesNamedByKind(c, lines, lang),
      ]),
    ];
    if (!here.length) continue;
    const lower = c.toLowerCase();
    if (OPENED.test(lower) && !NOT_OPENED.test(lower)) for (const id of here) opened.add(id);
    else for (const id of here) named.add(id);
  }
  return { named: [...named].filter((id) => !opened.has(id)), opened: [...opened] };
}

/** A condition about the packaging being unopened or the item unused ("only if the foil is intact"). */
export const OPENING_CONDITION = unicodeWords(
  /\b(open\w*|unopened|seal\w*|foil|cellophane|wrap\w*|unused|used|unworn|packag\w*)\b|otwar\w*|otwier\w*|folii|foli[ąa]|plomb\w*|zapieczęt\w*|opakowani\w*|używan\w*|nieużywan\w*|개봉|밀봉|포장|사용/iu,
);

/**
 * The wrong thing arrived, or something is missing: "wrong size", "you sent me a different colour",
 * "przyszedł inny kolor niż zamówiłam", "dostałam zły rozmiar", "다른 색이 왔어요", "오배송". Another
 * colour or size the shopper asks for is an exchange, no fault: "I want a different colour",
 * "wymienić na inny kolor", "chciałabym inny rozmiar", "다른 색으로 바꾸고 싶어요". So "inny" / "different"
 * / "다른" say it only with a verb of arriving or sending (or "niż zamówiłam", "than I ordered");
 * "zły" / "wrong" say it alone. (skill.ts's reportsProblem reads this.)
 */
export const WRONG_OR_MISSING = unicodeWords(
  /wrong (item|size|colou?r|product|order|engraving|print|name|text|model|one|thing|shade)|misspel\w*|not what i ordered|not the (\w+ )?(item|size|colou?r|product|model|one) i (ordered|bought|chose|picked)|missing (part|item|piece)|\b(sent|shipped|delivered|gave)( (me|us))? (a |an |the )?(different|another|other) (\w+ )?(item|size|colou?r|product|model|one|thing|shade|style|version)\b|\b(received|got|gotten|came|arrived|came in|arrived in|was delivered|were delivered)( in)? (a |an |the )?(different|another|other) (\w+ )?(item|size|colou?r|product|model|one|thing|shade|style|version)\b|\b(a |an |the )?(different|another) (item|size|colou?r|product|model|shade|style|version) (came|arrived|showed up|was (sent|delivered|shipped)|got (sent|delivered))\b|\b(different|another|other) (item|size|colou?r|product|model|shade|style|thing|one) (than|from) (what )?(i|we) (ordered|bought|chose|picked)\b|\bz(ł|l)(y|a|e|ego|ą|a) (produkt|rozmiar|kolor|model|towar|wz(ó|o)r)\w*|\b(przysz(ed)?(ł|l)\w*|przysz(ł|l)a|przysz(ł|l)o|przysz(ł|l)y|dosta(ł|l)\w*|otrzyma(ł|l)\w*|przys(ł|l)ali\w*|przys(ł|l)a(ł|l)\w*|wys(ł|l)ali\w*|wys(ł|l)a(ł|l)\w*|dosz(ed)?(ł|l)\w*|dotar(ł|l)?\w*|przyjecha(ł|l)\w*)\b(?:\s+(?!(?:na|chc\w*|chcia\w*|wol\w*|prosz\w*|wymie\w*|zamie\w*|potrzeb\w*)\b)[^\s,.;!?]+){0,3}\s+(w\s+)?inn\w* (produkt|rozmiar|kolor|model|towar|wz(ó|o)r|rzecz)\w*|\binn\w* (produkt|rozmiar|kolor|model|towar|wz(ó|o)r|rzecz)\w* (\S+ )?(przysz(ed)?(ł|l)\w*|dosz(ed)?(ł|l)\w*|dotar\w*|przyjecha\w*)|\binn\w* (\S+ )?ni(ż|z) (zam(ó|o)wi|chcia(ł|l)|wybra(ł|l))\w*|nie to,? co zamówi|brakuje|pomylon|\bz błędem\b|\bbłędn\w*|\bliterówk\w*|오타|잘못\s*(새겨|인쇄|각인)|오배송|잘못\s*(온|왔|배송)|다른\s*(상품|제품|물건|색상?|컬러|사이즈|치수|모델|디자인|게|거|것)\s*(이|가)?\s*(왔|와|배송\s*(됐|되었|왔)|도착)|(주문한|시킨|고른)\s*(거|것|게|상품|제품|색상?|사이즈)?\s*(랑|이랑|과|와|하고|이랑은|과는|와는)\s*다른|누락|빠져\s*있/u,
);

/** A message saying the wrong item arrived, or part of it is missing. */
export function saysWrongOrMissing(text: string): boolean {
  return WRONG_OR_MISSING.test(text.toLowerCase());
}
