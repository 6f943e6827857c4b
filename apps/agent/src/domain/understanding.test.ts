import { extractEntities } from './extract';
import { classify } from './intents';
import { detectLanguage } from './language';
import {
  customerText,
  isCancel,
  localMoney,
  numberedChoice,
  reportsProblem,
  returnReasonOf,
  sectionBelow,
  symbolsOnly,
} from './skill';

// Held-out phrasings: none of these strings is an example utterance of the classifier.
const HELD_OUT: [string, string][] = [
  ['Do you take back items bought on sale?', 'policy_question'],
  ['How much time do I have to send something back?', 'policy_question'],
  ['Are returns free of charge?', 'policy_question'],
  ['How many days do I have to return an item?', 'policy_question'],
  ['I would like to send back the sneakers from my last order', 'start_return'],
  ['Need to return a sweater, it does not fit', 'start_return'],
  ['Could I get these jeans in a smaller size instead?', 'start_exchange'],
  ['Any news on my refund? It has been two weeks', 'return_status'],
  ['I sent the parcel back, did you get it? when is the refund coming', 'return_status'],
  ['Please put me through to a person', 'human'],
  ['This is absurd, I disagree completely', 'dispute'],
  ['Hey there!', 'greeting'],
  ['Cheers, that helped', 'thanks'],
  ['교환이나 반품 기준이 궁금해요', 'policy_question'],
  ['해외 배송 상품은 반품이 되나요?', 'policy_question'],
  ['어제 받은 코트 반품 접수하려고 합니다', 'start_return'],
  ['바지 사이즈를 한 치수 큰 걸로 바꾸고 싶습니다', 'start_exchange'],
  ['환불 처리가 어떻게 되고 있는지 궁금합니다', 'return_status'],
  ['담당자랑 직접 이야기할래요', 'human'],
  ['이건 정말 부당한 처리네요', 'dispute'],
  ['안녕하세요~', 'greeting'],
  ['정말 고맙습니다', 'thanks'],
  ['Czy produkty z promocji podlegają zwrotowi?', 'policy_question'],
  ['Ile czasu mam na odesłanie towaru?', 'policy_question'],
  ['Chciałbym zwrócić spodnie z ostatniego zamówienia', 'start_return'],
  ['Czy mogę wymienić bluzę na rozmiar M?', 'start_exchange'],
  ['Kiedy otrzymam pieniądze za zwrócone buty?', 'return_status'],
  ['Poproszę o kontakt z konsultantem', 'human'],
  ['To jest skandal, nie zgadzam się', 'dispute'],
  ['Dzień dobry!', 'greeting'],
  ['Dziękuję za pomoc', 'thanks'],
];

// Found by hand with the demo stores (contractions, phrasal verbs with the object in between,
// frustration, "already sent it back"): each was misread before.
const FOUND_BY_HAND: [string, string][] = [
  ["I'd like to send back the boots from my last order", 'start_return'],
  ['I want to send these boots back', 'start_return'],
  ['the jacket does not fit, can I get my money back?', 'start_return'],
  ['This is the second time you sent me a broken item, I am done', 'dispute'],
  ['To już drugi raz, kiedy przychodzi zepsuty towar, mam dość', 'dispute'],
  ['벌써 두 번째 불량품이에요 짜증나요', 'dispute'],
  ['I sent it back last week, any news?', 'return_status'],
  ['Odesłałam paczkę tydzień temu i nic', 'return_status'],
  ['지난주에 반품 보냈는데 아직 소식이 없어요', 'return_status'],
  ['where is my money', 'return_status'],
  // "Do you accept …?" is a question about the rules, not a request.
  ['Czy przyjmujecie zwroty w sklepie stacjonarnym?', 'policy_question'],
  ['매장에서도 반품 받나요?', 'policy_question'],
  ['Do you accept returns in store?', 'policy_question'],
  ['I used my boots on one hike and the sole came off, can I still return them?', 'policy_question'],
  ["I'm still waiting for my refund", 'return_status'],
  // QA: read as status, but "ambiguous" with a rules or start reading, so the shopper got a menu.
  ['환불 언제 되나요? 반품 보낸지 일주일 넘었어요', 'return_status'],
  ['반품한 거 환불 상태 확인하고 싶어요', 'return_status'],
];

// Reported by colleagues on real phrasing: duration questions are policy questions.
const REPORTED: [string, string][] = [
  ['Ile mam dni na zwrot towaru?', 'policy_question'],
  ['Jak długo mogę zwrócić kurtkę?', 'policy_question'],
  ['반품 기간이 며칠인가요?', 'policy_question'],
  ['반품은 며칠 안에 해야 하나요?', 'policy_question'],
];

// Written before the duration rule was added and never tuned on: duration/deadline questions in
// other words, and explicit requests to start a return that mention time (those stay start_return).
const HELD_OUT_DURATION: [string, string][] = [
  ['Do kiedy mogę oddać spodnie?', 'policy_question'],
  ['W jakim czasie trzeba odesłać buty?', 'policy_question'],
  ['Ile tygodni mam na oddanie sukienki?', 'policy_question'],
  ['How long have I got to send the boots back?', 'policy_question'],
  ['Until when can I return a sweater I bought last week?', 'policy_question'],
  ["What's the time limit for returning shoes?", 'policy_question'],
  ['환불 신청은 언제까지 가능한가요?', 'policy_question'],
  ['구매 후 몇 일까지 반품되나요?', 'policy_question'],
  ['반품 가능 기간이 얼마나 되나요?', 'policy_question'],
  ['Chcę zwrócić buty, ile mam na to dni?', 'start_return'],
  ['I want to start a return for my jacket, how long do I have?', 'start_return'],
  ['반품 신청하고 싶어요. 며칠 걸리나요?', 'start_return'],
];

describe('intent classifier', () => {
  it.each([...REPORTED, ...HELD_OUT_DURATION])('duration: %s → %s', (text, intent) => {
    const c = classify(text);
    expect(c.intent).toBe(intent);
    expect(c.ambiguous).toBe(false);
  });

  it.each(FOUND_BY_HAND)('found by hand: %s → %s', (text, intent) => {
    const c = classify(text);
    expect(c.intent).toBe(intent);
    expect(c.ambiguous).toBe(false);
  });

  it.each(HELD_OUT)('%s → %s', (text, intent) => {
    const c = classify(text);
    expect(c.intent).toBe(intent);
    expect(c.ambiguous).toBe(false);
  });

  // Where refunds are paid to is a rule (answered from the documents); where my refund is, a status.
  it.each([
    ['I paid with BLIK, where does my refund go?', 'policy_question'],
    ['Which card will the refund go to?', 'policy_question'],
    ['Płaciłam BLIKiem, na jakie konto wróci zwrot?', 'policy_question'],
    ['Gdzie trafią pieniądze za zwrot, płaciłam kartą?', 'policy_question'],
    ['무통장입금으로 결제했는데 환불은 어디로 들어와요?', 'policy_question'],
    ['Where is my refund?', 'return_status'],
    ['Gdzie jest mój zwrot?', 'return_status'],
    ['환불 어디까지 진행됐어요?', 'return_status'],
  ])('refund destination or status: %s → %s', (text, intent) => {
    const c = classify(text);
    expect(c.intent).toBe(intent);
    expect(c.ambiguous).toBe(false);
  });

  it('asks instead of guessing when a message carries no clear intent', () => {
    for (const text of [
      'I want to return it or exchange it',
      'zwrot czy wymiana?',
      'hmm what about the blue one',
    ]) {
      const c = classify(text);
      expect(c.ambiguous || c.intent === 'other').toBe(true);
    }
  });
});

describe('language detection', () => {
  it.each([
    ['반품하고 싶어요', 'ko'],
    ['주문 1001 반품', 'ko'],
    ['Chciałabym zwrócić kurtkę', 'pl'],
    ['chce zwrocic buty z zamowienia', 'pl'],
    ['jak dlugo trwa zwrot pieniedzy', 'pl'],
    ['I want to return my jacket', 'en'],
    ['where is my refund', 'en'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text, 'en').language).toBe(lang);
  });

  it('keeps the conversation language for messages without language signal', () => {
    expect(detectLanguage('123456', 'pl')).toEqual({ language: 'pl', confident: false, fallback: true });
    expect(detectLanguage('jan@example.com', 'ko').language).toBe('ko');
    expect(detectLanguage('#1001', 'ko').language).toBe('ko');
  });
});

describe('entity extraction', () => {
  it.each([
    ['I want to return order #1001', ['1001']],
    ['zamówienie nr 1002 proszę', ['1002']],
    ['주문번호 1003 반품할게요', ['1003']],
    ['주문 #1004', ['1004']],
    ['order no. 1005 and 1006', ['1005']],
    ['1007', ['1007']],
  ])('%s → %j', (text, refs) => {
    expect(extractEntities(text).orderRefs).toEqual(refs);
  });

  it.each([
    ['my order RG1041', ['RG1041']],
    ['zamówienie KR-1041', ['KR-1041']],
    ['주문번호 #1041-A 교환하고 싶어요', ['1041-A']],
    ['order rg1041', ['RG1041']],
    ['RG1041 주문 반품이요', ['RG1041']],
    ['KR-1041', ['KR-1041']],
    ['a co z zamówieniem #RF 1003?', ['RF1003']],
    ['rf-1002', ['RF-1002']],
    ['RF１００７', ['RF1007']],
    ['３０１０１번 주문이요', ['30101']],
    ['주문번호 30,102', ['30102']],
  ])('an order name with the shop’s prefix / suffix: %s → %j', (text, refs) => {
    expect(extractEntities(text).orderRefs).toEqual(refs);
  });

  it.each([
    'my phone number is 601 234 567',
    'call me at 555-123-4567',
    'mój numer telefonu: +48 601 234 567',
    'it was delivered on 2026-11-13',
    'dostarczone 13.11.2026',
    'it came on Nov 13, 2026',
    'zamówiłam w listopadzie 2026',
    '2026년 11월 13일에 받았어요',
    'I paid $129 for it',
    'zapłaciłam 129,99 zł',
    '39000원 결제했어요',
    'kod pocztowy 00-950',
    'my zip is 97205',
    '우편번호 06236',
    'phone number 5551234',
    'bought in 2024',
    'PLN 1000',
    'zamówienie za 1,299 zł',
  ])('no order in a phone number, date, price or postal code: %s', (text) => {
    expect(extractEntities(text).orderRefs).toEqual([]);
  });

  it('reads emails and one-time codes', () => {
    expect(extractEntities('mój email to Jan.Kowalski@Example.pl').email).toBe('jan.kowalski@example.pl');
    expect(extractEntities('코드는 482913 입니다', { expectingCode: true }).code).toBe('482913');
    expect(extractEntities('the code is 482913', { expectingCode: true }).orderRefs).toEqual([]);
  });
});

describe('problem reports and return reasons (Unicode words)', () => {
  it('reads a problem next to Polish letters and a reason only from whole words', () => {
    expect(
      ['Kurtka ma wadę szwu', 'Buty mają wady', '지퍼가 고장났어요', 'The zip broke'].map(reportsProblem),
    ).toEqual([true, true, true, true]);
    expect(
      [
        'Can I return an engraved plate?',
        'Is the translation of the policy available?',
        'What are the benefits of the club?',
        'Czy mogę oddać czekoladę?',
      ].map(returnReasonOf),
    ).toEqual([undefined, undefined, undefined, undefined]);
    expect(
      [
        'The boots do not fit, too small',
        'Kurtka nie pasuje, za mała',
        '사이즈가 안 맞아요',
        'Kurtka ma wadę',
        'to nie to, co zamówiłam',
        'I changed my mind',
        'Zmiana zdania, nie podoba mi się',
        '단순변심이에요',
        'The parcel arrived late for the party',
      ].map(returnReasonOf),
    ).toEqual([
      'size',
      'size',
      'size',
      'damaged',
      'wrong_item',
      'changed_mind',
      'changed_mind',
      'changed_mind',
      'late',
    ]);
  });
});

describe('a fault said not to be there is no fault (en, pl, ko)', () => {
  it('a negated fault is no problem report, and the reason is a change of mind', () => {
    for (const text of [
      "it's not broken, I just don't like it",
      'It is not damaged at all, I just changed my mind',
      "There's no damage, I just don't want it anymore",
      'nie jest uszkodzony, po prostu mi się nie podoba',
      'Buty nie są zepsute, rozmyśliłam się',
      'Kurtka nie ma żadnej wady, po prostu nie podoba mi się kolor',
      '고장 난 건 아니고 그냥 마음에 안 들어요',
      '불량은 아니고 단순 변심이에요',
      '파손된 건 아닌데 마음에 안 들어요',
      '하자는 없는데 마음에 안 들어요',
    ])
      expect({ text, problem: reportsProblem(text), reason: returnReasonOf(text) }).toEqual({
        text,
        problem: false,
        reason: 'changed_mind',
      });
  });

  it('a "not" that is not about the fault leaves the fault told', () => {
    for (const text of [
      'it does not work',
      "It's not broken on the outside but it does not work",
      "it's not just scratched, the screen is cracked",
      'nie działa',
      'nie jest porysowany, ale nie działa',
      'Słuchawki przestały działać',
      '작동이 안 돼요',
      '흠집은 없는데 작동이 안 돼요',
      '안 뜯었는데 고장났어요',
    ])
      expect({ text, problem: reportsProblem(text), reason: returnReasonOf(text) }).toEqual({
        text,
        problem: true,
        reason: 'damaged',
      });
  });
});

describe('cancels behind fillers, numbered answers, symbols, split codes', () => {
  it('reads a cancel behind a filler, not an unrelated message', () => {
    expect(
      [
        '아니다 취소할게요',
        'actually never mind',
        'oh well, forget it',
        'a jednak anuluj',
        'no to nieważne',
        '아 그냥 됐어요',
      ].map((t) => isCancel(t)),
    ).toEqual([true, true, true, true, true, true]);
    expect(['actually I want an exchange', 'no to zwrot', '아 교환할래요'].map((t) => isCancel(t))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('picks the numbered option from the last quick replies only', () => {
    const opts = ['intent:policy_question', 'intent:start_return', 'intent:start_exchange'];
    expect(['2', '2.', 'nr 2', '2번', ' 3) ', 'option 1'].map((t) => numberedChoice(t, opts))).toEqual([
      'intent:start_return',
      'intent:start_return',
      'intent:start_return',
      'intent:start_return',
      'intent:start_exchange',
      'intent:policy_question',
    ]);
    expect(
      ['4', '0', '2 jackets', '1001', '2'].map((t, i) => numberedChoice(t, i < 4 ? opts : undefined)),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads emoji-only messages and a lone question mark', () => {
    expect(
      ['👍', '👍👍', '👌', '🙏', '❤️', '👍🏽', '😀', '👋', '?', '🤔', '…', 'ok 👍'].map(symbolsOnly),
    ).toEqual([
      'thanks',
      'thanks',
      'thanks',
      'thanks',
      'thanks',
      'thanks',
      'greeting',
      'greeting',
      'unclear',
      'unclear',
      'unclear',
      undefined,
    ]);
  });

  it('reads a code typed in two halves only when a code is expected', () => {
    expect(extractEntities('497 778', { expectingCode: true }).code).toBe('497778');
    expect(extractEntities('kod: 497-778', { expectingCode: true }).code).toBe('497778');
    expect(extractEntities('497 778').code).toBeUndefined();
    expect(extractEntities('1497 7781', { expectingCode: true }).code).toBeUndefined();
  });
});

describe('citations', () => {
  it("shows the section below the document's title, not the title twice", () => {
    expect(sectionBelow('서울 스레드 교환·반품 안내', '서울 스레드 교환·반품 안내 > 반품 기간')).toBe(
      '반품 기간',
    );
    expect(sectionBelow('Zwroty', 'Zwroty > Termin > Wyjątki')).toBe('Termin > Wyjątki');
    expect(sectionBelow('Returns policy', 'Returns policy')).toBe('');
    expect(sectionBelow('Returns policy', 'Exchanges')).toBe('Exchanges');
  });
});

describe('money as the shopper reads it', () => {
  it('writes refund amounts the local way (QA: "59000 KRW", "349.00 PLN")', () => {
    expect(localMoney('59000 KRW', 'ko')).toBe('59,000원');
    expect(localMoney('349.00 PLN', 'pl')).toBe('349,00\u00a0zł');
    expect(localMoney('128.00 USD', 'en')).toBe('$128.00');
    expect(localMoney('no amount', 'en')).toBe('no amount');
  });
});

describe('a tapped button in the transcript', () => {
  it('reads as the button the shopper saw, in their language, not as its postback (ko, pl, en)', () => {
    const data = { recentOrders: [{ id: 'gid://shopify/Order/7', name: '#1002' }] };
    const tap = (postback: string, lang: 'ko' | 'pl' | 'en') =>
      customerText({ text: '', postback }, lang, {}, data);
    expect(tap('intent:human', 'ko')).toBe('[상담원 연결]');
    expect(tap('intent:start_exchange', 'pl')).toBe('[Rozpocznij wymianę]');
    expect(tap('intent:return_status', 'en')).toBe('[Refund status]');
    // An order id with colons of its own is the order's name.
    expect(tap('order:gid://shopify/Order/7', 'pl')).toBe('[#1002]');
    expect(tap('event:open', 'en')).toBe('[event:open]');
    expect(customerText({ text: 'hello', postback: 'intent:human' }, 'en', {}, data)).toBe('hello');
    expect(
      customerText(
        { text: '', postback: 'intent:human' },
        'ko',
        { talk_to_person: { ko: '사람과 대화' } },
        data,
      ),
    ).toBe('[사람과 대화]');
  });
});
