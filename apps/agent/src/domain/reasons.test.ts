import type { LineDecision } from './ports';
import { refusalNote, refusalReasons, refusedOnlyByChoiceRules } from './reasons';

const refused = (reasonCodes: string[], extra: Partial<LineDecision> = {}): LineDecision => ({
  lineItemId: 'l1',
  eligible: false,
  deadline: '2025-02-08',
  reasonCodes,
  // What the eligibility service says: a generic refusal first, then every reason in its code order.
  explanation: 'This item cannot be returned. …',
  resolutions: [],
  ...extra,
});
const codes = (d: LineDecision) => refusalReasons(d, 'en').map((r) => r.code);

describe('why a refused line cannot be returned', () => {
  it('says each distinct reason once, the deciding ones first, the window with its date (en, pl, ko)', () => {
    const d = refused(['WINDOW_EXPIRED', 'GIFT_CARD', 'EXCLUDED_CATEGORY', 'GIFT_CARD', 'WINDOW_EXPIRED']);
    expect(refusalNote(d, 'en')).toBe(
      "Gift cards and vouchers can't be returned. This kind of product can't be returned. The return window ended on February 8, 2025.",
    );
    expect(refusalNote(d, 'pl')).toBe(
      'Kart i bonów podarunkowych nie można zwrócić. Ta kategoria produktów nie podlega zwrotowi. Termin na zwrot minął 8 lutego 2025.',
    );
    expect(refusalNote(d, 'ko')).toBe(
      '상품권·기프트 카드는 반품할 수 없어요. 반품이 제외된 상품 유형이에요. 반품 기간이 2025년 2월 8일에 끝났어요.',
    );
  });

  it('leaves "not yet" out next to a reason no waiting lifts, and says only one of shipped / delivered', () => {
    expect(codes(refused(['NOT_DELIVERED', 'GIFT_CARD']))).toEqual(['GIFT_CARD']);
    expect(codes(refused(['ORDER_CANCELLED', 'NOT_FULFILLED']))).toEqual(['ORDER_CANCELLED']);
    expect(codes(refused(['NOT_DELIVERED', 'NOT_FULFILLED']))).toEqual(['NOT_FULFILLED']);
    // Only narrowed (exchange only) and not delivered yet: once delivered it can be exchanged.
    expect(codes(refused(['NOT_DELIVERED', 'EXCHANGE_ONLY']))).toEqual(['EXCHANGE_ONLY', 'NOT_DELIVERED']);
    expect(refusalNote(refused(['NOT_DELIVERED'], { deadline: '' }), 'pl')).toBe(
      'Produkt nie został jeszcze dostarczony; termin na zwrot liczy się od dostawy.',
    );
  });

  it('names both windows, the date of a return in progress, and the store’s own codes (en, pl, ko)', () => {
    const both = refused(['WINDOW_EXPIRED'], { exchangeDeadline: '2025-02-22' });
    expect(refusalNote(both, 'en')).toBe(
      'The return window ended on February 8, 2025 and the exchange window on February 22, 2025.',
    );
    expect(refusalNote(both, 'ko')).toBe(
      '반품 기간은 2025년 2월 8일에, 교환 기간은 2025년 2월 22일에 끝났어요.',
    );
    const inReturn = refused(['RETURN_IN_PROGRESS'], { returnRequestedOn: '2025-03-01' });
    expect(refusalNote(inReturn, 'pl')).toBe('Zwrot tego produktu jest już w toku (zgłoszony 1 marca 2025).');
    // A tenant's custom codes come after the built-in refusals, before the window.
    expect(codes(refused(['WINDOW_EXPIRED', 'NO_SWIMWEAR', 'FINAL_SALE', 'NO_SWIMWEAR']))).toEqual([
      'FINAL_SALE',
      'NO_SWIMWEAR',
      'WINDOW_EXPIRED',
    ]);
    expect(refusalNote(refused(['NO_SWIMWEAR']), 'en')).toBe(
      "The store's policy doesn't allow returning it (NO_SWIMWEAR).",
    );
    // No code at all: the service's own words.
    expect(refusalNote(refused([]), 'en')).toBe('This item cannot be returned. …');
  });

  it('uses the brand’s own wording for a reason', () => {
    const overrides = { reason_gift_card: { pl: 'Karty podarunkowe nie podlegają zwrotowi.' } };
    expect(refusalNote(refused(['GIFT_CARD', 'WINDOW_EXPIRED']), 'pl', overrides)).toBe(
      'Karty podarunkowe nie podlegają zwrotowi. Termin na zwrot minął 8 lutego 2025.',
    );
  });
});

describe('what a defect claim is not refused by', () => {
  it("the rules for returns by choice (final sale, excluded category, the window, opened, the store's own codes), not the order or the item itself", () => {
    for (const c of [
      ['FINAL_SALE'],
      ['EXCLUDED_CATEGORY', 'WINDOW_EXPIRED'],
      ['SAID_OPENED'],
      ['HYGIENE_SEAL_BROKEN'],
    ])
      expect({ c, choice: refusedOnlyByChoiceRules(refused(c)) }).toEqual({ c, choice: true });
    for (const c of [
      ['ALREADY_RETURNED'],
      ['FINAL_SALE', 'NOT_DELIVERED'],
      ['GIFT_CARD'],
      ['ORDER_CANCELLED'],
      [],
    ])
      expect({ c, choice: refusedOnlyByChoiceRules(refused(c)) }).toEqual({ c, choice: false });
    expect(refusedOnlyByChoiceRules(refused(['FINAL_SALE'], { eligible: true }))).toBe(false);
  });
});
