import { classify, type Intent } from './intents';
import { looksLikeQuestion } from './skill';

/**
 * Shopper messages nobody wrote fixtures or lexicon entries for, labelled before the classifier was
 * measured on them: varied word order, no spaces / 요 / 습니다 / 반말 in Korean, Polish without
 * diacritics and with typos, English contractions, questions about conditions after a date, and
 * messages that are none of the intents. A label list means either reading leads to the same reply
 * (a question the skill has no intent for goes to the documents, like a policy question).
 *
 * Labelling rule: "can I / czy mogę / czy można / 되나요 / 할 수 있나요" about a condition is a
 * question about the rules (policy_question; the skill answers and offers a Start button); "I want
 * to / chcę / 할게요 / 해 주세요" is a request.
 */
type Probe = [text: string, expected: Intent | Intent[]];

const Q_OR_OTHER: Intent[] = ['other', 'policy_question'];

export const PROBE_EN: Probe[] = [
  // Questions about the rules, conditions after a date included.
  ["can I return a jacket I've already worn once?", 'policy_question'],
  ['Can I still return these after 3 weeks?', 'policy_question'],
  ['is it possible to exchange shoes after 30 days', 'policy_question'],
  ["what's your policy on returning swimwear", 'policy_question'],
  ['do I have to pay for return shipping?', 'policy_question'],
  ['Are sale items returnable?', 'policy_question'],
  ['can you exchange stuff bought with a gift card?', 'policy_question'],
  ['do I need the original box to send something back?', 'policy_question'],
  ['I lost the receipt, can I still return it?', 'policy_question'],
  ['how does the exchange process work?', 'policy_question'],
  ['Can items bought in store be returned by mail?', 'policy_question'],
  ['Is there a restocking fee?', 'policy_question'],
  ['if I ordered the wrong size can I swap it later?', 'policy_question'],
  ['are returns accepted after christmas?', 'policy_question'],
  ["It's been a month since delivery, can I still exchange it?", 'policy_question'],
  ['can i send back shoes i wore outside', 'policy_question'],
  // Requests.
  ["I'd like to return the blue sweater please", 'start_return'],
  ['i want to send back my order', 'start_return'],
  ['Please start a return for order 1042', 'start_return'],
  ["gonna need to return these sneakers, they're too tight", 'start_return'],
  ['I need a refund for the dress I got yesterday', 'start_return'],
  ['i wanna return this', 'start_return'],
  ['I want to exchange my jeans for a size 32', 'start_exchange'],
  ['Please swap the black hoodie for a grey one', 'start_exchange'],
  ['I need these in a bigger size', 'start_exchange'],
  ["I'd like to exchange the shirt I ordered", 'start_exchange'],
  // Status.
  ['did you get my return yet?', 'return_status'],
  ["what's happening with my refund", 'return_status'],
  ["It's been 2 weeks and I still haven't seen the money", 'return_status'],
  ['has my refund gone through?', 'return_status'],
  ['when do I get my refund for the returned boots?', 'return_status'],
  ['Any update on the return I sent last Monday?', 'return_status'],
  // A person.
  ['can I speak to someone please', 'human'],
  ["I'd rather talk to a real human", 'human'],
  ['is there a person I can chat with?', 'human'],
  ['let me talk to your support team', 'human'],
  // Disputes.
  ["That's not right, I returned it within 14 days", 'dispute'],
  ['This is unacceptable, you rejected my return for no reason', 'dispute'],
  ["I'm really unhappy with how this was handled", 'dispute'],
  ["you guys lost my package and now won't refund me?? ridiculous", 'dispute'],
  // Social.
  ['hey', 'greeting'],
  ['Good evening!', 'greeting'],
  ["thanks so much, that's everything", 'thanks'],
  ['many thanks!', 'thanks'],
  // None of these.
  ['what time is it', Q_OR_OTHER],
  ['do you sell gift cards?', Q_OR_OTHER],
  ['my cat knocked the laptop off the table lol', 'other'],
  ['ok', 'other'],
  ['the weather is nice today', 'other'],
  ["I'm looking for a winter coat in size M", 'other'],
  // Second round, written after the first fixes and measured before the next ones.
  ['Could I return a hoodie that I bought 40 days ago?', 'policy_question'],
  ['is exchanging allowed for items bought on sale', 'policy_question'],
  ['can u exchange a jacket if the zip is broken', 'policy_question'],
  ['will you take back shoes that were worn outside?', 'policy_question'],
  ['do refunds go back to the original card?', 'policy_question'],
  ["I'd like to return my order #1003", 'start_return'],
  ['I need to send these trousers back', 'start_return'],
  ['I want to swap my sneakers for a half size up', 'start_exchange'],
  ['wanna exchange the red dress for blue', 'start_exchange'],
  ['Has the warehouse received my parcel?', 'return_status'],
  ["I returned the boots 10 days ago and haven't heard anything", 'return_status'],
  ["when's my refund coming", 'return_status'],
  ['put me in touch with a real person', 'human'],
  ['can I get a human on the line?', 'human'],
  ["I'm furious, this is the third broken order", 'dispute'],
  ['your decision is wrong, the item was faulty when it arrived', 'dispute'],
  ['good morning', 'greeting'],
  ['cheers mate', 'thanks'],
  ['how are you?', ['other', 'greeting', 'policy_question']],
  ['do you ship to Norway?', Q_OR_OTHER],
  // Third round, likewise.
  ['am I allowed to return a swimsuit if the hygiene strip is still on?', 'policy_question'],
  ['Could I exchange a gift I received?', 'policy_question'],
  ['is it too late to return something from november?', 'policy_question'],
  ['return label please for order 1009', 'start_return'],
  ["I'd like a refund on the lamp", 'start_return'],
  ['need to exchange these boots, wrong size', 'start_exchange'],
  ["Where's my money for the returned jacket??", 'return_status'],
  ['you got my parcel back yet?', 'return_status'],
  ['I want to talk to someone, not a bot', 'human'],
  ["this is a joke, I've been waiting a month", 'dispute'],
  ['thank u', 'thanks'],
  ['what colours does the jacket come in?', Q_OR_OTHER],
];

export const PROBE_KO: Probe[] = [
  ['30일 지나서도 반품돼요?', 'policy_question'],
  ['세일상품교환가능한가요', 'policy_question'],
  ['이미 한번 입은 옷도 반품할 수 있나요?', 'policy_question'],
  ['반품 배송비 제가 내야 돼?', 'policy_question'],
  ['영수증 없어도 교환 되나요', 'policy_question'],
  ['택 떼면 반품 안 되나요?', 'policy_question'],
  ['교환은 몇 번까지 가능합니까?', 'policy_question'],
  ['2주 지났는데 반품 가능할까요?', 'policy_question'],
  ['선물받은 상품도 환불되나요?', 'policy_question'],
  ['해외에서 주문한건데 반품 할수있어?', 'policy_question'],
  ['반품 규정 좀 알려줘', 'policy_question'],
  ['개봉한 화장품도 반품 받아주시나요?', 'policy_question'],
  ['교환하면 배송비 드나요?', 'policy_question'],
  ['한 달 지나서 교환 돼요?', 'policy_question'],
  ['신발 신어봤는데 교환할 수 있어요?', 'policy_question'],
  ['반품하려면 어떻게 해야 하나요?', ['start_return', 'policy_question']],
  // Requests.
  ['이 바지 반품할게', 'start_return'],
  ['반품 진행해 주세요', 'start_return'],
  ['운동화 반품 하고싶습니다', 'start_return'],
  ['환불해주세요', 'start_return'],
  ['반품신청하려구요', 'start_return'],
  ['어제 받은 원피스 돌려보낼래요', 'start_return'],
  ['주문 1042 반품 부탁드립니다', 'start_return'],
  ['사이즈 교환해줘', 'start_exchange'],
  ['검정색으로 바꿔 주세요', 'start_exchange'],
  ['한 사이즈 큰걸로 교환하고싶어요', 'start_exchange'],
  ['신발 교환 신청합니다', 'start_exchange'],
  // Status.
  ['환불 언제 돼?', 'return_status'],
  ['반품 보낸 거 도착했나요?', 'return_status'],
  ['환불금 아직 못 받았어요', 'return_status'],
  ['반품 처리 다 됐나요?', 'return_status'],
  ['돈 언제 들어와요?', 'return_status'],
  ['지난주에 반품했는데 어떻게 됐는지 궁금해요', 'return_status'],
  // A person.
  ['사람이랑 통화하고 싶어', 'human'],
  ['상담원 좀 바꿔주세요', 'human'],
  ['직원분이랑 얘기할 수 있을까요?', 'human'],
  ['고객센터 연결 부탁드려요', 'human'],
  // Disputes.
  ['이건 말이 안 되잖아요', 'dispute'],
  ['14일 안에 보냈는데 왜 거절해요? 납득이 안 돼요', 'dispute'],
  ['진짜 너무하네요 환불 거부라니', 'dispute'],
  ['불량품 보내놓고 반품비를 저한테 내라고요? 어이없네', 'dispute'],
  // Social.
  ['안녕하세용', 'greeting'],
  ['하이', 'greeting'],
  ['감사해요!', 'thanks'],
  ['알겠습니다 고마워요', 'thanks'],
  // None of these.
  ['오늘 날씨 좋네요', 'other'],
  ['ㅋㅋㅋ', 'other'],
  ['겨울 코트 추천해 주세요', 'other'],
  ['네', 'other'],
  ['매장 영업시간이 어떻게 되나요?', Q_OR_OTHER],
  // Second round, written after the first fixes and measured before the next ones.
  ['40일 지났는데 반품 되나요?', 'policy_question'],
  ['할인상품은교환안되나요', 'policy_question'],
  ['착용한 제품도 환불 가능해?', 'policy_question'],
  ['반품하면 배송비 얼마예요?', 'policy_question'],
  ['교환 배송비는 누가 내요?', 'policy_question'],
  ['이 셔츠 반품하고 싶어요', 'start_return'],
  ['주문한 가방 환불 부탁해요', 'start_return'],
  ['사이즈가 작아서 반품할래요', 'start_return'],
  ['바지 한 치수 작은 걸로 바꿔줘', 'start_exchange'],
  ['색깔 다른 걸로 교환할게요', 'start_exchange'],
  ['반품한 거 환불 언제 돼요?', 'return_status'],
  ['반송한 상품 받으셨어요?', 'return_status'],
  ['환불 처리 아직이에요?', 'return_status'],
  ['상담사 연결해줘', 'human'],
  ['사람하고 직접 이야기하고 싶습니다', 'human'],
  ['세 번째 불량이에요 진짜 화나네요', 'dispute'],
  ['제 반품을 왜 거절하셨죠? 부당해요', 'dispute'],
  ['안녕하세요 문의드릴게 있어요', ['greeting', 'other']],
  ['감사합니다 좋은 하루 되세요', 'thanks'],
  ['배송 언제 와요?', Q_OR_OTHER],
  // Third round, likewise.
  ['반품 기한 지나면 교환도 안 되나요?', 'policy_question'],
  ['포장 뜯었는데 환불받을수있나요', 'policy_question'],
  ['교환 신청할게요', 'start_exchange'],
  ['환불 받고 싶습니다', 'start_return'],
  ['이거 돌려보내고 싶은데요', 'start_return'],
  ['반품 접수된 거 맞나요?', 'return_status'],
  ['환불 들어왔는지 확인 좀 해주세요', 'return_status'],
  ['상담원이랑 얘기하고 싶어요', 'human'],
  ['또 불량이네요 정말 실망입니다', 'dispute'],
  ['고마워', 'thanks'],
  ['이 신발 재입고 되나요?', Q_OR_OTHER],
  ['흠', 'other'],
];

export const PROBE_PL: Probe[] = [
  ['Czy kurtkę można wymienić po 20 dniach?', 'policy_question'],
  ['moge oddac kurtke?', 'policy_question'],
  ['Czy da się zwrócić buty po 30 dniach?', 'policy_question'],
  ['czy mozna zwrocic rzeczy z wyprzedazy', 'policy_question'],
  ['Ile kosztuje odesłanie paczki?', 'policy_question'],
  ['Czy muszę mieć paragon, żeby zwrócić towar?', 'policy_question'],
  ['czy zwrot jest mozliwy po miesiacu', 'policy_question'],
  ['Mogę wymienić spodnie, jeśli już je nosiłem?', 'policy_question'],
  ['Czy przyjmujecie zwroty bez oryginalnego opakowania?', 'policy_question'],
  ['Jakie są warunki wymiany?', 'policy_question'],
  ['Czy za wymianę trzeba płacić?', 'policy_question'],
  ['a zwroty z zagranicy są możliwe?', 'policy_question'],
  ['Czy można oddać prezent bez paragonu?', 'policy_question'],
  ['Czy mogę zwrócić sukienkę, którą kupiłam 3 tygodnie temu?', 'policy_question'],
  ['Buty można zwrócić po użyciu?', 'policy_question'],
  ['czy zwrócę pieniądze za przesyłkę?', ['policy_question', 'return_status']],
  // Requests.
  ['Chcę oddać kurtkę', 'start_return'],
  ['chce zwrocic buty', 'start_return'],
  ['Proszę o zwrot pieniędzy za sweter', 'start_return'],
  ['Zwracam zamówienie 1042', 'start_return'],
  ['Chciałbym odesłać spodnie, są za małe', 'start_return'],
  ['chciałam zgłosić zwrot', 'start_return'],
  ['Potrzebuję zwrócić dwie koszulki', 'start_return'],
  ['Chcę wymienić buty na rozmiar 42', 'start_exchange'],
  ['prosze o wymiane kurtki na mniejsza', 'start_exchange'],
  ['Chciałabym zamienić sukienkę na inny kolor', 'start_exchange'],
  ['Potrzebuję większy rozmiar tej bluzy', 'start_exchange'],
  // Status.
  ['Kiedy dostanę pieniądze?', 'return_status'],
  ['Co z moim zwrotem?', 'return_status'],
  ['czy dotarła moja paczka ze zwrotem?', 'return_status'],
  ['Odesłałem buty dwa tygodnie temu i dalej nie ma przelewu', 'return_status'],
  ['na jakim etapie jest moj zwrot', 'return_status'],
  ['Zwrot został już przyjęty?', 'return_status'],
  // A person.
  ['Chcę rozmawiać z człowiekiem', 'human'],
  ['poprosze kogos z obslugi', 'human'],
  ['Czy jest ktoś żywy?', 'human'],
  ['Proszę przekazać mnie do konsultanta', 'human'],
  // Disputes.
  ['To jest nie fair, odesłałam w terminie', 'dispute'],
  ['Nie rozumiem czemu odrzuciliście mój zwrot, to absurd', 'dispute'],
  ['Jestem bardzo niezadowolona z obsługi', 'dispute'],
  ['skandal, trzeci raz dostaję uszkodzony towar', 'dispute'],
  // Social.
  ['Hej!', 'greeting'],
  ['Dzień dobry, mam pytanie', 'greeting'],
  ['Dzięki wielkie!', 'thanks'],
  ['ok, dziekuje', 'thanks'],
  // None of these.
  ['Jaka będzie jutro pogoda?', Q_OR_OTHER],
  ['szukam zimowej kurtki w rozmiarze M', 'other'],
  ['ok', 'other'],
  ['Macie sklep w Krakowie?', Q_OR_OTHER],
  ['hmm', 'other'],
  // Second round, written after the first fixes and measured before the next ones.
  ['Czy mozna oddac buty po 3 tygodniach?', 'policy_question'],
  ['kurtke z promocji da sie wymienic?', 'policy_question'],
  ['Czy zwracacie koszty wysyłki?', 'policy_question'],
  ['Czy można zwrócić rzeczy bez metki?', 'policy_question'],
  ['Mogę zwrócić spodnie kupione w sklepie stacjonarnym?', 'policy_question'],
  ['Chciałabym zwrócić płaszcz', 'start_return'],
  ['chce oddac sweter bo jest za duzy', 'start_return'],
  ['Muszę zwrócić zamówienie nr 1042', 'start_return'],
  ['Chcę wymienić sukienkę na rozmiar S', 'start_exchange'],
  ['poproszę wymianę butów na 43', 'start_exchange'],
  ['Kiedy wróci kasa za zwrot?', 'return_status'],
  ['Czy mój zwrot już do was dotarł?', 'return_status'],
  ['Odesłałam kurtkę, co dalej ze zwrotem?', 'return_status'],
  ['Proszę o kontakt z człowiekiem', 'human'],
  ['Czy mogę porozmawiać z kimś z obsługi?', 'human'],
  ['To już trzeci raz, jestem wściekła', 'dispute'],
  ['Nie zgadzam się z odmową zwrotu', 'dispute'],
  ['Siema', 'greeting'],
  ['Wielkie dzięki za pomoc', 'thanks'],
  ['Kiedy dostanę moje zamówienie?', Q_OR_OTHER],
  // Third round, likewise.
  ['czy moge wymienic buty ktore juz zalozylem?', 'policy_question'],
  ['Da się oddać rzeczy kupione na Black Friday?', 'policy_question'],
  ['Czy zwrot jest płatny?', 'policy_question'],
  ['chce zrobic zwrot', 'start_return'],
  ['Proszę o wymianę rozmiaru', 'start_exchange'],
  ['oddaje kurtke, jest wadliwa', 'start_return'],
  ['Czy pieniądze za zwrot już zostały wysłane?', 'return_status'],
  ['jak tam mój zwrot?', 'return_status'],
  ['Chcę pogadać z kimś prawdziwym', 'human'],
  ['Jestem wkurzona, to już drugi reklamowany produkt', 'dispute'],
  ['dzięki!', 'thanks'],
  ['Jaki rozmiar polecacie?', Q_OR_OTHER],
];

export function accepted(p: Probe): Intent[] {
  return Array.isArray(p[1]) ? p[1] : [p[1]];
}

/**
 * The reading the shopper gets: the intent, or 'ask' (a clarifying question). A question read as
 * both a rules question and a request is not asked about: the skill answers it from the documents
 * with a Start button (skill.ts), i.e. as a policy question.
 */
export function reading(text: string): Intent | 'ask' {
  const c = classify(text);
  const start = (i: Intent) => i === 'start_return' || i === 'start_exchange';
  // A weak request reading of a question is answered from the documents with a Start button too.
  if (!c.ambiguous && start(c.intent) && c.confidence < 0.5 && looksLikeQuestion(text))
    return 'policy_question';
  if (!c.ambiguous) return c.intent;
  const top = c.candidates.slice(0, 2).map((x) => x.intent);
  const offer = c.candidates.some((x) => start(x.intent) && x.score >= 0.5);
  return top.includes('policy_question') && offer && looksLikeQuestion(text) ? 'policy_question' : 'ask';
}

/** Right when the reading is one of the labels. */
export function correct(p: Probe): boolean {
  return (accepted(p) as (Intent | 'ask')[]).includes(reading(p[0]));
}

// Measured, 82 per language (50 + 20 + 12), as the shopper's reading: before (8ae5e3c) en 71%, ko 79%,
// pl 72%; after en 100%, ko 99%, pl 99%. Each later round was measured unseen before its fixes:
// round 2 en 75%, ko 95%, pl 90%; round 3 en 75%, ko 92%, pl 75%.
const FLOOR = { en: 0.95, ko: 0.95, pl: 0.95 };

const ALL = [...PROBE_EN, ...PROBE_KO, ...PROBE_PL];
const only = (p: Probe, intent: Intent) => accepted(p).length === 1 && accepted(p)[0] === intent;
const START: (Intent | 'ask')[] = ['start_return', 'start_exchange'];

describe('intent classifier on unseen phrasings', () => {
  it.each([
    ['en', PROBE_EN],
    ['ko', PROBE_KO],
    ['pl', PROBE_PL],
  ] as const)('%s: accuracy floor', (lang, set) => {
    const wrong = set.filter((p) => !correct(p)).map((p) => p[0]);
    const accuracy = (set.length - wrong.length) / set.length;
    expect({ lang, accuracy: accuracy >= FLOOR[lang], wrong }).toEqual(
      expect.objectContaining({ lang, accuracy: true }),
    );
  });

  // A question must never start a flow the shopper did not ask for.
  it.each(ALL.filter((p) => only(p, 'policy_question')).map((p) => p[0]))(
    'a rules question is not a request: %s',
    (text) => {
      expect(START).not.toContain(reading(text));
    },
  );

  it.each(ALL.filter((p) => only(p, 'other')).map((p) => p[0]))('small talk starts nothing: %s', (text) => {
    expect(START).not.toContain(reading(text));
  });

  // Asking where a return stands never opens a new one; asking for a person gets one.
  it.each(ALL.filter((p) => only(p, 'return_status')).map((p) => p[0]))(
    'status is not a new return: %s',
    (text) => {
      expect(START).not.toContain(reading(text));
    },
  );

  it.each(ALL.filter((p) => only(p, 'human') || only(p, 'dispute')).map((p) => p[0]))(
    'a person when asked for or when upset: %s',
    (text) => {
      expect(['human', 'dispute']).toContain(reading(text));
    },
  );
});
