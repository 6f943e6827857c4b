import { terms } from './text';

// A small returns-domain glossary (English / Polish / Korean). Query terms that belong to a concept
// are expanded with the concept's other words at a lower weight, so "refund" finds "환불" and
// "zwrot pieniędzy", and "send back" finds "return". It describes the domain, not any one brand.
// biome-ignore format: one concept per line
const CONCEPTS: string[][] = [
  // Giving goods back, including the legal withdrawal ("odstąpienie od umowy") and "oddać" (give back).
  ['return', 'returns', 'send back', 'give back', 'zwrot', 'zwrócić', 'zwracać', 'odesłać', 'odesłanie', 'odsyłać', 'oddać', 'oddanie', 'oddam', 'oddawać', 'odstąpienie', 'odstąpić', '반품', '반송', '반납'],
  ['refund', 'money back', 'reimbursement', 'zwrot pieniędzy', 'zwrot środków', 'pieniądze z powrotem', 'refundacja', '환불'],
  ['exchange', 'swap', 'replace', 'wymiana', 'wymienić', '교환'],
  ['shipping', 'postage', 'delivery fee', 'return shipping', 'wysyłka', 'przesyłka', 'koszt wysyłki', '배송비', '택배비', '반품비', '왕복'],
  ['delivery', 'delivered', 'receipt of goods', 'received', 'dostawa', 'doręczenie', 'otrzymanie', 'odbiór', '배송', '수령', '수취', '도착'],
  ['days', 'dni', '일'],
  ['business days', 'working days', 'dni robocze', '영업일'],
  // Damage in transit or a defect: how shoppers describe it (cracked, chipped, smashed) and how policies do.
  ['damaged', 'damage', 'defective', 'faulty', 'broken', 'broke', 'breakage', 'cracked', 'chipped', 'shattered', 'smashed', 'dented', 'uszkodzony', 'uszkodzenie', 'uszkodzona', 'wadliwy', 'wada', 'pęknięty', 'pęknięta', 'pęknięcie', 'stłuczony', 'stłuczona', 'rozbity', 'rozbita', 'zniszczony', '불량', '파손', '하자', '손상', '깨짐', '깨진', '깨져', '깨졌', '금이'],
  ['complaint', 'warranty', 'claim', 'reklamacja', 'gwarancja', 'rękojmia', '보증', '클레임', 'A/S'],
  ['sale', 'discounted', 'clearance', 'final sale', 'wyprzedaż', 'przecena', 'promocja', '세일', '할인', '특가'],
  ['gift card', 'store credit', 'voucher', 'karta podarunkowa', 'bon', 'voucher', '상품권', '적립금', '포인트'],
  ['size', 'fit', 'rozmiar', '사이즈', '치수'],
  ['international', 'abroad', 'overseas', 'outside', 'zagranica', 'zagraniczny', 'międzynarodowy', '해외', '국제'],
  ['label', 'shipping label', 'etykieta', 'list przewozowy', '송장', '라벨'],
  ['courier', 'pickup', 'collection', 'kurier', 'odbiór', 'paczkomat', '택배', '수거', '회수'],
  ['packaging', 'box', 'tags', 'unworn', 'unused', 'opakowanie', 'metki', 'nienoszony', 'nieużywany', '포장', '택', '미사용', '미착용'],
  ['underwear', 'swimwear', 'hygiene', 'bielizna', 'strój kąpielowy', 'higiena', '속옷', '수영복', '위생'],
  ['cosmetics', 'beauty', 'kosmetyki', '화장품'],
  ['order', 'purchase', 'zamówienie', 'zakup', '주문', '구매'],
  ['cancel', 'cancellation', 'anulować', 'anulowanie', 'rezygnacja', '취소'],
  ['card', 'bank account', 'bank transfer', 'payment method', 'karta', 'konto bankowe', 'przelew', 'metoda płatności', '카드', '계좌', '결제 수단'],
  ['customer service', 'contact', 'email', 'phone', 'obsługa klienta', 'kontakt', 'e-mail', 'telefon', '고객센터', '문의', '연락', '이메일', '전화'],
  ['free', 'no charge', 'bezpłatny', 'bezpłatnie', 'darmowy', 'za darmo', '무료'],
  // Who bears a cost: "who pays" is answered by "the buyer bears the cost" ("kto płaci" ≈ "koszt ponosi").
  ['fee', 'cost', 'charge', 'price', 'pay', 'pays', 'paid', 'bears', 'opłata', 'koszt', 'cena', 'płacić', 'płaci', 'zapłacić', 'ponosi', 'ponosić', '비용', '수수료', '요금', '부담'],
  ['bonus', 'extra', 'additional', 'reward', 'premia', 'dodatkowy', 'dodatkowo', '보너스', '추가'],
  ['how long', 'processing time', 'take', 'czas', 'termin', 'trwa', '기간', '소요', '걸리'],
  ['personalised', 'personalized', 'custom', 'engraved', 'personalizowany', 'grawer', '맞춤', '각인', '주문 제작'],
  ['store', 'shop', 'in-store', 'sklep stacjonarny', 'salon', '매장', '오프라인'],
  ['photo', 'picture', 'zdjęcie', '사진'],
  ['proof of purchase', 'invoice', 'paragon', 'dowód zakupu', 'faktura', '영수증', '증빙'],
];

interface Concept {
  terms: Set<string>;
}

let table: Map<string, Concept[]> | undefined;

function build(): Map<string, Concept[]> {
  const t = new Map<string, Concept[]>();
  for (const words of CONCEPTS) {
    // Only whole-word stems join a concept: prefixes and Hangul bigrams would drag in noise.
    const all = new Set(
      words.flatMap((w) =>
        terms(w).filter(
          (x) => !x.startsWith('^') && !(/[\uac00-\ud7af]/.test(x) && x.length === 2 && !words.includes(x)),
        ),
      ),
    );
    const concept = { terms: all };
    for (const x of all) t.set(x, [...(t.get(x) ?? []), concept]);
  }
  return t;
}

/** Terms related to `term` through the glossary (not including itself). */
export function related(term: string): string[] {
  table ??= build();
  const out = new Set<string>();
  for (const c of table.get(term) ?? []) for (const x of c.terms) if (x !== term) out.add(x);
  return [...out];
}

/** Query terms with weights: the query's own terms at 1, glossary relatives at `relatedWeight`. */
export function expandQuery(queryTerms: string[], relatedWeight = 0.4): { term: string; weight: number }[] {
  const out = new Map<string, number>();
  for (const t of queryTerms) out.set(t, Math.max(out.get(t) ?? 0, 1));
  for (const t of queryTerms) for (const r of related(t)) if (!out.has(r)) out.set(r, relatedWeight);
  return [...out.entries()].map(([term, weight]) => ({ term, weight }));
}
