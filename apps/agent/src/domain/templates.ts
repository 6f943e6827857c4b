/** Localized reply templates (ko, pl, en). Tenants may override any key per language. */
import type { Lang } from './language';

type T = Record<Lang, string>;

export const TEMPLATES = {
  greeting: {
    en: 'Hi! I can answer questions about returns and exchanges, start a return or exchange, and check a refund.',
    ko: '안녕하세요! 반품·교환 문의 답변, 반품·교환 신청, 환불 상태 확인을 도와드릴 수 있어요.',
    pl: 'Dzień dobry! Mogę odpowiedzieć na pytania o zwroty i wymiany, rozpocząć zwrot lub wymianę i sprawdzić status zwrotu pieniędzy.',
  },
  thanks: {
    en: "You're welcome! Anything else I can help with?",
    ko: '천만에요! 더 도와드릴 일이 있을까요?',
    pl: 'Nie ma za co! Czy mogę pomóc w czymś jeszcze?',
  },
  ask_email: {
    en: "To look at your orders I first need to confirm it's you. What is the email address you used for your order?",
    ko: '주문 정보를 확인하려면 먼저 본인 확인이 필요해요. 주문하실 때 사용한 이메일 주소를 알려주세요.',
    pl: 'Aby sprawdzić zamówienia, muszę najpierw potwierdzić Twoją tożsamość. Podaj adres e-mail użyty przy zamówieniu.',
  },
  code_sent: {
    en: "If that address is on file, I've just sent a 6-digit code to {destination}. Please type it here.",
    ko: '등록된 주소라면 {destination}(으)로 6자리 인증 코드를 보냈어요. 여기에 입력해 주세요.',
    pl: 'Jeśli ten adres jest w naszej bazie, wysłałem 6-cyfrowy kod na {destination}. Wpisz go tutaj.',
  },
  preview_code: {
    en: '(Preview: nothing was sent. The code is {code}.)',
    ko: '(미리보기: 실제로 발송되지 않았어요. 코드는 {code}예요.)',
    pl: '(Podgląd: nic nie zostało wysłane. Kod to {code}.)',
  },
  preview_no_customer: {
    en: '(Preview: no customer of this store has that address, so a live shopper would get no code.)',
    ko: '(미리보기: 이 주소로 등록된 고객이 없어서 실제 대화라면 코드가 발송되지 않아요.)',
    pl: '(Podgląd: żaden klient sklepu nie ma tego adresu, więc w prawdziwej rozmowie kod nie zostałby wysłany.)',
  },
  code_invalid: {
    en: "That code didn't work. Please check it and try again, or send your email address again for a new code.",
    ko: '인증 코드가 맞지 않아요. 다시 확인해서 입력하시거나, 새 코드를 받으려면 이메일 주소를 다시 보내주세요.',
    pl: 'Ten kod nie zadziałał. Sprawdź go i spróbuj ponownie albo podaj adres e-mail, aby otrzymać nowy kod.',
  },
  code_wait: {
    en: "A sign-in code was sent to this address a moment ago, so I can't send another one yet. Please send your email address again in {wait}.",
    ko: '조금 전에 이 주소로 인증 코드를 보내서 아직 새 코드를 보낼 수 없어요. {wait} 후에 이메일 주소를 다시 보내주세요.',
    pl: 'Przed chwilą wysłałem kod na ten adres, więc nie mogę jeszcze wysłać kolejnego. Podaj adres e-mail ponownie za {wait}.',
  },
  code_limit: {
    en: "You've reached the hourly limit of sign-in codes for this address, so I can't send another one yet. Please send your email address again in {wait}, or talk to a person now.",
    ko: '이 주소로 한 시간 동안 받을 수 있는 인증 코드 횟수를 모두 사용하셔서 지금은 새 코드를 보낼 수 없어요. {wait} 후에 이메일 주소를 다시 보내주시거나, 지금 상담원과 이야기해 보세요.',
    pl: 'Wykorzystano godzinny limit kodów logowania dla tego adresu, więc nie mogę teraz wysłać kolejnego. Podaj adres e-mail ponownie za {wait} albo porozmawiaj teraz z konsultantem.',
  },
  switched_start_return: {
    en: "Okay, we'll make it a return instead.",
    ko: '네, 반품(환불)으로 진행할게요.',
    pl: 'Dobrze, w takim razie zwrot.',
  },
  switched_start_exchange: {
    en: "Okay, we'll make it an exchange instead.",
    ko: '네, 교환으로 진행할게요.',
    pl: 'Dobrze, w takim razie wymiana.',
  },
  switched_return_status: {
    en: "Okay, I'll check your refund instead.",
    ko: '네, 환불 상태를 확인해 드릴게요.',
    pl: 'Dobrze, w takim razie sprawdzę status zwrotu.',
  },
  refund_failed: {
    en: "The refund for order {order} didn't go through. Shall I pass this to a person from our team to sort it out?",
    ko: '주문 {order}의 환불이 처리되지 못했어요. 해결할 수 있도록 담당 팀에 연결해 드릴까요?',
    pl: 'Zwrot pieniędzy za zamówienie {order} nie powiódł się. Czy przekazać sprawę konsultantowi, żeby to wyjaśnił?',
  },
  problem_sorry: {
    en: "I'm sorry about that. I can help you return or exchange it, or pass you to our team.",
    ko: '불편을 드려 죄송해요. 반품이나 교환을 도와드리거나 담당 팀에 연결해 드릴 수 있어요.',
    pl: 'Przykro mi z tego powodu. Mogę pomóc zwrócić lub wymienić produkt albo połączyć Cię z naszym zespołem.',
  },
  order_noted: {
    en: "I'll look at order {order} as soon as you're signed in.",
    ko: '본인 확인이 끝나면 바로 주문 {order}을(를) 확인해 드릴게요.',
    pl: 'Sprawdzę zamówienie {order}, gdy tylko potwierdzisz tożsamość.',
  },
  problem_noted: {
    en: "I'm sorry about that. I've noted it as the reason for your request.",
    ko: '불편을 드려 죄송해요. 말씀하신 내용은 신청 사유로 기록해 둘게요.',
    pl: 'Przykro mi z tego powodu. Zapisałem to jako powód zgłoszenia.',
  },
  anything_else: {
    en: 'Okay. Is there anything else I can help with?',
    ko: '알겠습니다. 더 도와드릴 일이 있을까요?',
    pl: 'Dobrze. Czy mogę pomóc w czymś jeszcze?',
  },
  cancelled: {
    en: "No problem, I've stopped there. Is there anything else I can help with?",
    ko: '알겠습니다. 진행을 멈췄어요. 더 도와드릴 일이 있을까요?',
    pl: 'Jasne, przerywam. Czy mogę pomóc w czymś jeszcze?',
  },
  resume_email: {
    en: "Whenever you're ready, send the email address you used for your order and I'll carry on.",
    ko: '계속 진행하시려면 주문하실 때 사용한 이메일 주소를 보내주세요.',
    pl: 'Aby kontynuować, podaj adres e-mail użyty przy zamówieniu.',
  },
  resume_code: {
    en: 'To carry on, type the 6-digit code I sent you.',
    ko: '계속하시려면 보내드린 6자리 인증 코드를 입력해 주세요.',
    pl: 'Aby kontynuować, wpisz 6-cyfrowy kod, który wysłałem.',
  },
  resume_order: {
    en: 'To carry on, pick one of your orders above or type its number.',
    ko: '계속하시려면 위의 주문 중 하나를 선택하시거나 주문번호를 입력해 주세요.',
    pl: 'Aby kontynuować, wybierz jedno z zamówień powyżej albo wpisz jego numer.',
  },
  ask_code: {
    en: 'Please type the 6-digit code I sent you.',
    ko: '보내드린 6자리 인증 코드를 입력해 주세요.',
    pl: 'Wpisz 6-cyfrowy kod, który wysłałem.',
  },
  signed_in: {
    en: "Thanks, you're signed in.",
    ko: '본인 확인이 완료되었어요.',
    pl: 'Dziękuję, tożsamość potwierdzona.',
  },
  choose_order: {
    en: 'Which order is it about? Pick one of your recent orders or type the order number.',
    ko: '어떤 주문에 대한 문의인가요? 최근 주문 중에서 선택하시거나 주문번호를 입력해 주세요.',
    pl: 'Którego zamówienia to dotyczy? Wybierz jedno z ostatnich zamówień albo wpisz numer zamówienia.',
  },
  no_orders: {
    en: "I couldn't find any orders on your account.",
    ko: '고객님 계정에서 주문을 찾을 수 없어요.',
    pl: 'Nie znalazłem żadnych zamówień na Twoim koncie.',
  },
  reason_defect_claim: {
    en: "You reported it faulty: that is handled as a complaint, not under the rules for ordinary returns, so it doesn't go through the returns portal. A person from our team can take it from here.",
    ko: '불량으로 접수하신 상품은 일반 반품 규정이 아니라 불량(하자) 처리 기준으로 처리되어 반품 포털로는 신청되지 않아요. 담당 상담원이 이어서 처리해 드릴 수 있어요.',
    pl: 'Zgłaszasz wadę: rozpatrujemy to jako reklamację, nie zwykły zwrot, więc zasady zwrotów tu nie obowiązują, a produkt nie przechodzi przez portal zwrotów. Dalej może się tym zająć nasz konsultant.',
  },
  reason_said_opened: {
    en: 'You said it has been opened or used. {condition}',
    ko: '개봉하거나 사용하셨다고 하셨어요. {condition}',
    pl: 'Piszesz, że produkt został otwarty lub użyty. {condition}',
  },
  link_only: {
    en: 'The link includes only what you asked to send back: {items}.',
    ko: '링크에는 말씀하신 상품만 담았어요: {items}.',
    pl: 'Link obejmuje tylko produkty, które chcesz odesłać: {items}.',
  },
  language_switched: {
    en: 'Sure, I will continue in English. How can I help?',
    ko: '네, 한국어로 안내해 드릴게요. 무엇을 도와드릴까요?',
    pl: 'Oczywiście, będę pisać po polsku. W czym mogę pomóc?',
  },
  order_ref_unreadable: {
    en: "I couldn't read an order number there.",
    ko: '주문번호를 알아보지 못했어요.',
    pl: 'Nie udało mi się odczytać numeru zamówienia.',
  },
  order_not_found: {
    en: "I couldn't find order {ref} on your account. Please check the number or pick one of your recent orders.",
    ko: '고객님 계정에서 주문 {ref}을(를) 찾을 수 없어요. 주문번호를 확인하시거나 최근 주문 중에서 선택해 주세요.',
    pl: 'Nie znalazłem zamówienia {ref} na Twoim koncie. Sprawdź numer albo wybierz jedno z ostatnich zamówień.',
  },
  all_eligible: {
    en: 'Good news: the items in order {order} can be returned or exchanged.',
    ko: '주문 {order}의 상품은 반품 또는 교환이 가능해요.',
    pl: 'Dobra wiadomość: produkty z zamówienia {order} można zwrócić lub wymienić.',
  },
  all_eligible_exchange_asked: {
    en: 'Good news: the items in order {order} can be exchanged (or returned).',
    ko: '주문 {order}의 상품은 교환(또는 반품)이 가능해요.',
    pl: 'Dobra wiadomość: produkty z zamówienia {order} można wymienić (lub zwrócić).',
  },
  all_eligible_return_not_exchange: {
    en: "The items in order {order} can't be exchanged, but they can be returned:",
    ko: '주문 {order}의 상품은 교환은 어렵고 반품만 가능해요:',
    pl: 'Produktów z zamówienia {order} nie można wymienić, ale można je zwrócić:',
  },
  all_eligible_return: {
    en: 'Good news: the items in order {order} can be returned.',
    ko: '주문 {order}의 상품은 반품이 가능해요.',
    pl: 'Dobra wiadomość: produkty z zamówienia {order} można zwrócić.',
  },
  all_eligible_exchange: {
    // Not "no longer": a final-sale item never could be refunded, its window is still open (QA 8).
    en: 'The items in order {order} can be exchanged, but not returned for a refund:',
    ko: '주문 {order}의 상품은 환불은 어렵고 교환만 가능해요:',
    pl: 'Produkty z zamówienia {order} można wymienić, ale nie można ich zwrócić za zwrotem pieniędzy:',
  },
  all_eligible_mixed: {
    en: 'Here is what you can do with each item in order {order}:',
    ko: '주문 {order}의 상품별로 가능한 방법이에요:',
    pl: 'Oto co można zrobić z każdym produktem z zamówienia {order}:',
  },
  some_eligible_exchange: {
    en: 'Some items in order {order} can be exchanged (not returned for a refund), others cannot:',
    ko: '주문 {order}의 일부 상품만 교환할 수 있어요(환불은 어려워요):',
    pl: 'Część produktów z zamówienia {order} można wymienić (bez zwrotu pieniędzy), a części nie:',
  },
  some_eligible_exchange_asked: {
    en: 'Some items in order {order} can be exchanged, others cannot:',
    ko: '주문 {order}의 일부 상품만 교환할 수 있어요:',
    pl: 'Część produktów z zamówienia {order} można wymienić, a części nie:',
  },
  some_eligible: {
    en: 'Some items in order {order} can be returned, others cannot:',
    ko: '주문 {order}의 일부 상품만 반품할 수 있어요:',
    pl: 'Część produktów z zamówienia {order} można zwrócić, a części nie:',
  },
  complaint_only: {
    en: 'The faulty item in order {order} is handled as a complaint:',
    ko: '주문 {order}의 불량 상품은 불량(하자) 접수로 처리돼요:',
    pl: 'Wadliwy produkt z zamówienia {order} rozpatrujemy w ramach reklamacji:',
  },
  none_eligible: {
    en: "Unfortunately the items in order {order} can't be returned or exchanged:",
    ko: '죄송하지만 주문 {order}의 상품은 반품이나 교환이 어려워요:',
    pl: 'Niestety produktów z zamówienia {order} nie można zwrócić ani wymienić:',
  },
  none_eligible_yet: {
    en: "The items in order {order} can't be returned or exchanged yet:",
    ko: '주문 {order}의 상품은 아직 반품이나 교환을 신청할 수 없어요:',
    pl: 'Produktów z zamówienia {order} nie można jeszcze zwrócić ani wymienić:',
  },
  eligible_until: {
    en: 'can be returned until {date}',
    ko: '{date}까지 반품 가능',
    pl: 'można zwrócić do {date}',
  },
  eligible_exchange_or_return_until: {
    en: 'can be exchanged (or returned) until {date}',
    ko: '{date}까지 교환(또는 반품) 가능',
    pl: 'można wymienić (lub zwrócić) do {date}',
  },
  eligible_for_exchange_until: {
    en: 'can be exchanged until {date}',
    ko: '{date}까지 교환 가능',
    pl: 'można wymienić do {date}',
  },
  eligible_exchange_until: {
    en: 'can only be exchanged, until {date}',
    ko: '교환만 가능 ({date}까지)',
    pl: 'można tylko wymienić, do {date}',
  },
  eligible_credit_until: {
    en: 'can be returned for store credit only, until {date}',
    ko: '적립금 환불만 가능 ({date}까지)',
    pl: 'można zwrócić tylko za bon sklepowy, do {date}',
  },
  eligible_credit_or_exchange_until: {
    en: 'can be exchanged or returned for store credit (no refund), until {date}',
    ko: '교환 또는 적립금 환불만 가능 ({date}까지)',
    pl: 'można wymienić lub zwrócić za bon sklepowy (bez zwrotu pieniędzy), do {date}',
  },
  line_eligible: { en: '✓ {title}: {note}', ko: '✓ {title}: {note}', pl: '✓ {title}: {note}' },
  line_ineligible: { en: '✗ {title}: {note}', ko: '✗ {title}: {note}', pl: '✗ {title}: {note}' },
  card_title: { en: 'Order {order}', ko: '주문 {order}', pl: 'Zamówienie {order}' },
  start_return: { en: 'Start return', ko: '반품 시작', pl: 'Rozpocznij zwrot' },
  start_exchange: { en: 'Start exchange', ko: '교환 시작', pl: 'Rozpocznij wymianę' },
  link_intro: {
    en: 'You can start it in our returns portal:',
    ko: '반품 포털에서 바로 신청하실 수 있어요:',
    pl: 'Możesz to rozpocząć w naszym portalu zwrotów:',
  },
  status_line: {
    // {order} is the order name the shopper knows (the provider's internal return id means nothing to
    // them); {ret} is kept as the same label for tenant overrides written against the old template.
    en: 'Return for order {order}: {state}. Refund: {refund}.',
    ko: '주문 {order} 반품: {state}. 환불: {refund}.',
    pl: 'Zwrot z zamówienia {order}: {state}. Zwrot pieniędzy: {refund}.',
  },
  no_returns: {
    en: "There's no return for order {order} yet.",
    ko: '주문 {order}에 대한 반품 내역이 아직 없어요.',
    pl: 'Dla zamówienia {order} nie ma jeszcze zwrotu.',
  },
  order_refunds: {
    en: 'Order {order} has these refunds from the store: {refunds}.',
    ko: '주문 {order}에는 다음 환불이 처리되어 있어요: {refunds}.',
    pl: 'Dla zamówienia {order} sklep wykonał zwrot pieniędzy: {refunds}.',
  },
  order_cancelled: {
    en: 'Order {order} was cancelled on {date}.',
    ko: '주문 {order}은(는) {date}에 취소되었어요.',
    pl: 'Zamówienie {order} zostało anulowane {date}.',
  },
  order_not_shipped: {
    en: "Order {order} hasn't been shipped yet.",
    ko: '주문 {order}은(는) 아직 발송되지 않았어요.',
    pl: 'Zamówienie {order} nie zostało jeszcze wysłane.',
  },
  order_in_transit: {
    en: "Order {order} was shipped on {date} and hasn't been delivered yet.",
    ko: '주문 {order}은(는) {date}에 발송되었고 아직 배송 중이에요.',
    pl: 'Zamówienie {order} zostało wysłane {date} i jest jeszcze w drodze.',
  },
  order_no_refund: {
    en: "Order {order} has no refund from the store yet, and I can't see returns for this store here.",
    ko: '주문 {order}에는 아직 환불 내역이 없고, 이곳에서는 이 스토어의 반품 진행 상황을 조회할 수 없어요.',
    pl: 'Dla zamówienia {order} nie ma jeszcze zwrotu pieniędzy, a statusu zwrotów w tym sklepie nie mogę tu sprawdzić.',
  },
  track_parcel: { en: 'Track the parcel', ko: '배송 조회', pl: 'Śledź przesyłkę' },
  kb_not_found: {
    en: "I couldn't find that in our policy documents, so I'd rather not guess. Would you like me to connect you with a person?",
    ko: '정책 문서에서 해당 내용을 찾을 수 없어서 추측으로 답변드리지 않을게요. 상담원을 연결해 드릴까요?',
    pl: 'Nie znalazłem tego w naszych dokumentach, więc nie będę zgadywać. Czy połączyć Cię z konsultantem?',
  },
  talk_to_person: { en: 'Talk to a person', ko: '상담원 연결', pl: 'Porozmawiaj z konsultantem' },
  ask_question: { en: 'Ask about the policy', ko: '정책 문의', pl: 'Pytanie o zasady' },
  ask_policy: {
    en: 'Sure — what would you like to know? For example how long you have to return something, what it costs, or how exchanges work.',
    ko: '네, 어떤 점이 궁금하세요? 예를 들어 반품 가능 기간, 반품 비용, 교환 방법 등을 물어보실 수 있어요.',
    pl: 'Jasne — co chcesz wiedzieć? Na przykład ile masz czasu na zwrot, ile on kosztuje albo jak działa wymiana.',
  },
  email_incomplete: {
    en: 'That email address looks incomplete. Please send the whole address, like name@example.com.',
    ko: '이메일 주소가 완전하지 않은 것 같아요. name@example.com 처럼 전체 주소를 보내 주세요.',
    pl: 'Ten adres e-mail wygląda na niepełny. Wyślij cały adres, np. imie@example.com.',
  },
  code_not_received: {
    en: "Sorry about that. Codes usually arrive within a minute; please check your spam folder too. Send me your email again and I'll send a new code.",
    ko: '불편을 드려 죄송해요. 코드는 보통 1분 안에 도착해요. 스팸함도 확인해 주세요. 이메일을 다시 보내 주시면 새 코드를 보내 드릴게요.',
    pl: 'Przepraszam. Kod zwykle przychodzi w ciągu minuty; sprawdź też folder spam. Wyślij mi jeszcze raz swój e-mail, a wyślę nowy kod.',
  },
  gift_recipient: {
    en: 'I can only look up an order for the person who placed it. A gift return goes through our team: tap below, and have the gift receipt or the order number ready.',
    ko: '주문은 주문하신 분의 계정으로만 조회할 수 있어요. 선물 반품은 상담원이 도와드려요. 아래를 눌러 주시고 선물 영수증이나 주문번호를 준비해 주세요.',
    pl: 'Zamówienie mogę sprawdzić tylko dla osoby, która je złożyła. Zwrotem prezentu zajmie się nasz zespół: kliknij poniżej i przygotuj paragon prezentowy albo numer zamówienia.',
  },
  // Says only that this answer is quoted in another language: the brand may well have a page in the
  // shopper's language that answers something else ("our policy is written in English" was untrue).
  kb_other_language: {
    en: 'Here is what our policy says, in {language} as written:',
    ko: '정책 문서의 {language} 원문을 그대로 보여 드려요:',
    pl: 'Oto, co mówi nasz regulamin — po {language}, tak jak jest napisany:',
  },
  lang_en: { en: 'English', ko: '영어', pl: 'angielsku' },
  lang_pl: { en: 'Polish', ko: '폴란드어', pl: 'polsku' },
  lang_ko: { en: 'Korean', ko: '한국어', pl: 'koreańsku' },
  check_refund: { en: 'Refund status', ko: '환불 상태', pl: 'Status zwrotu' },
  clarify: {
    en: 'I want to get this right. What would you like to do?',
    ko: '정확히 도와드리고 싶어요. 어떤 걸 원하시나요?',
    pl: 'Chcę dobrze zrozumieć. W czym mogę pomóc?',
  },
  status_unchecked: {
    en: "I couldn't check {orders} just now (our systems didn't answer in time). Ask me again in a minute, or pick an order to try it again.",
    ko: '지금은 {orders} 주문을 확인하지 못했어요 (시스템 응답이 늦어지고 있어요). 잠시 후 다시 물어봐 주시거나, 주문을 선택해 다시 확인해 보세요.',
    pl: 'Nie udało mi się teraz sprawdzić zamówień: {orders} (nasze systemy nie odpowiedziały na czas). Zapytaj ponownie za minutę albo wybierz zamówienie, aby spróbować jeszcze raz.',
  },
  kb_part_not_found: {
    en: "I couldn't find the answer to “{question}” in our policy documents.",
    ko: '“{question}”에 대한 답은 정책 문서에서 찾을 수 없었어요.',
    pl: 'Nie znalazłem w naszych dokumentach odpowiedzi na pytanie „{question}”.',
  },
  handoff_failed: {
    en: "Sorry, I couldn't reach our team just now. Please ask again in a few minutes and I'll try once more.",
    ko: '죄송해요, 지금은 담당 팀에 연결하지 못했어요. 잠시 후 다시 요청해 주시면 다시 시도할게요.',
    pl: 'Przepraszam, nie udało mi się teraz połączyć z naszym zespołem. Napisz ponownie za kilka minut, spróbuję jeszcze raz.',
  },
  handoff_fallback: {
    en: "I've passed your conversation to our team. They'll follow up with you here.",
    ko: '대화 내용을 담당 팀에 전달했어요. 곧 이곳으로 연락드릴 거예요.',
    pl: 'Przekazałem rozmowę naszemu zespołowi. Odezwie się do Ciebie tutaj.',
  },
  preview_handoff: {
    en: '(Preview: no ticket was created. A live conversation would go to {destination}.)',
    ko: '(미리보기: 티켓은 만들어지지 않았어요. 실제 대화라면 {destination}(으)로 전달돼요.)',
    pl: '(Podgląd: nie utworzono zgłoszenia. Prawdziwa rozmowa trafiłaby do: {destination}.)',
  },
  preview_handoff_unrouted: {
    en: '(Preview: no ticket was created, and handoff is not set up for this channel yet.)',
    ko: '(미리보기: 티켓은 만들어지지 않았고, 이 채널의 상담원 연결은 아직 설정되지 않았어요.)',
    pl: '(Podgląd: nie utworzono zgłoszenia, a przekazywanie rozmów nie jest jeszcze skonfigurowane dla tego kanału.)',
  },
  handback: {
    en: 'Our team has finished with your request. Is there anything else I can help with?',
    ko: '담당 팀이 요청을 처리했어요. 더 도와드릴 일이 있을까요?',
    pl: 'Nasz zespół zakończył obsługę Twojej sprawy. Czy mogę pomóc w czymś jeszcze?',
  },
  limited_mode: {
    en: "I can't look up orders here, so I'm passing you to our team for the next step.",
    ko: '이곳에서는 주문을 조회할 수 없어서 다음 단계를 위해 담당 팀에 연결해 드릴게요.',
    pl: 'Nie mogę tutaj sprawdzić zamówień, więc przekazuję Cię do naszego zespołu.',
  },
  status_unsupported: {
    en: "I can't check the status of returns here for this store, so I'm passing you to our team, who can.",
    ko: '이곳에서는 이 스토어의 반품 진행 상황을 조회할 수 없어서, 확인해 드릴 수 있는 담당 팀에 연결해 드릴게요.',
    pl: 'Tutaj nie mogę sprawdzić statusu zwrotów w tym sklepie, więc przekazuję Cię do naszego zespołu, który to sprawdzi.',
  },
  provider_missing: {
    en: "Our returns system isn't connected here, so I'm passing you to our team, who can help.",
    ko: '이곳에는 반품 시스템이 연결되어 있지 않아서 도와드릴 수 있는 담당 팀에 연결해 드릴게요.',
    pl: 'System zwrotów nie jest tu podłączony, więc przekazuję Cię do naszego zespołu, który pomoże.',
  },
  provider_down: {
    en: "I can't reach our returns system right now, so I'm passing you to our team.",
    ko: '지금은 반품 시스템에 연결할 수 없어서 담당 팀에 연결해 드릴게요.',
    pl: 'Nie mogę teraz połączyć się z systemem zwrotów, więc przekazuję Cię do naszego zespołu.',
  },
  return_or_exchange: {
    en: 'Would you like to return or exchange it?',
    ko: '반품과 교환 중 어떤 걸 원하시나요?',
    pl: 'Chcesz zwrócić czy wymienić produkt?',
  },
  // Why a line can't be returned, one sentence per reason code of the eligibility decision (reasons.ts).
  reason_order_cancelled: {
    en: 'The order was cancelled.',
    ko: '취소된 주문이에요.',
    pl: 'Zamówienie zostało anulowane.',
  },
  reason_order_refunded: {
    en: 'The order has already been refunded in full.',
    ko: '이미 전액 환불된 주문이에요.',
    pl: 'Za to zamówienie zwrócono już całą kwotę.',
  },
  reason_not_fulfilled: {
    en: "It hasn't been shipped yet.",
    ko: '아직 발송되지 않았어요.',
    pl: 'Produkt nie został jeszcze wysłany.',
  },
  reason_not_delivered: {
    en: "It hasn't been delivered yet; the return window starts on delivery.",
    ko: '아직 배송이 완료되지 않았어요. 반품 기간은 배송 완료일부터 시작돼요.',
    pl: 'Produkt nie został jeszcze dostarczony; termin na zwrot liczy się od dostawy.',
  },
  reason_already_returned: {
    en: 'Every unit has already been returned or refunded.',
    ko: '이미 모두 반품 또는 환불되었어요.',
    pl: 'Wszystkie sztuki zostały już zwrócone lub zrefundowane.',
  },
  reason_return_in_progress: {
    en: 'A return for this item is already in progress.',
    ko: '이미 반품이 진행 중이에요.',
    pl: 'Zwrot tego produktu jest już w toku.',
  },
  reason_return_in_progress_on: {
    en: 'A return for this item is already in progress (requested on {date}).',
    ko: '이미 반품이 진행 중이에요({date} 신청).',
    pl: 'Zwrot tego produktu jest już w toku (zgłoszony {date}).',
  },
  reason_gift_card: {
    en: "Gift cards and vouchers can't be returned.",
    ko: '상품권·기프트 카드는 반품할 수 없어요.',
    pl: 'Kart i bonów podarunkowych nie można zwrócić.',
  },
  reason_international: {
    en: "Orders shipped abroad can't be returned.",
    ko: '해외 배송 주문은 반품할 수 없어요.',
    pl: 'Zamówień wysłanych za granicę nie można zwrócić.',
  },
  reason_final_sale: {
    en: "It's a final-sale item.",
    ko: '최종 세일 상품이에요.',
    pl: 'To produkt z wyprzedaży końcowej.',
  },
  reason_excluded_category: {
    en: "This kind of product can't be returned.",
    ko: '반품이 제외된 상품 유형이에요.',
    pl: 'Ta kategoria produktów nie podlega zwrotowi.',
  },
  reason_exchange_only: {
    en: 'It can only be exchanged.',
    ko: '교환만 가능한 상품이에요.',
    pl: 'Ten produkt można tylko wymienić.',
  },
  reason_store_credit_only: {
    en: 'It can only be returned for store credit.',
    ko: '적립금으로만 환불되는 상품이에요.',
    pl: 'Za ten produkt można otrzymać tylko bon sklepowy.',
  },
  reason_window_ended: {
    en: 'The return window ended on {date}.',
    ko: '반품 기간이 {date}에 끝났어요.',
    pl: 'Termin na zwrot minął {date}.',
  },
  reason_windows_ended: {
    en: 'The return window ended on {date} and the exchange window on {exchange_date}.',
    ko: '반품 기간은 {date}에, 교환 기간은 {exchange_date}에 끝났어요.',
    pl: 'Termin na zwrot minął {date}, a termin na wymianę {exchange_date}.',
  },
  reason_window_ended_undated: {
    en: 'The return window has ended.',
    ko: '반품 기간이 끝났어요.',
    pl: 'Termin na zwrot już minął.',
  },
  reason_other: {
    en: "The store's policy doesn't allow returning it ({code}).",
    ko: '스토어 정책상 반품할 수 없는 상품이에요 ({code}).',
    pl: 'Zasady sklepu nie pozwalają zwrócić tego produktu ({code}).',
  },
  // The helpdesk ticket of a handoff, for the brand's team (who read the conversation's language);
  // the reason code itself travels apart, as the handoff's machine-readable reason.
  ticket_subject: {
    en: 'Returns & exchanges: {reason}',
    ko: '반품·교환: {reason}',
    pl: 'Zwroty i wymiany: {reason}',
  },
  ticket_subject_order: {
    en: 'Returns & exchanges: {reason} (order {order})',
    ko: '반품·교환: {reason} (주문 {order})',
    pl: 'Zwroty i wymiany: {reason} (zamówienie {order})',
  },
  handoff_reason_shopper_asked: {
    en: 'the customer asked for a person',
    ko: '고객이 상담원 연결을 요청함',
    pl: 'klient poprosił o konsultanta',
  },
  handoff_reason_dispute: {
    en: 'dispute or a threat to escalate',
    ko: '분쟁·이의 제기',
    pl: 'spór lub groźba eskalacji',
  },
  handoff_reason_low_confidence: {
    en: "the assistant couldn't understand the request",
    ko: '챗봇이 요청을 이해하지 못함',
    pl: 'asystent nie zrozumiał prośby klienta',
  },
  handoff_reason_limited_mode: {
    en: "orders can't be looked up here (limited mode)",
    ko: '주문 조회 불가(제한 모드)',
    pl: 'brak dostępu do zamówień (tryb ograniczony)',
  },
  handoff_reason_sign_in_failed: {
    en: "the customer couldn't sign in",
    ko: '고객 본인 확인 실패',
    pl: 'nieudana weryfikacja tożsamości klienta',
  },
  handoff_reason_provider_unavailable: {
    en: "the returns system couldn't be reached",
    ko: '반품 시스템 연결 불가',
    pl: 'system zwrotów jest niedostępny',
  },
  handoff_reason_provider_missing: {
    en: 'no returns system is connected',
    ko: '반품 시스템 미연결',
    pl: 'brak podłączonego systemu zwrotów',
  },
} satisfies Record<string, T>;

export type TemplateKey = keyof typeof TEMPLATES;

export const STATE_NAMES: Record<string, T> = {
  none: { en: 'not started', ko: '접수 전', pl: 'nie rozpoczęto' },
  requested: { en: 'requested', ko: '접수됨', pl: 'zgłoszony' },
  in_transit: { en: 'on its way to us', ko: '배송 중', pl: 'w drodze do nas' },
  received: { en: 'received', ko: '입고 완료', pl: 'otrzymany' },
  closed: { en: 'completed', ko: '완료', pl: 'zakończony' },
  rejected: { en: 'rejected', ko: '반려됨', pl: 'odrzucony' },
  cancelled: { en: 'cancelled', ko: '취소됨', pl: 'anulowany' },
  pending: { en: 'pending', ko: '처리 중', pl: 'w toku' },
  issued: { en: 'issued', ko: '환불 완료', pl: 'wypłacony' },
  failed: { en: 'failed', ko: '실패', pl: 'nieudany' },
  unknown: { en: 'unknown', ko: '확인 불가', pl: 'nieznany' },
};

export type Overrides = Partial<Record<string, Partial<Record<Lang, string>>>>;

const OVERRIDE_LANGS: readonly Lang[] = ['en', 'ko', 'pl'];
const MAX_OVERRIDE_CHARS = 1000;
const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));

/**
 * Checks a tenant's template overrides before they are stored: known keys, languages en/ko/pl,
 * non-empty text, and only the placeholders the built-in text has (an unknown one would print
 * as nothing). Returns the problems, each with its path ("ask_email.pl"); empty when valid.
 */
export function overrideProblems(value: unknown): { field: string; problem: string }[] {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return [{ field: '', problem: 'must be an object of {key: {language: text}}' }];
  const out: { field: string; problem: string }[] = [];
  for (const [key, texts] of Object.entries(value)) {
    const builtIn = (TEMPLATES as Record<string, Record<Lang, string>>)[key];
    if (!builtIn) {
      out.push({ field: key, problem: 'is not a template key' });
      continue;
    }
    if (!texts || typeof texts !== 'object' || Array.isArray(texts)) {
      out.push({ field: key, problem: 'must be an object of {language: text}' });
      continue;
    }
    const allowed = placeholders(builtIn.en);
    for (const [lang, text] of Object.entries(texts as Record<string, unknown>)) {
      const field = `${key}.${lang}`;
      if (!OVERRIDE_LANGS.includes(lang as Lang))
        out.push({ field, problem: 'language must be en, ko or pl' });
      else if (typeof text !== 'string' || !text.trim())
        out.push({ field, problem: 'must be non-empty text' });
      else if (text.length > MAX_OVERRIDE_CHARS)
        out.push({ field, problem: `must be at most ${MAX_OVERRIDE_CHARS} characters` });
      else if (/[{}]/.test(text.replace(/\{\w+\}/g, '')))
        // "{destination." or "code}": shown to shoppers as typed, braces and all.
        out.push({ field, problem: 'has a brace that is not part of a {placeholder}' });
      else {
        const unknown = [...placeholders(text)].filter((p) => !allowed.has(p));
        if (unknown.length)
          out.push({
            field,
            problem: `uses {${unknown.join('}, {')}}; this template offers ${allowed.size ? `{${[...allowed].join('}, {')}}` : 'no placeholders'}`,
          });
      }
    }
  }
  return out;
}

export function render(
  key: TemplateKey,
  lang: Lang,
  vars: Record<string, string> = {},
  overrides: Overrides = {},
): string {
  // An override stored before overrides were validated may not be text: the built-in one then.
  const own: unknown = overrides[key]?.[lang];
  const text =
    (typeof own === 'string' && own.trim() ? own : undefined) ?? TEMPLATES[key][lang] ?? TEMPLATES[key].en;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

/** "2025-04-07" as the shopper reads a date: April 7, 2025 / 7 kwietnia 2025 / 2025년 4월 7일. */
export function longDate(iso: string, lang: Lang): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

export function stateName(state: string, lang: Lang): string {
  return (STATE_NAMES[state] ?? STATE_NAMES.unknown!)[lang];
}
