/**
 * Deterministic multilingual intent classifier: a weighted lexicon (stems and phrases in ko/pl/en)
 * plus character n-gram similarity to example utterances (a bag-of-n-grams embedding, so unseen
 * phrasings and inflections still land near their intent). A clear winner is needed: when the top
 * two intents are too close, the result is ambiguous and the skill asks a clarifying question.
 */
import { productPhrases } from './glossary';
import { saysWrongOrMissing } from './items';
import { unicodeWords } from './language';
import { correctTypos, knowWords } from './typos';

export const INTENTS = [
  'policy_question',
  'start_return',
  'start_exchange',
  'return_status',
  'human',
  'dispute',
  'greeting',
  'thanks',
] as const;
export type Intent = (typeof INTENTS)[number] | 'other';

type Lexicon = Record<(typeof INTENTS)[number], [RegExp, number][]>;

/** Where refunds are paid to ("where does my refund go?", "na jakie konto…", "환불은 어디로…"). */
const REFUND_DESTINATION =
  /\bwhere (does|do|will|would) (my |the |a )?(refund|money)( \w+)? (go|be (sent|paid|credited)|land|come back)\b|\b(which|what) (card|account|payment method)\b.*\b(refund|money)\b|\b(refund|money)\b.*\b(go|goes|be sent|be paid|come back) (back )?to (which|what|my|the) (card|account)\b|\bna (jakie|kt(ó|o)re) konto\b|\bna (jak(ą|a)|kt(ó|o)r(ą|a)) kart(ę|e)\b|\bgdzie (trafi(ą|a)?|wr(ó|o)c(ą|a|i)|p(ó|o)jd(ą|a|zie)) (\w+ )?(zwrot\w*|pieni(ą|a)dze|(ś|s)rodki)\b|(환불|돈)(은|이|금)?\s*(어디로|어느\s*(계좌|카드)|무슨\s*(계좌|카드))|(결제|입금)했는데\s*환불은?\s*(어디로|어떻게)/u;

// Patterns are written with `\w` / `\b` and compiled by `unicodeWords`: letters of every script.
const RAW_LEXICON: Lexicon = {
  policy_question: [
    [/\b(polic(y|ies)|rules?|terms|conditions)\b/, 1.4],
    [/\bdo you (take|accept|allow|offer|refund|do)\b|\bhow much time\b/, 1.0],
    // Whether something is refundable at all ("will I get a refund for a gift card?", "czy dostanę
    // zwrot pieniędzy za bon?"), not where a refund stands.
    [
      /\b(will|would|do) (i|we) (get|receive) (a |my |the |any )?(refund|money back)\b (for|on)\b|^(?=czy\s)(?=.*\sza\s)(?=.*\s(dostan(ę|e)|otrzymam|dostaj(ę|e)|mog(ę|e) dosta(ć|c))\s)(?=.*\s(zwrot|pieni(ą|a|ę|e)dz))/u,
      1.6,
    ],
    [/\bhow (long|many days|much time)\b|\bdays? (do i have|to return)\b|\bwindow\b|\bdeadline\b/, 2.2],
    // Where refunds are paid to, by how one paid ("I paid with BLIK, where does my refund go?",
    // "na jakie konto wróci zwrot?", "환불은 어디로 들어와요?"): a rule, not where one refund stands.
    [REFUND_DESTINATION, 2.6],
    [
      /\b(can|could|may) (i|you|we) (still |also |even |now )?(return|exchange|get)\b|\bis it possible to (return|exchange)\b|\ballowed\b|\bable to return\b/,
      0.9,
    ],
    [
      /\b(final sale|sale items?|on sale|sale|discounted|clearance|international|abroad|overseas|cost|fee|free|shipping|who pays|gift card|underwear|swimwear|opened)\b/,
      0.8,
    ],
    [/\b(what|which) (is|are|items)\b/, 0.3],
    // Passive and general: "can items be returned by mail?", "are returns accepted after Christmas?",
    // "do refunds go back to the card?".
    [
      /^(do|are|is|can|will|does) (refunds|returns|exchanges)\b|\b(original|same) (card|payment( method)?)\b|\bstore credit\b/,
      1.0,
    ],
    [
      /\b(be|get|gets) (returned|exchanged|refunded|swapped)\b|\b(returns|exchanges|refunds) (are |is )?(accepted|allowed|possible|free|available)\b|\b(returnable|exchangeable|refundable)\b/,
      1.2,
    ],
    [
      /정책|규정|기간|며칠|몇\s*일|일\s*이내|가능|되나요|돼요\?|비용|배송비|무료|세일|할인\s*상품|해외|국제|조건|기준/,
      1.3,
    ],
    [/궁금|알려\s*주|인가요|있나요|어떻게\s*되/, 0.9],
    // What the pickup or the return postage costs ("회수비", "수거비", "pickup fee", "opłata za kuriera").
    [
      /(회수|수거|반송|반품\s*택배)\s*(비|비용|요금)|\b(pick ?up|collection|courier|return (shipping|postage)) (fees?|costs?|charges?)\b|\bop(ł|l)at\w* za (odbi(ó|o)r|kurier|zwrot|odes(ł|l)ani)\w*|\bkoszt\w* (odbioru|kuriera|zwrotu|odes(ł|l)ania)/u,
      1.0,
    ],
    [/czy (mogę|moge|można|mozna|da się) (\w+ )?(zwrócić|zwrocic|oddać|oddac|odesłać)/u, 1.2],
    // "Do you accept / offer …?" and a bare "Mogę oddać …?" are questions about the rules.
    [
      /czy (przyjmujecie|akceptujecie|oferujecie|macie|robicie|zwracacie|wymieniacie|pokrywacie|zwrócicie|przyjmiecie)\b|^(mogę|moge|można|mozna) (\w+ )?(zwrócić|zwrocic|oddać|oddac|odesłać|odeslac|wymienić|wymienic)/u,
      1.1,
    ],
    [/(받나요|받으시나요|받아\s*주나요|해\s*주나요|해\s*주시나요)\s*\??\s*$/u, 0.8],
    [
      /\b(zasad\w*|polityk\w*|regulamin\w*|warunk\w*)\b|ile (\w+ )?(dni|czasu)|czy (mogę|moge|można|mozna)|koszt\w*|bezpłatn\w*|p(ł|l)atn\w*|darmow\w*|wyprzeda\w*|promocj\w*|za granic\w*|zagranic\w*|termin\w*/u,
      1.3,
    ],
  ],
  start_return: [
    [
      /\b(i (want|would like|need|'d like) to|i(’|')d like to|i wanna|let me|help me|how (do|can) i|how to) (start (a |the )?)?(return|send (it |this |them )?back)\b/,
      1.8,
    ],
    [
      /\breturn (my|this|these|the|an?|it|order|item|jacket|shoes|shirt|dress|product)\b|\bstart (a |the )?return\b|\bsend (it|this|them) back\b|\b(want|get|need) (my money back|a (full )?refund)\b|\b(would like|'d like|request\w*) (a |my )?(full )?refund\b|\brefund (for|on) (my|this|order)\b/,
      1.4,
    ],
    // Phrasal verbs with the object in between: "send back the boots", "ship these boots back".
    [
      /\b(send|sending|ship|shipping|mail|post|bring|give|take) back\b|\b(send|ship|mail|post|bring|give) (\w+ ){1,3}back\b|\b(get|want|need) (my |the )?money back\b/,
      1.5,
    ],
    [/\b(returning|return)\b/, 0.5],
    [
      /반품\s*(하고\s*싶|할래|할게|해\s*주|하려|하고|(신청|접수)(?!\s*(된|됐|되었|했|하였))|시작|하기|요청|원해|원합니다|부탁)|반품할|돌려\s*보[내낼]|환불\s*(받고\s*싶|받을(래|게|께)|해\s*주|요청|신청|원해|원합니다|부탁)|환불(로|으로)\s*(할|해|바꿔|바꿀|진행|부탁)|반품은\s*어떻게\s*시작|반품\s*어떻게\s*해/,
      1.8,
    ],
    [/반품/, 0.6],
    [
      /(chcę|chce|chciał\w*|muszę|musze|jak|pomóż\w*) (\w+ )?(zwrócić|zwrocic|oddać|oddac|odesłać|odeslac|zrobić zwrot|zrobic zwrot|dokonać zwrotu|rozpocząć zwrot|zgłosić zwrot|zwrot)|zwrócić|zwrocic|odesłać|odeslac|oddać|oddac/u,
      1.6,
    ],
    [/zwrot\w*/u, 0.6],
    // "Mogę dostać zwrot pieniędzy?", "chcę odzyskać pieniądze": getting a refund (the infinitive),
    // not where one stands ("kiedy dostanę zwrot").
    [/\b(dosta(ć|c)|otrzyma(ć|c)|odzyska(ć|c)) (\w+ )?(zwrot\w*|pieni(ą|a|ę|e)dz\w*|kas(ę|e))/u, 1.6],
    // "Zwracam zamówienie 1042", "Oddaję buty"; "Proszę o zwrot pieniędzy" asks for a refund.
    [
      /\b(zwracam|oddaj(ę|e)|odsy(ł|l)am)\b|(prosz\w*|poprosz\w*|chc(ę|e)|chcia(ł|l)\w*|domagam si(ę|e)|(ż|z)(ą|a)dam) (o )?zwrot\w* (pieni(ę|e)dzy|(ś|s)rodk(ó|o)w|kasy)/u,
      1.8,
    ],
  ],
  start_exchange: [
    [
      /\b(exchange|swap|replace|different size|another size|wrong size|other colou?r|different colou?r|size (up|down)|bigger|smaller)\b/,
      1.1,
    ],
    [
      /\b(to|i|please) (exchange|swap|replace)\b|\b(exchange|swap) (it|this|these|my|them|for)\b|\b(in|for) (a|an) (smaller|bigger|different|other)\b/,
      0.9,
    ],
    [/교환\s*(하고\s*싶|할래|할게|해\s*주|하려|신청|접수|요청|원해|원합니다|부탁|받고)/, 1.0],
    [/교환|사이즈\s*(변경|바꾸|교체)|다른\s*(사이즈|색|색상)|바꾸고\s*싶|바꿔/, 1.1],
    [
      /wymian\w*|wymieni\w*|wymienić|zamieni\w*|inn\w* rozmiar\w*|inn\w* kolor\w*|większ\w* rozmiar|mniejsz\w* rozmiar/u,
      1.1,
    ],
    [
      /(chcę|chce|chciał\w*|mogę|moge|muszę|prosz\w*|potrzebuj\w*) (\w+ )?(wymienić|wymienic|wymian\w*|zamienić)|na (inny|większy|mniejszy|rozmiar)/u,
      0.9,
    ],
  ],
  return_status: [
    // ("Where does my refund go?" asks where refunds are paid to: see REFUND_DESTINATION.)
    [REFUND_DESTINATION, -2.5],
    // "can you check order #1008 for me", "sprawdzisz zamówienie 1008?", "1008 주문 확인해 주세요": a
    // look at an order (its refunds, parcel, returns) — after "hi" too, never only a greeting (QA 8).
    [
      /\b(check|look up|look into|look at|pull up|find)( on)? (my |the |an |this |that |our )?(last |recent )?order\b|sprawd(ź|z)\w* (moje |to |m(o|ó)j\w* |ostatni\w* )?zam(ó|o)wieni\w*|zam(ó|o)wieni\w* (\S+ )?sprawd\w*|주문\s*(내역\s*)?(확인|조회|상태)/u,
      1.6,
    ],
    [
      // "still" / "yet" only as waiting ("still waiting for my refund", "has it arrived yet"): "can I
      // still return them?" asks about the rules.
      /\b(where|when|status|track|tracking|update|processed|received|arrived|happening|going on|still (waiting|haven'?t|have not|not|no))\b.*\b(refund|return|money)\b|\b(refund|return)\b.*\b(status|yet|processed|received|arrived|where|when|still (waiting|not|pending)|update|track|(gone|come|went|go) through|been (approved|issued|accepted|completed))\b/,
      1.8,
    ],
    [/\b(news|update|progress|anything) (on|about|regarding) (my |the )?(refund|return)\b/, 1.6],
    [
      /\b(have|has|did) (you|you guys|they|the (warehouse|store|shop|team)) (already )?(get|got|gotten|receive|received)\b|\b(you|you guys|they) (get|got|gotten|received) (my|the|our) (parcel|package|return|box|items?|stuff)\b/,
      1.6,
    ],
    // Already sent back, now waiting: "I sent it back last week, any news?".
    [
      /\b(sent|shipped|mailed|posted|dropped off|returned) (it|them|this|these|the \w+|my \w+)?\s*(back )?.*\b(any news|any update|heard nothing|no news|nothing yet|what now|still waiting|yet|(haven'?t|have not|not) heard( anything| back)?|no (word|reply|response))\b/,
      1.7,
    ],
    [
      /(odesła|wysła|nada)(łem|łam|liśmy|łyśmy)\b.*\b((i )?(nic|co dalej|co teraz)|kiedy|jeszcze|nadal|wciąż)/u,
      1.7,
    ],
    [
      /(보냈|발송했|반송했|반품했)(는데|어요|습니다|거든요).*(아직|언제|소식|연락|확인|어떻게\s*(됐|되었|되고|돼))/,
      1.7,
    ],
    [
      /(반품|환불|반송|보낸)[^.!?]*?(됐|되었|완료|끝났|도착했|도착하였|들어왔|받으셨|받았|(접수|처리|승인)\s*(된|됐|되었))/,
      1.6,
    ],
    [
      /\b(haven'?t|not) (got|gotten|received) (my|the) (refund|money)\b|\b(where'?s|where is|when will i (get|see)|still waiting for) (my|the) (money|refund)\b/,
      1.4,
    ],
    [
      /환불\s*(언제|상태|아직|됐|되었|진행|처리|확인|조회|안\s*들어|들어왔)|반품\s*(상태|진행\s*(상황|상태|중|됐|되었|되고)|처리\s*상황|조회|확인)|언제\s*환불|환불(은|이)\s*(언제|어떻게\s*됐|아직)|돈\s*(언제|아직)|입금/,
      2,
    ],
    [
      /status\w*|kiedy (dostanę|dostane|otrzymam|wróc|wroc|będzie|bedzie|zwrócicie|oddacie)(?! (moj\w* |mój )?(zam(ó|o)wieni|paczk|przesy(ł|l)k|towar))|gdzie (są|sa|jest) (moje|mój|moj) (pieniądze|pieniadze|zwrot)|refundacj\w*|nie (dostałem|dostałam|otrzymałem|otrzymałam)|przelew\w*/u,
      1.6,
    ],
    // "Co z moim zwrotem?", "Na jakim etapie jest mój zwrot?", "Zwrot został już przyjęty?", "Czy
    // dotarła paczka ze zwrotem?": the state of a return already made.
    [
      /\bco (dalej |teraz |si(ę|e) dzieje )?z(e)? (moim |moj\w* |tym )?(zwrot\w*|pieni(ą|a|ę|e)dz\w*|przelew\w*|reklamacj\w*)|\b(jak|co) tam (z )?(moim |moj\w* |m(ó|o)j )?zwrot\w*|na jakim etapie|jaki jest stan|co si(ę|e) dzieje z|\b(zosta(ł|l)\w*|jest) (ju(ż|z) )?(przyj(ę|e)t|odebran|rozpatrzon|zaakceptowan|przetworzon|zaksi(ę|e)gowan|zrealizowan|dostarczon)\w*|\b(dotar(ł|l)|dosz(ł|l))\w*.*\bzwrot\w*|\bzwrot\w*.*\b(dotar(ł|l)|dosz(ł|l))\w*/u,
      1.6,
    ],
    // Money and "my return" lean towards the status; alone they are no more than that.
    [/pieni(ą|a|ę|e)dz\w*|\b(m(ó|o)j|moim|mojego|moj(ą|a)|mojej) zwrot\w*/u, 0.6],
  ],
  human: [
    [
      // "In person" (a drop-off at a store, "w sklepie osobiście", "직접 방문") says how, not who.
      /\b(human|(?<!\bin[ -])person|agent|representative|someone|somebody|real people|operator|support team|customer service|staff|manager)\b/,
      1.2,
    ],
    [/\b(talk|speak|chat|connect|transfer)\b.*\b(to|with)\b/, 0.7],
    [/상담원|상담사|사람|직원|매니저|연결해|통화|담당자|고객센터/, 1.8],
    [
      /konsultant\w*|człowie\w*|czlowie\w*|pracowni\w*|osob(?!i(ś|s)cie|n)\w*|obsług\w* klienta|kogo(ś|s)|kto(ś|s) z|kim(ś|s)|komu(ś|s)|(po)?gada(ć|c) z|obs(ł|l)ug\w*|połącz\w*|polacz\w*|porozmawia\w*|rozmawia\w*|żywy|zywy/u,
      1.6,
    ],
  ],
  dispute: [
    [
      /\b(disagree|unfair|ridiculous|unacceptable|that'?s (wrong|not right|not fair)|(this|that) is a joke|what a joke|not (fair|right|true|correct)|should be (eligible|returnable)|dispute|wrong decision|(decision|rejection|assessment|answer) (is|was) (wrong|incorrect|unfair)|makes no sense|are you kidding|scam|lawyer|chargeback)\b/,
      2,
    ],
    [/\bbut i\b.*\b(only|just|bought|received|got)\b/, 0.8],
    // Frustration and repeated failures: a person should take over, not a menu.
    [
      /\b(fed up|sick of|had enough|i(’|')?m done|i am done|worst|terrible|awful|horrible|disgusting|furious|angry|upset|unhappy|dissatisfied|not (happy|satisfied)|disappoint\w*|(this is|it'?s|that'?s|for) the (second|third|fourth) time|(second|third|fourth) time (now|already|in a row|this (week|month|year))|once again|never (again|ordering)|waste of (time|money))\b|\b(rejected|refused|denied|declined) (my|the|our) (return|refund|exchange|claim)\b|\b(return|refund|exchange|claim) (was |got |has been )(rejected|refused|denied|declined)\b/,
      1.6,
    ],
    [
      // "벌써 두 번째 불량", "이번이 세 번째예요": a repeated failure; "두 번째 교환도 무료예요?" is a rules question.
      /짜증|화가\s*나|화나|실망|최악|어이(가)?\s*없|몇\s*번(째|이나)|또\s*(불량|이런|파손|잘못)|(벌써|또|이번이|이게|이번에도)\s*(두|세|네)\s*번째|(두|세|네)\s*번째\s*(불량|파손|고장|오배송|문제|잘못|이런|똑같)|(두|세|네)\s*번째(예요|에요|입니다|야|네요)/,
      1.6,
    ],
    [
      /mam (już )?dość|wkurz\w*|zdenerwowan\w*|zirytowan\w*|(już|juz) (drugi|trzeci|kolejny)|znowu|kolejny raz|po raz (drugi|trzeci|kolejny)|rozczarowan\w*|wściek\w*|wsciek\w*|fataln\w*|najgorsz\w*|beznadziejn\w*|strata czasu/u,
      1.6,
    ],
    [
      /말이\s*안|말도\s*안|불공평|항의|이의|동의\s*(할\s*수\s*없|못|안)|부당|억울|잘못(된|됐|되었)|왜\s*안\s*돼|이해가\s*안|납득|불만(?!\s*(사항\s*)?(접수|신고|제기))|너무하|거부(라니|하|했|당)|거절(하|했|당|이라니)|황당/,
      2,
    ],
    // Taking it further: a regulator or consumer agency, a lawyer or court, a bank chargeback.
    [
      /\b(consumer (protection|rights|agency|council|ombudsman|watchdog|affairs|authority|office|association)|trading standards|ombudsman|regulators?|ftc|bbb|better business bureau|attorneys?|solicitors?|legal action|court|small claims|sue|suing|report (you|this|it|your \w+)|charge ?back|dispute (the|this|my) (charge|payment|transaction)|(bank|card|credit card|paypal) (dispute|claim)|(call|contact|tell|ask) my (bank|card (company|issuer)))\b/,
      2,
    ],
    [
      /\b(uokik\w*|rzecznik\w*|inspekcj\w* handlow\w*|federacj\w* konsument\w*|prawnik\w*|adwokat\w*|radc\w* prawn\w*|kancelari\w*|s(ą|a)d(u|zie|owi|owej|owa|ownie)|pozew|pozw(ę|e)|pozwiemy|kroki prawne|chargeback\w*|obci(ą|a)(ż|z)eni\w* zwrotn\w*|policj\w*|prokurat\w*)\b|zg(ł|l)osz(ę|e) (to|was|spraw\w*|spraw(ę|e)) |zg(ł|l)osz(ę|e) (to|was)$/u,
      2,
    ],
    [
      /소비자\s*(원|보호|단체|센터|고발|상담)|소보원|공정\s*(위|거래\s*위원회)|신고\s*(할|하겠|합니다|했|하려|해야|할\s*거)|고소|고발|변호사|소송|법적\s*(조치|대응|절차)|차지백|카드사\s*(에|이의|분쟁|민원)|민원/,
      2,
    ],
    [
      /nie zgadzam|nie fair|niefair|nieuczciw\w*|nies(ł|l)uszn\w*|bezpodstawn\w*|niezadowol\w*|niesprawiedliw\w*|skandal\w*|to (jest )?(błąd|blad|nieprawda)|odrzuci\w*|odrzucon\w*|odm(ó|o)wi\w*|żart\w*|oszust\w*|absurd\w*|niedopuszczaln\w*|przecież|przeciez|skarg\w*/u,
      2,
    ],
  ],
  greeting: [
    [/^\s*(hi|hello|hey|good (morning|afternoon|evening)|yo|hiya)\b/, 1.6],
    [/안녕|반갑|여보세요|^\s*(하이|헬로|ㅎㅇ)/, 1.6],
    [/^\s*(dzień dobry|dzien dobry|cześć|czesc|witam|hej|siema|dobry wieczór)/u, 1.6],
  ],
  thanks: [
    [/\b(thanks|thank you|thx|appreciate|cheers|great,? that'?s all|perfect|awesome)\b/, 1.8],
    [/감사|고마워|고맙|땡큐|잘\s*알겠/, 1.8],
    [/dziękuj\w*|dziekuj\w*|dzięki|dzieki|super,? to wszystko/u, 1.8],
  ],
};

const LEXICON = Object.fromEntries(
  Object.entries(RAW_LEXICON).map(([intent, rules]) => [
    intent,
    rules.map(([re, w]) => [unicodeWords(re), w] as [RegExp, number]),
  ]),
) as Lexicon;

const EXAMPLES: Record<(typeof INTENTS)[number], string[]> = {
  policy_question: [
    'what is your return policy',
    'how many days do I have to return something',
    'can I return sale items',
    'do you accept returns from abroad',
    'is return shipping free',
    'what items cannot be returned',
    'how long is the return window',
    '반품 정책이 어떻게 되나요',
    '반품 기간은 며칠인가요',
    '세일 상품도 반품 가능한가요',
    '반품 배송비는 누가 부담하나요',
    '해외 주문도 반품 되나요',
    '교환 정책 알려주세요',
    'jakie są zasady zwrotów',
    'ile mam dni na zwrot',
    'czy mogę zwrócić produkty z wyprzedaży',
    'czy zwrot jest darmowy',
    'jaka jest polityka zwrotów',
    'czy można zwrócić towar kupiony za granicą',
  ],
  start_return: [
    'I want to return my order',
    'I would like to return a jacket',
    'how do I start a return',
    'please help me send these shoes back',
    "I'd like to send back the boots from my last order",
    'I want to ship this lamp back and get my money back',
    'I need to return an item from order 1001',
    'I want my money back for this dress',
    '반품하고 싶어요',
    '주문한 신발 반품 신청할게요',
    '반품은 어떻게 시작하나요',
    '이 옷 돌려보내고 싶어요',
    '환불 받고 싶어요',
    'chcę zwrócić zamówienie',
    'chciałabym oddać sukienkę',
    'jak rozpocząć zwrot',
    'chcę zrobić zwrot butów',
    'muszę odesłać kurtkę',
  ],
  start_exchange: [
    'I want to exchange my shoes for a bigger size',
    'can I swap this for another colour',
    'the size is wrong I need a different one',
    '다른 사이즈로 교환하고 싶어요',
    '색상 교환 신청하려고요',
    '사이즈가 안 맞아서 바꾸고 싶어요',
    'chcę wymienić buty na większy rozmiar',
    'czy mogę wymienić kurtkę na inny kolor',
    'potrzebuję wymiany rozmiaru',
  ],
  return_status: [
    'where is my refund',
    'has my return been received',
    'what is the status of my return',
    'I still have not received my refund',
    'when will I get my money back',
    '환불 언제 되나요',
    '반품 진행 상황 알려주세요',
    '환불이 아직 안 들어왔어요',
    '반품 처리 상태 확인해 주세요',
    'kiedy dostanę zwrot pieniędzy',
    'jaki jest status mojego zwrotu',
    'nie dostałem jeszcze pieniędzy za zwrot',
    'gdzie są moje pieniądze',
  ],
  human: [
    'can I talk to a human',
    'I want to speak with a real person',
    'connect me to customer service',
    'get me an agent please',
    '상담원 연결해 주세요',
    '사람이랑 얘기하고 싶어요',
    '직원과 통화하고 싶습니다',
    'chcę porozmawiać z konsultantem',
    'proszę o połączenie z człowiekiem',
    'czy mogę rozmawiać z pracownikiem',
  ],
  dispute: [
    'that is not fair I only got it last week',
    'I disagree with this decision',
    'this is ridiculous it should be returnable',
    'I am disputing this decision',
    'this is the second time you sent me a broken item, I am fed up',
    'to już drugi raz, mam dość',
    '벌써 두 번째 불량이에요 너무 화가 나요',
    '말도 안 돼요 왜 반품이 안 되죠',
    '이건 부당합니다 항의하고 싶어요',
    '동의할 수 없어요',
    'nie zgadzam się z tą decyzją',
    'to jest niesprawiedliwe',
    'to jest oszustwo',
  ],
  greeting: ['hi', 'hello there', 'good morning', '안녕하세요', '안녕', 'dzień dobry', 'cześć', 'witam'],
  thanks: [
    'thanks a lot',
    'thank you',
    'great thanks',
    '감사합니다',
    '고마워요',
    'dziękuję bardzo',
    'dzięki',
  ],
};

knowWords(Object.values(EXAMPLES).flatMap((list) => list.flatMap((ex) => normalise(ex).split(' '))));

function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/[#]?\d+/g, ' ')
    .replace(/[^\p{L}\s']/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

type Vec = Map<string, number>;

function ngrams(text: string): Vec {
  const v: Vec = new Map();
  for (const word of text.split(' ')) {
    if (!word) continue;
    const w = ` ${word} `;
    const sizes = /[\uac00-\ud7af]/.test(word) ? [1, 2] : [3, 4];
    for (const n of sizes) {
      for (let i = 0; i + n <= w.length; i++) {
        const g = w.slice(i, i + n);
        if (g.trim() === '') continue;
        v.set(g, (v.get(g) ?? 0) + 1);
      }
    }
  }
  return v;
}

function norm(v: Vec): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

const INDEX = INTENTS.flatMap((intent) =>
  EXAMPLES[intent].map((ex) => {
    const v = ngrams(normalise(ex));
    return { intent, v, n: norm(v) };
  }),
);

/** n-gram → the examples that contain it, with its count there: every dot product in one pass. */
const POSTINGS = new Map<string, { example: number; count: number }[]>();
INDEX.forEach((ex, example) => {
  for (const [g, count] of ex.v) {
    const list = POSTINGS.get(g);
    if (list) list.push({ example, count });
    else POSTINGS.set(g, [{ example, count }]);
  }
});

/** Cosine similarity of `v` (norm `n`) to every example of INDEX, in INDEX order. */
function similarities(v: Vec, n: number): number[] {
  const dots = new Array<number>(INDEX.length).fill(0);
  for (const [g, x] of v) {
    const list = POSTINGS.get(g);
    if (list) for (const p of list) dots[p.example]! += x * p.count;
  }
  return INDEX.map((ex, i) => (n === 0 || ex.n === 0 ? 0 : dots[i]! / (n * ex.n)));
}

export interface Classification {
  intent: Intent;
  confidence: number;
  /** True when the top intents are too close to call: ask, don't guess. */
  ambiguous: boolean;
  /** Best candidates, highest first (for clarifying questions and the decision log). */
  candidates: { intent: Intent; score: number }[];
}

const THRESHOLD = 0.35;
const MARGIN = 0.1;
const RATIO = 0.75;

/**
 * A question about duration or a deadline ("how long / how many days / until when", "ile dni / jak
 * długo / do kiedy / w jakim terminie", "며칠 / 몇 일 / 언제까지 / 기간 / 얼마나 걸"): about the return
 * window, i.e. policy, unless the shopper also explicitly asks to start a return or exchange.
 */
const DURATION = unicodeWords(
  /\bhow (long|many (days|weeks|months)|much time)\b|\b(until|till|by) when\b|\btime ?(limit|frame|window)\b|\bdeadline\b|\bwithin how\b|\bile (\S+ )?(dni|dnia|tygod\S*|miesi\S*|czasu)(?!\S)|\bjak d(ł|l)ugo\b|\bdo kiedy\b|\bw jakim (czasie|terminie)\b|\bw ci(ą|a)gu ilu\b|\bna ile\b|며칠|몇\s*일|몇\s*주|언제까지|기간|기한|얼마나\s*(오래|걸|되)/u,
);

/** An explicit request to start a return/exchange now (not "can I…", "how long can I…"). */
const START_REQUEST = unicodeWords(
  /\b(i (really )?(want|need|would like|'d like)|i'd like|i wanna|help me|let me) (to )?(start |open |make |do |begin )?(a |an |the |my )?(return|exchange|refund|send)|\bstart(ing)? (a |an |the |my )?(return|exchange)\b|(chc(ę|e)|chcia(ł|l)\S*|musz(ę|e)|prosz(ę|e) o|pom(ó|o)(ż|z)\S* mi) (\S+ )?(zwr(ó|o)ci(ć|c)|odda(ć|c)|odes(ł|l)a(ć|c)|wymieni(ć|c)|zwrot\S*|wymian\S*|rozpocz(ą|a)(ć|c)|zg(ł|l)osi(ć|c))|\b(i'?m|i am) (going to|gonna|planning to|about to) (return|send|exchange)\b|\b(zamierzam|planuj(ę|e)) (\S+ )?(zwr(ó|o)ci(ć|c)|odda(ć|c)|odes(ł|l)a(ć|c)|wymieni(ć|c))|(반품|교환|환불|신청|접수)\s*(신청\s*)?(하고\s*싶|할게|할래|해\s*주|하려(고|는데|구|\s*합니다|\s*해요)|원해|부탁)/u,
);

/** The shopper explicitly asks to start a return / exchange now ("I want to return…", "chcę zwrócić…", "반품하고 싶은데…"). */
export function asksToStart(text: string): boolean {
  return START_REQUEST.test(understood(text));
}

/**
 * A yes/no question by its form: a question mark, an interrogative opening ("can …", "czy …"), or a
 * Korean interrogative ending (되나요, 할까요, 합니까, 되니). Read on the raw text (the mark) and the
 * normalised one.
 */
const QUESTION_OPENING = unicodeWords(
  /^((and|so|but|also|a|i|to|ok) )?(can|could|may|might|is|are|am|do|does|will|would|czy|możn\w*|mozna|mog(ę|e))\b/u,
);
const KO_QUESTION_ENDING = /(나요|까요|가요|니까|는지요|나|냐|니|죠|지요|까|래요\s*말래요)$/u;

/** Asking whether something is possible / allowed / how a rule works. */
const POSSIBILITY = unicodeWords(
  /\b(can|could|may|might)\b|\b(possible|allowed|permitted|able to|ok to|okay to|too late|in time)\b|za p(ó|o)(ź|z)no|늦었|\b(do|does|will|would) (i|you|we|it|they|this|that|these|those) (have to|need|still|accept|allow|take|let|count)\b|\bhow does\b|\b(be|get|gets|are|is) (returned|exchanged|refunded|swapped|accepted)\b|\b(returnable|exchangeable|refundable)\b|\b(mog(ę|e)|można|mozna|da si(ę|e)|możliw\w*|mozliw\w*|trzeba|musz(ę|e)|wolno|przyjmujecie|przyjmiecie|akceptujecie|zwrócę|zwroce|wymienię|wymienie|oddam|odeślę|odesle|podlega\w*)\b|수\s*있|가능|되나|돼|되요|될까|되는지|되죠|되니|받아\s*주|받나|받으시|해도\s*되|괜찮|(나요|까요|가요|니까|나|냐|니|죠|까)$/u,
);

/** Asking what something costs or whether it is free ("is the second exchange free too?", "두 번째 교환도 무료예요?"). */
const COST = unicodeWords(
  /\b(free|cost|costs|charge|charged|charges|fee|fees|paid|price)\b|darmow\w*|bezp(ł|l)atn\w*|p(ł|l)atn\w*|koszt\w*|op(ł|l)at\w*|무료|유료|비용|요금|배송비|얼마/u,
);

/**
 * The shopper asks for it to happen, whatever the form: "please", "I want to", "how do I start",
 * "could I get …", "chcę / proszę o", "해 주세요 / 하고 싶어요 / 부탁해요", "어떻게 신청하나요".
 */
const REQUEST_MARKER = unicodeWords(
  /\b(please|pls|plz)\b|(?<!\b(do|does|did|will|would) )\b(i|we) (really )?(want|need|would like|'d like|wanna)\b|\bi'd like\b|\b(can|could|would|will|may) (i|we) (please )?(get|have)\b|\b(can|could|would|will) you (please |kindly )?(send|start|process|help|arrange|issue|give|set up|open)\b|\bhow (do|can|should|would) (i|we)\b|\bhow to\b|\b(prosz(ę|e)|poprosz(ę|e)|prosi(ć|c)|chc(ę|e)|chcia(ł|l)\w*|potrzebuj\w*)\b|\bjak (mam |mog(ę|e) |można |mozna )?(rozpocz|zrobi|zg(ł|l)osi|zwr(ó|o)ci|odda|odes(ł|l)a|wymieni|zacz)|주세요|줘요|줘$|주실\s*(수|래)|줄\s*수|부탁|하고\s*싶|할게|할래|하려고|하려구|원해|어떻게\s*(시작|신청|접수|해야|하면|하나요|하죠|진행)/u,
);

/** What an exchange is for ("for a bigger size", "na rozmiar M", "검정색으로 바꿔"): a request. */
const EXCHANGE_TARGET = unicodeWords(
  /\b(for|in|into|to) (a |an |the )?(different|another|other|bigger|smaller|larger|new|size|colou?r)\b|\bsize (up|down)\b|\bna (inn\w*|większ\w*|wieksz\w*|mniejsz\w*|rozmiar\w*|kolor\w*|now\w*|xs|s|m|l|xl|xxl)\b|(으로|로)\s*(교환|바꾸|바꿔|바꿀|변경)/u,
);

/** A condition a rule decides: time passed, worn / opened, no receipt, sale, gift, abroad, in store. */
const CONDITION = unicodeWords(
  /\b(after|past|since|later|over|more than|already|worn|wore|used|opened|washed|without|receipt|tags?|sale|discount\w*|clearance|gift|box|packaging|abroad|international|store)\b|\b(po|od|już|juz|noszon\w*|nosi(ł|l)\w*|używan\w*|uzywan\w*|użyci\w*|uzyci\w*|bez|paragon\w*|metk\w*|prezent\w*|wyprzeda\w*|promocj\w*|otwart\w*|rozpakowan\w*|opakowani\w*|sklep\w*)\b|지나|지났|넘어|넘은|넘었|후에|이후|이미|입은|입어|입었|신어|신은|신었|사용|개봉|택|영수증|세일|할인|선물|해외|매장|포장/u,
);

/** The shopper asks for something to happen ("please", "I want", "can I get", "해 주세요", "proszę"). */
export function asksForIt(text: string): boolean {
  return REQUEST_MARKER.test(understood(text));
}

/**
 * "Can I return a jacket I've worn?", "Czy kurtkę można wymienić po 20 dniach?", "30일 지나서도
 * 반품돼요?": a question whether something is possible, not a request to start. Not when the shopper
 * also asks for it ("please", "I want to", "how do I start") or names what an exchange is for
 * ("can I swap it for a bigger size?") without a condition the rules decide.
 */
function asksAboutRules(raw: string, t: string): boolean {
  const question = /[?？]/u.test(raw) || QUESTION_OPENING.test(t) || KO_QUESTION_ENDING.test(t);
  if (!question || !(POSSIBILITY.test(t) || COST.test(t)) || REQUEST_MARKER.test(t)) return false;
  return !EXCHANGE_TARGET.test(t) || CONDITION.test(t);
}

const isStart = (i: Intent) => i === 'start_return' || i === 'start_exchange';

/**
 * Customer service, the team, a person: what a request for a person names, and what a question
 * about the service's hours or contact details names too.
 */
const SERVICE = unicodeWords(
  /\b(customer (service|support|care)|support( team)?|service team|help ?desk|call cent(er|re)|hotline|helpline|staff|agents?|representatives?|someone|somebody|people|person|team)\b|obs(ł|l)ug\w*|biur\w*|infolini\w*|konsultan\w*|pracowni\w*|dzia(ł|l)\w*|kto(ś|s)|kogo(ś|s)|고객\s*센터|고객\s*지원|콜\s*센터|상담\s*(센터|실)|상담원|상담사|직원|담당자|사람/u,
);

/**
 * What a question about customer service asks for: when it is open, how to reach it ("what are your
 * customer service hours?", "W jakich godzinach działa biuro obsługi?", "고객센터 몇시까지 해요?",
 * "what's the support email?"). The documents say that; it asks for no one.
 */
const SERVICE_INFO = unicodeWords(
  /\b(hours|opening|opens|closes|closed|open (on|at|until|till|today|tomorrow|now|from|during|in|over)|open$|what time|until when|till when|weekends?|saturdays?|sundays?|holidays?|weekdays?|(phone|telephone|contact|support|service|whatsapp|hotline) number|number (to|for) (call|reach|contact)|(the|your|support|service|contact) e-?mail|e-?mail address|(your|the|office|postal|mailing) address|contact (details|info\w*)|how (do|can|should|would) i (contact|reach|call|phone|email|e-mail|write to|get in touch with|get hold of))\b|godzin\w*|czynn\w*|otwar\w*|zamkni\w*|weekend\w*|sobot\w*|niedziel\w*|(ś|s)wi(ę|e)t\w*|\b(kiedy|w jakie dni|jakie dni) (\w+ ){0,2}(pracuj|dzia(ł|l)a|jest czynn|s(ą|a) czynn)\w*|numer\w* (telefon\w*|kontaktow\w*|do)\b|\bjaki\w* (jest )?(numer|telefon|adres|mail|e-?mail)\w*|\b(adres\w* (e-?mail|mailow|biura|do|kontaktow|firmy)|(e-?mail|mail)\w* (do|biura|obs(ł|l)ugi|kontaktow))\w*|dane kontaktow\w*|jak (si(ę|e) )?(skontaktowa|dodzwoni|napisa|zadzwoni)\w*|몇\s*시|(운영|영업|상담|근무|업무|통화\s*가능)\s*시간|시간\s*(이|은)?\s*(어떻게|언제|몇)|운영|주말|토요일|일요일|공휴일|휴무|평일|(전화|대표|연락|고객센터)\s*번호|이메일\s*(주소|알려|뭐|이\s*뭐)|메일\s*주소|연락처|연락\s*(방법|하려면|드리려면|할\s*수)/u,
);

/** Asking to be put through now: "connect me", "połączcie mnie", "연결해 주세요", "I want to talk to…". */
const CONNECT_REQUEST = unicodeWords(
  /\b(connect|transfer|put) me\b|\bput me through\b|\b(i (want|need|would like|'d like)|i'd like|let me|please let me) (to )?(talk|speak|chat)\b|\bpo(ł|l)(ą|a)cz\w* (mnie|z)\b|\bprzeka(ż|z)\w* mnie\b|\b(prosz\w*|poprosz\w*) o (kontakt|po(ł|l)(ą|a)czeni\w*|rozmow\w*|konsultant\w*)|\b(chc(ę|e)|chcia(ł|l)\w*) (po)?(rozmawia|gada)\w*|연결\s*(해|좀|부탁)|바꿔\s*주|통화\s*(하고\s*싶|할래|원해|부탁)|얘기\s*(하고\s*싶|할래)/u,
);

const INTERROGATIVE = unicodeWords(
  /^(what|when|which|where|how|is|are|do|does|can|could|will)\b|\b(what|when|which|where|how)\b|^(czy|jak|jaki\w*|kiedy|gdzie|ile|w jakich|o kt(ó|o)rej|do kt(ó|o)rej|od kt(ó|o)rej)\b|\b(w jakich|o kt(ó|o)rej|do kt(ó|o)rej|od kt(ó|o)rej)\b|몇|언제|어떻게|뭐|무엇|어디|알려\s*주/u,
);

/**
 * A question about customer service itself (its hours, its e-mail or phone), not a request to be
 * put through: "고객센터 몇시까지 해요?", "what are your customer service hours?", "Jaki jest numer do
 * biura obsługi klienta?".
 */

/** A message read as a rules question: policy first at `confidence`, the next two readings kept. */
function asPolicyQuestion(
  t: string,
  confidence: number,
  all = classifyScores(t, true).candidates,
): Classification {
  return {
    intent: 'policy_question',
    confidence,
    ambiguous: false,
    candidates: [
      { intent: 'policy_question', score: confidence },
      ...all.filter((c) => c.intent !== 'policy_question').slice(0, 2),
    ],
  };
}

export function asksAboutService(text: string): boolean {
  const t = understood(text);
  if (!SERVICE.test(t) || !SERVICE_INFO.test(t) || CONNECT_REQUEST.test(t)) return false;
  return /[?？]/u.test(text) || INTERROGATIVE.test(t) || KO_QUESTION_ENDING.test(t);
}

/**
 * The alternative the shopper turns down: "교환 말고 환불", "a refund instead of an exchange",
 * "zamiast wymiany zwrot", "nie wymiana, tylko zwrot" — read as the one they want.
 */
const REJECTED = unicodeWords(
  /(반품|교환|환불)\S*\s*(말고|대신에?|아니고|아니라)(?=\s|$)|\b(instead of|rather than) (a |an |the |my )?(returns?|refunds?|exchanges?|returning|exchanging)\b|\bnot (a |an |the |my )?(returns?|refunds?|exchanges?) but\b|\bthan (to )?(a |an |the |my )?(returns?|refunds?|exchanges?|returning|exchanging)\b|\bzamiast (\w+ )?(zwrot\w*|wymian\w*|refundacj\w*|pieni\w*)|\bnie (zwrot\w*|wymian\w*|refundacj\w*) (tylko|lecz|a)\b/gu,
);

/** Normalised text as the classifier reads it: typos of intent words fixed, a turned-down option dropped. */
const REJECTED_CUE = /말고|대신|아니|instead|rather|not|zamiast|nie/u;

export function understood(text: string): string {
  const t = correctTypos(normalise(text));
  return REJECTED_CUE.test(t) ? t.replace(REJECTED, ' ').replace(/\s+/g, ' ').trim() : t;
}

/**
 * A question by its form, however short: a question mark, an interrogative opening after a filler or
 * two ("ok a ile…", "a jak z…", "and how much…", "mozna…"), a Korean interrogative word or ending
 * ("얼마", "언제", "…나요").
 */
const SHORT_QUESTION = unicodeWords(
  /^((a|i|ok|okej|okay|no|to|oraz|hmm|and|so|but|also|ok so|then) ){0,2}(how|what|whats|when|where|which|why|who|can|could|may|do|does|did|is|are|will|would|should|any|ile|jak|jaki\w*|czy|kiedy|gdzie|co|dlaczego|czemu|mo(ż|z)na|mog(ę|e)|da si(ę|e)|trzeba|musz(ę|e))\b|얼마|언제|어떻게|몇|무슨|어느|어디|왜|뭐|(나요|까요|가요|는지요|니까|죠)$/u,
);

/**
 * What the brand's documents are about: fees and costs, the pickup or courier, the refund's money
 * and how it is paid, payment methods, delivery, warranty, time limits, opened packaging, assembly.
 */
const POLICY_TOPIC = unicodeWords(
  /\b(fees?|costs?|price|charged?|charges|free|pick ?up|collection|collect|courier|shipping|postage|delivery|deliver|refunds?|money|pay|paid|payment|card|paypal|cash|warranty|guarantee|returns?|exchanges?|window|days|weeks|receipt|invoice|opened|unpacked|packaging|wrapping|assembly|assembled|installation)\b|\b(op(ł|l)at\w*|koszt\w*|kosztuj\w*|cen(a|y|ę|e|ie)|darmow\w*|bezp(ł|l)atn\w*|p(ł|l)atn\w*|p(ł|l)aci\w*|zap(ł|l)at\w*|odbi(ó|o)r\w*|odbier\w*|kurier\w*|przesy(ł|l)k\w*|wysy(ł|l)k\w*|dostaw\w*|zwrot\w*|zwraca\w*|wymian\w*|pieni(ą|a|ę|e)dz\w*|kas(a|ę|e|y|ą)|przelew\w*|blik\w*|kart(a|ą|ę|e|y)|got(ó|o)wk\w*|gwarancj\w*|reklamac\w*|r(ę|e)kojm\w*|termin\w*|dni|tydz\w*|tygod\w*|paragon\w*|faktur\w*|foli\w*|rozpakow\w*|otwar\w*|otworzy\w*|opakowa\w*|monta(ż|z)\w*|sk(ł|l)ada\w*|czeka\w*)\b|회수|수거|반송|반품|교환|택배|배송|비용|요금|얼마|무료|유료|환불|돈|결제|카드|계좌|입금|보증|기간|며칠|개봉|포장|설치|조립|영수증/u,
);

/** A fault told ("is it broken?" is a problem report, not a question for the documents). */
const FAULT = unicodeWords(
  /damag|\bbr(oke|oken)\b|defect|faulty|\btorn\b|ripped|stain|scratch|crack|(doesn'?t|does not|not) work|uszkodz|wadliw|zepsu|p(ę|e)k(ł|l|n)|rozdar|porysowan|nie dzia(ł|l)a|rozbit|st(ł|l)uczon|파손|불량|하자|찢어|얼룩|깨져|깨졌|흠집|스크래치|고장/u,
);

/**
 * A short or colloquial question about what the documents cover, with no other intent read in it:
 * "회수비는 얼마예요?", "소파는요? 회수비 있어요", "a łóżko?", "ok a ile czekam na kase", "mozna placic
 * blikiem". The topic is a policy word or a kind of product the glossary knows; no fault is told.
 */
function asksAboutTopic(raw: string, t: string): boolean {
  if (!/[?？]/u.test(raw) && !SHORT_QUESTION.test(t)) return false;
  if (FAULT.test(t) || saysWrongOrMissing(t)) return false;
  return POLICY_TOPIC.test(t) || productPhrases(raw).length > 0;
}

export function classify(text: string): Classification {
  const t = understood(text);
  if (!t) return { intent: 'other', confidence: 0, ambiguous: false, candidates: [] };
  const scored = classifyScores(t);
  // No intent read, but a question about a topic the documents cover: looked up, not a menu.
  if (scored.intent === 'other' && asksAboutTopic(text, t))
    return asPolicyQuestion(t, Math.max(scored.confidence, THRESHOLD));
  // "When is customer service open?": a question the documents answer, not a request for a person.
  if (scored.intent === 'human' && asksAboutService(text)) {
    return asPolicyQuestion(t, Math.max(scored.confidence, THRESHOLD));
  }
  const top2 = scored.candidates.slice(0, 2).map((c) => c.intent);
  // A rules question read as a request would start a flow nobody asked for. (Ambiguous between the
  // two is already answered from the documents with a Start button by the skill: left as it is.)
  const readAsRequest = scored.ambiguous
    ? top2.some(isStart) && !top2.includes('policy_question')
    : isStart(scored.intent);
  if (readAsRequest && asksAboutRules(text, t)) {
    // The rules first, policy heading the list; the start reading stays a candidate (the skill
    // offers its button next to the answer).
    const all = classifyScores(t, true).candidates;
    const policy = all.find((c) => c.intent === 'policy_question')?.score ?? 0;
    const start = all.find((c) => isStart(c.intent))?.score ?? 0;
    return asPolicyQuestion(t, Math.max(policy, start, THRESHOLD), all);
  }
  if (!DURATION.test(t)) return scored;
  // Duration questions: the window (policy) unless the shopper asks to start one now.
  const pick = (i: Intent) => scored.candidates.find((c) => c.intent === i)?.score ?? 0;
  if (START_REQUEST.test(t)) {
    const all = classifyScores(t, true);
    const ret = all.candidates.find((c) => c.intent === 'start_return')?.score ?? 0;
    const exc = all.candidates.find((c) => c.intent === 'start_exchange')?.score ?? 0;
    const intent: Intent = exc > ret ? 'start_exchange' : 'start_return';
    return { ...scored, intent, confidence: Math.max(ret, exc, THRESHOLD), ambiguous: false };
  }
  if (scored.intent === 'human' || scored.intent === 'dispute') return scored;
  return {
    ...scored,
    intent: 'policy_question',
    confidence: Math.max(pick('policy_question'), THRESHOLD),
    ambiguous: false,
  };
}

function classifyScores(t: string, allCandidates = false): Classification {
  const v = ngrams(t);
  const n = norm(v);
  const sims: Record<string, number[]> = {};
  const all = similarities(v, n);
  INDEX.forEach((ex, i) => {
    sims[ex.intent] ??= [];
    sims[ex.intent]!.push(all[i]!);
  });
  const scores = INTENTS.map((intent) => {
    let lex = 0;
    for (const [re, w] of LEXICON[intent]) if (re.test(t)) lex += w;
    const top = (sims[intent] ?? []).sort((a, b) => b - a);
    const sim = ((top[0] ?? 0) * 2 + (top[1] ?? 0)) / 3;
    const score = 0.65 * (1 - Math.exp(-lex)) + 0.35 * Math.min(1, sim * 1.6);
    return { intent: intent as Intent, score };
  }).sort((a, b) => b.score - a.score);
  if (allCandidates) return { intent: 'other', confidence: 0, ambiguous: false, candidates: scores };
  const [best, second] = scores;
  if (!best || best.score < THRESHOLD)
    return {
      intent: 'other',
      confidence: best?.score ?? 0,
      ambiguous: false,
      candidates: scores.slice(0, 3),
    };
  // Greetings/thanks next to a real request never make the request ambiguous.
  const social = (i: Intent) => i === 'greeting' || i === 'thanks';
  if (social(best.intent) && second && !social(second.intent) && second.score >= THRESHOLD) {
    return {
      intent: second.intent,
      confidence: second.score,
      ambiguous: false,
      candidates: scores.slice(0, 3),
    };
  }
  const close =
    second &&
    !social(second.intent) &&
    (best.score - second.score < MARGIN || (second.score >= 0.45 && second.score / best.score > RATIO));
  // Related pairs that the skill can resolve itself are not worth a question.
  const compatible =
    close &&
    // A frustrated shopper gets a person, not a menu, whatever else the message touches.
    (best.intent === 'dispute' ||
      (best.intent === 'human' && second.intent === 'dispute') ||
      // A policy question phrased around returning ("how many days do I have to return an item?"):
      // the answer is harmless and the shopper can start the return right after.
      (best.intent === 'policy_question' &&
        (second.intent === 'start_return' || second.intent === 'start_exchange')) ||
      // "반품한 거 환불 상태 확인하고 싶어요", "when is my refund? I sent it back a week ago": status clearly
      // ahead of a rules or start reading. Where their returns stand is the answer; nothing starts.
      (best.intent === 'return_status' &&
        best.score - second.score >= MARGIN &&
        (second.intent === 'policy_question' || isStart(second.intent))));
  return {
    intent: best.intent,
    confidence: best.score,
    ambiguous: Boolean(close && !compatible),
    candidates: scores.slice(0, 3),
  };
}
