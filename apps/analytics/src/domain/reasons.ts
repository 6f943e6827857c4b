import { createClassifier } from './classify';

/** Return-reason taxonomy (seed 004: analyse return data for common reasons and product problems). */
export type ReturnReason =
  | 'size_fit'
  | 'damaged_defective'
  | 'wrong_item'
  | 'changed_mind'
  | 'late_delivery'
  | 'other';
export const RETURN_REASONS: readonly ReturnReason[] = [
  'size_fit',
  'damaged_defective',
  'wrong_item',
  'changed_mind',
  'late_delivery',
  'other',
];

// Order matters on ties: faults of the brand (damage, wrong item) before the shopper's own reasons.
// biome-ignore format: lexicon tables read best as dense term lists
export const returnReasons = createClassifier<ReturnReason>(
  [
    {
      category: 'damaged_defective',
      terms: [
        // en
        'damage', 'broken', 'broke$', 'defect', 'faulty', 'fault$', 'torn$', 'ripped', 'rip$', 'hole$', 'holes$',
        'stain', 'scratch', 'crack', 'shatter', 'dent$', 'dented', 'malfunction', 'leak', 'peeling', 'falling apart',
        ["doesn't work", 3], ['does not work', 3], ['not working', 3], ['stopped working', 3], ["won't turn on", 3],
        ['dead on arrival', 3], ['poor quality', 2], ['bad quality', 2], ['low quality', 2], ['missing part', 2],
        ['came apart', 2], ['smashed', 2], ['ruined', 2], ['unusable', 2],
        // ko
        '파손', '깨져', '깨졌', '깨짐', '깨진', '불량', '하자', '고장', '결함', '찢어', '찢김', '찢겨', '찢어진', '얼룩', '오염',
        '흠집', '스크래치', '작동하지 않', '작동이 안', '작동 안', '안 켜', '망가', '터졌', '터진', '찍힘', '구멍', '변색',
        '손상', '부서', '금이 가', '금 갔', '실밥', '누수', '녹슬', '품질이 나쁘', '품질이 안 좋', '뜯어져', '뜯김', '눌려',
        // pl
        'uszkodz', 'zepsu', 'popsu', 'wadliw', 'wada$', 'wady$', 'wadą', 'defekt', 'pęknię', 'pękł', 'pęknięt', 'rozbit',
        'stłuczon', 'stłukł', 'rozdar', 'dziur', 'plam', 'porysowan', 'rysa', 'rysy$', 'zarysowan', 'nie działa',
        'przestał działać', 'przestała działać', 'zniszczon', 'niesprawn', 'odkleja', 'rozpru', 'rozlecia', 'rozpad',
        'zła jakość', 'kiepska jakość', 'słaba jakość', 'brakuje części', 'pogniecion', 'zgniecion',
      ],
    },
    {
      category: 'wrong_item',
      terms: [
        // en
        ['wrong item', 3], ['wrong product', 3], ['wrong colou', 3], ['wrong model', 3], ['wrong one', 3],
        ['wrong size sent', 3], ['sent the wrong', 3], ['sent me the wrong', 3], ['sent the wrong size', 4],
        ['received the wrong', 3], ['got the wrong', 3], ['incorrect item', 3], ['not what i ordered', 3],
        ['different item', 3], ['different product', 3], ['different colou', 3], ['not as described', 3],
        ["doesn't match the description", 3], ['does not match the description', 3], ['not as pictured', 3],
        ['looks different', 2], ['mix up', 2], ['mixed up', 2], ["didn't order", 3], ['did not order', 3], 'wrong$',
        'incorrect$', 'instead of', ['not the one i ordered', 3], ['different from the', 2], ['not the same as', 2],
        // ko
        ['오배송', 3], ['잘못 배송', 3], ['잘못 왔', 3], ['잘못 온', 3], ['잘못된 상품', 3], ['잘못된 제품', 3],
        ['잘못 보내', 3], ['잘못 발송', 3], ['다른 상품', 3], ['다른 제품', 3], ['다른 색', 3], ['다른 물건', 3],
        ['다른 사이즈가 왔', 4], ['다른 사이즈가 배송', 4], ['다른 사이즈로 왔', 4], ['주문한 것과 다', 3],
        ['주문한 상품이 아', 3], ['주문한 제품이 아', 3], ['주문하지 않은', 3], ['색상이 달', 3], ['상품이 달', 3],
        ['사진과 다', 3], ['설명과 다', 3], ['상세페이지와 다', 3], ['바뀌어 왔', 3], ['바뀌어서 왔', 3], ['뒤바뀐', 3],
        ['구성품이 달', 3],
        // pl
        ['zły produkt', 3], ['zły towar', 3], ['zły kolor', 3], ['zły model', 3], ['złe zamówienie', 3],
        ['niewłaściw', 3], ['nie ten produkt', 3], ['nie ten kolor', 3], ['nie ten rozmiar', 4], ['nie ten model', 3],
        ['inny produkt', 3], ['inny kolor', 3], ['inny towar', 3], ['inny model', 3], ['inny rozmiar niż zamówi', 4],
        ['nie to, co zamówi', 3], ['nie to co zamówi', 3], ['nie zamawiał', 3], ['niezgodn', 3], ['pomylon', 3],
        ['pomyłka sklepu', 3], ['błędny produkt', 3], ['błędny rozmiar', 4], ['przysłano', 2], ['wysłano', 1],
        ['inaczej niż na zdjęci', 3], ['inny niż na', 3], ['inna niż na', 3], ['inne niż na', 3],
      ],
    },
    {
      category: 'size_fit',
      terms: [
        // en
        'size', 'sizing', 'fit$', 'fits$', 'fitting', ['too small', 3], ['too big', 3], ['too large', 3],
        ['too tight', 3], ['too loose', 3], ['too long', 3], ['too short', 3], ['too narrow', 3], ['too wide', 3],
        ['runs small', 3], ['runs large', 3], ['runs big', 3], 'baggy', 'tight$', 'loose$', 'smaller', 'bigger',
        'larger', 'length', ['size up', 3], ['size down', 3],
        // ko
        ['사이즈', 3], ['치수', 3], ['크기', 2], '작아', '작습', '작네', '작은 편', '작다', '작게', '커요', '커서', '너무 커',
        '크네', '큽니다', '크게 나', '헐렁', '꽉 끼', '끼어', '낍니다', '타이트', '핏이', '안 맞', '맞지 않', '맞지가 않',
        '기장', '길이가', '짧아', '길어요', '길어서', '발볼', '품이',
        // pl
        ['rozmiar', 3], ['rozmiarów', 3], ['za mał', 3], ['za duż', 3], ['za ciasn', 3], ['za luźn', 3],
        ['za krótk', 3], ['za dług', 3], ['za wąsk', 3], ['za szerok', 3], 'nie pasuje', 'ciasn', 'luźn', 'obcisł',
        'uwiera', 'pije', ['mniejsz', 2], ['większ', 2], 'długość', 'krój',
      ],
    },
    {
      category: 'late_delivery',
      terms: [
        // en
        'late$', 'too late', ['arrived late', 3], ['delivered late', 3], 'delay', ['took too long', 3],
        ['took forever', 3], ['never arrived', 3], ["hasn't arrived", 3], ["didn't arrive", 3], ['did not arrive', 3],
        ['not arrived', 3], ['not delivered', 3], ['slow delivery', 3], ['slow shipping', 3], ['still waiting', 3],
        ['lost in transit', 3], ['lost package', 3], ['after the event', 3], ['missed the', 2],
        // ko
        ['배송 지연', 3], ['늦게 도착', 3], ['늦게 와', 3], ['늦게 왔', 3], ['늦게 받', 3], '늦어', '늦었', '지연',
        ['너무 늦', 3], ['배송이 느', 3], ['배송이 오래', 3], ['도착하지 않', 3], ['도착 안', 3], ['아직 안 왔', 3],
        ['아직도 안 왔', 3], ['못 받', 2], ['분실', 2], ['행사가 끝난', 3], ['기다리다', 2],
        // pl
        'opóźni', 'spóźni', ['za późno', 3], 'późno', ['nie dotarł', 3], ['nie doszł', 3], ['nie przyszł', 3],
        ['długo czeka', 3], ['za długo', 2], ['dostawa trwała', 3], 'zgubion', 'zaginion', ['po terminie dostawy', 3],
        ['przesyłka szła', 3],
      ],
    },
    {
      category: 'changed_mind',
      terms: [
        // en
        ['changed my mind', 4], ['change of mind', 4], ["don't want", 3], ['do not want', 3], ['no longer', 3],
        ["don't need", 3], ['do not need', 3], ['not needed', 3], ["don't like", 3], ["didn't like", 3],
        ['do not like', 3], ['did not like', 3], 'dislike', ['ordered by mistake', 4], ['by accident', 3],
        'accidentally', ['found it cheaper', 3], 'cheaper', ['better price', 3], ["buyer's remorse", 4],
        ['not for me', 3], 'regret', ['duplicate order', 3], ['ordered twice', 3], 'unwanted', ["doesn't suit", 3],
        ['does not suit', 3], ['not my style', 3], ['prefer', 1], ['mind$', 1],
        // ko
        ['단순 변심', 4], ['변심', 3], ['마음이 바뀌', 4], ['마음이 변', 4], ['마음에 들지 않', 3], ['마음에 안 들', 3],
        ['맘에 안 들', 3], ['맘에 들지', 3], ['필요 없', 3], ['필요가 없', 3], ['필요하지 않', 3], ['실수로 주문', 4],
        ['잘못 주문', 4], ['주문을 잘못', 4], ['중복 주문', 3], ['두 번 주문', 3], ['더 싸', 3], ['더 저렴', 3],
        ['최저가', 2], ['생각과 달', 2], ['생각했던 것과 달', 2], ['별로', 2], ['안 어울', 3], ['어울리지 않', 3],
        ['안 쓸', 2], ['쓸 일이 없', 3], ['취향', 2],
        // pl
        ['zmiana zdania', 4], ['zmieniłem zdanie', 4], ['zmieniłam zdanie', 4], ['zmienił', 3], ['rozmyśli', 4],
        ['nie potrzebuj', 3], ['niepotrzebn', 3], ['nie podoba', 3], ['nie spodoba', 3], ['nie chcę', 3],
        ['już nie chc', 3], ['przez pomyłkę zamówi', 4], ['zamówiłem przez pomyłkę', 4], ['zamówiłam przez pomyłkę', 4],
        ['omyłkow', 3], ['przez przypadek', 3], ['przypadkiem', 3], ['taniej', 3], ['tańsz', 3], ['nie w moim stylu', 3],
        ['nie odpowiada mi', 3], ['nie pasuje mi kolor', 3], ['podwójne zamówienie', 3], ['rezygn', 3],
      ],
    },
  ],
  'other',
);

/** Why a conversation went to a person (DESIGN: not eligible, disputed, provider missing, sign-in failing, low confidence, asked). */
export type HandoffReason =
  | 'not_eligible'
  | 'customer_request'
  | 'sign_in_failed'
  | 'order_not_found'
  | 'provider_unavailable'
  | 'policy_unanswered'
  | 'low_confidence'
  | 'dispute'
  | 'other';

// biome-ignore format: lexicon tables read best as dense term lists
export const handoffReasons = createClassifier<HandoffReason>(
  [
    {
      category: 'not_eligible',
      terms: [
        ['not eligible', 4], 'ineligible', ['return window', 3], ['final sale', 3], 'excluded', 'expired',
        ['past the', 2], ['outside the', 2], ['not returnable', 4], ['non returnable', 4], ['window ended', 3],
        ['window closed', 3], ['already returned', 3], ['not delivered yet', 3],
        ['반품 불가', 4], ['반품이 불가', 4], ['교환 불가', 4], ['교환이 불가', 4], ['기간이 지나', 3], ['기간 경과', 3],
        ['기한이 지', 3], ['최종 세일', 3], ['파이널 세일', 3], ['대상이 아니', 3], ['불가 상품', 3], ['이미 반품', 3],
        ['nie kwalifikuje', 4], ['po terminie', 3], ['termin minął', 3], ['minął termin', 3], ['minął okres', 3],
        ['wyprzedaż', 3], ['wyłączon', 3], ['nie podlega zwrot', 4], ['niezwrotn', 4], ['nie można zwrócić', 4],
        ['już zwrócon', 3],
      ],
    },
    {
      category: 'dispute',
      terms: [
        'dispute', 'disputed', 'complaint', 'chargeback', ['refund not received', 3], 'angry', 'claim',
        ['분쟁', 3], ['항의', 3], ['불만', 2], ['클레임', 3], ['환불이 안', 3], ['이의', 2],
        ['reklamac', 3], ['skarg', 3], ['spór', 3], ['sporn', 3], ['nie otrzymał zwrotu', 3],
      ],
    },
    {
      category: 'sign_in_failed',
      terms: [
        ['sign in', 3], 'signin', 'login', ['log in', 3], 'authenticat', 'verif', ['one time code', 3], 'otp$',
        ['code expired', 3], 'identity', 'unauthenticated',
        ['로그인', 3], ['인증', 3], ['본인 확인', 3], ['본인확인', 3],
        ['logowan', 3], ['zalogow', 3], ['weryfikac', 3], ['uwierzytel', 3], ['kod jednorazow', 3],
      ],
    },
    {
      category: 'order_not_found',
      terms: [
        ['order not found', 4], ['unknown order', 4], ["can't find", 2], ['cannot find', 2], ['no order', 3],
        ['not their order', 3], ['no matching order', 4], ['order lookup', 3],
        ['주문을 찾을 수 없', 4], ['주문 조회', 3], ['주문 내역이 없', 4], ['주문번호', 2], ['주문 번호', 2],
        ['nie znaleziono zamówienia', 4], ['nie ma zamówienia', 4], ['brak zamówienia', 4], ['numer zamówienia', 2],
        ['nieznane zamówienie', 4],
      ],
    },
    {
      category: 'provider_unavailable',
      terms: [
        'provider', ['returns portal', 3], 'unavailable', ['customer hub', 3], ['limited mode', 3], 'outage',
        'timeout', 'timed out', ['system error', 3], 'integration', ['not configured', 3],
        ['반품 시스템', 3], ['포털', 2], ['연동', 3], ['오류', 2], ['장애', 3], ['시스템', 1],
        ['dostawc', 3], ['portal', 2], ['błąd systemu', 3], ['niedostępn', 3], ['awari', 3], ['integracj', 3],
      ],
    },
    {
      category: 'policy_unanswered',
      terms: [
        ['not in the knowledge base', 4], ['knowledge base', 3], ['no answer', 3], 'unanswered', ['policy question', 3],
        ['no policy', 3], ['no policy answer', 4],
        ['답변할 수 없', 3], ['답변을 찾', 3], ['정책', 2], ['지식', 2],
        ['brak odpowiedzi', 3], ['polityk', 2], ['regulamin', 2], ['baza wiedzy', 3], ['bazie wiedzy', 3],
      ],
    },
    {
      category: 'low_confidence',
      terms: [
        ['low confidence', 4], 'unclear', ["didn't understand", 3], ['did not understand', 3], ['not understood', 3],
        'confus', 'uncertain', 'ambiguous',
        ['이해하지 못', 3], ['이해 못', 3], ['불확실', 3], ['신뢰도', 3], ['애매', 2],
        ['niska pewność', 4], ['nie zrozumiał', 3], ['niejasn', 3], ['niepewn', 3],
      ],
    },
    {
      category: 'customer_request',
      terms: [
        'human', ['real person', 3], ['a person', 3], ['live agent', 3], ['human agent', 3], ['to an agent', 3],
        'representative', ['speak to', 2], ['talk to', 2], 'operator', ['asked for', 1], ['requested', 1],
        ['상담원', 3], ['상담사', 3], ['사람', 2], ['직원', 2], ['담당자', 2], ['연결해', 2], ['연결 요청', 3],
        ['konsultant', 3], ['człowiek', 3], ['z osobą', 3], ['pracownik', 2], ['rozmawiać z', 2], ['połącz', 2],
        ['żywa osoba', 3],
      ],
    },
  ],
  'other',
);
