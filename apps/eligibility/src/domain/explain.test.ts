import { REASON_CODES } from './evaluate';
import { explain, formatDate } from './explain';

const restricted = {
  eligible: true,
  deadline: '2026-03-31',
  exchangeDeadline: '2026-04-30',
  allowedResolutions: ['EXCHANGE' as const, 'STORE_CREDIT' as const],
  reasonCodes: ['FINAL_SALE'],
  storeCreditBonusPercent: 10,
};

describe('explanations', () => {
  it('formats calendar dates for the locale without shifting the day', () => {
    expect(formatDate('2026-03-31', 'ko')).toBe('2026년 3월 31일');
    expect(formatDate('2026-03-31', 'pl-PL')).toBe('31 marca 2026');
    expect(formatDate('2026-03-31', 'en')).toBe('March 31, 2026');
    expect(formatDate('2026-03-31', 'en-GB')).toBe('31 March 2026');
  });

  it('names what is possible and until when, per resolution, in Korean, Polish and English', () => {
    expect(explain(restricted, 'ko-KR')).toBe(
      '최종 세일 상품이라 반품 방법이 제한됩니다. 2026년 3월 31일까지 신청 가능: 적립금(+10% 보너스). 2026년 4월 30일까지 신청 가능: 교환.',
    );
    expect(explain(restricted, 'pl')).toBe(
      'To produkt z wyprzedaży końcowej, więc opcje zwrotu są ograniczone. Można zgłosić do 31 marca 2026: bon sklepowy (+10% bonusu). Można zgłosić do 30 kwietnia 2026: wymiana.',
    );
    expect(explain(restricted, 'en')).toContain('Can be requested until April 30, 2026: exchange.');
  });

  it('explains refusals with every reason, custom codes included', () => {
    const refused = {
      ...restricted,
      eligible: false,
      allowedResolutions: [],
      reasonCodes: ['WINDOW_EXPIRED', 'NO_SALE_RETURNS'],
    };
    expect(explain(refused, 'pl')).toBe(
      'Tego produktu nie można zwrócić. Termin na zwrot minął 31 marca 2026, a termin na wymianę 30 kwietnia 2026. Zasady sklepu nie pozwalają zwrócić tego produktu (NO_SALE_RETURNS).',
    );
    expect(
      explain({ ...refused, reasonCodes: ['NOT_DELIVERED'], deadline: '', exchangeDeadline: '' }, 'ko'),
    ).toBe(
      '이 상품은 아직 반품할 수 없습니다. 아직 배송이 완료되지 않았습니다. 반품 기간은 배송 완료일부터 시작됩니다.',
    );
    // A cancelled or fully refunded order: waiting for delivery is moot, so it is not mentioned.
    for (const [code, locale, text] of [
      ['ORDER_CANCELLED', 'en', 'This item cannot be returned. The order was cancelled.'],
      ['ORDER_CANCELLED', 'ko', '이 상품은 반품할 수 없습니다. 취소된 주문입니다.'],
      ['ORDER_REFUNDED', 'pl', 'Tego produktu nie można zwrócić.'],
    ] as const) {
      const said = explain({ ...refused, reasonCodes: [code, 'NOT_DELIVERED', 'NOT_FULFILLED'] }, locale);
      expect(said.startsWith(text)).toBe(true);
      expect(said).not.toMatch(/deliver|ship|배송|dostarcz|wysła/i);
    }
    // Only for now: not shipped / not delivered yet. Any lasting reason makes it a plain refusal.
    expect(explain({ ...refused, reasonCodes: ['NOT_FULFILLED'] }, 'en')).toBe(
      "This item can't be returned yet. The item has not been shipped yet.",
    );
    expect(explain({ ...refused, reasonCodes: ['NOT_DELIVERED', 'GIFT_CARD'] }, 'pl')).toBe(
      'Tego produktu nie można zwrócić. Kart podarunkowych nie można zwrócić.',
    );
    // Waiting changes nothing for a lasting reason, so 'not shipped / delivered yet' is left out.
    for (const [codes, locale] of [
      [['NOT_DELIVERED', 'GIFT_CARD'], 'en'],
      [['NOT_FULFILLED', 'FINAL_SALE'], 'ko'],
      [['EXCLUDED_CATEGORY', 'NOT_DELIVERED'], 'pl'],
      [['NOT_FULFILLED', 'NO_SALE_RETURNS'], 'en'],
    ] as const) {
      const said = explain({ ...refused, reasonCodes: [...codes] }, locale);
      expect(said).not.toMatch(/deliver|ship|배송|dostarcz|wysła/i);
    }
    expect(explain({ ...refused, reasonCodes: ['GIFT_CARD'] }, 'fr')).toBe(
      'This item cannot be returned. Gift cards cannot be returned.',
    );
  });
});

describe('every built-in reason code has its own sentence', () => {
  it.each(['ko', 'pl', 'en'])('in %s, refused and limited', (locale) => {
    for (const code of REASON_CODES) {
      const d = { ...restricted, reasonCodes: [code] };
      const refused = explain({ ...d, eligible: false, allowedResolutions: [] }, locale);
      const limited = explain(d, locale);
      // The generic template for tenant-defined codes quotes the code; built-in ones never do.
      expect(refused).not.toContain(code);
      expect(limited).not.toContain(code);
      if (code === 'WINDOW_EXPIRED') expect(refused).toContain(formatDate('2026-03-31', locale));
    }
  });
});
