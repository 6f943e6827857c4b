import { answerOver, indexMarkdown } from '../evaluate';
import { pipeTablesToRows } from './chunker';

// A table written without its markdown delimiter row ("구분 | 기간 | 비용" over "일반 배송 | 1~3영업일 | 무료") is a table
// all the same: each row is rendered with its column headers, as HTML and delimited tables are ("구분: 일반 배송;
// 기간: 1~3영업일; 비용: 무료"), not quoted raw with its pipes. A row for a narrower case (Jeju and remote islands,
// "제주 및 도서산간 지역은 …") is a variant: a general question gets the general rule.

test.each([
  [
    'ko',
    '## 한눈에 보기\n\n구분 | 기간 | 비용\n단순 변심 반품 | 수령 후 7일 이내 | 왕복 배송비 5,000원\n초기불량 교환 | 수령 후 14일 이내 | 무료',
    [
      '구분: 단순 변심 반품; 기간: 수령 후 7일 이내; 비용: 왕복 배송비 5,000원',
      '구분: 초기불량 교환; 기간: 수령 후 14일 이내; 비용: 무료',
    ],
  ],
  [
    'pl',
    'Rodzaj | Termin | Koszt\nZwrot | 14 dni | 9,99 zł\nReklamacja | 2 lata | bezpłatnie',
    [
      'Rodzaj: Zwrot; Termin: 14 dni; Koszt: 9,99 zł',
      'Rodzaj: Reklamacja; Termin: 2 lata; Koszt: bezpłatnie',
    ],
  ],
  [
    'en',
    '## At a glance\n\nCase | Window | Cost\nChange of mind | 30 days | $6 label',
    ['Case: Change of mind; Window: 30 days; Cost: $6 label'],
  ],
])('%s: a pipe table without a delimiter row is rendered row by row with its headers', (_l, md, rows) => {
  const out = pipeTablesToRows(md);
  for (const r of rows) expect(out).toContain(r);
  expect(out).not.toMatch(/\S \| \S/u);
});

test('pipes inside a paragraph, or lines of different widths, are not a table', () => {
  for (const md of [
    'Opening hours are listed below.\nMon–Fri | 9–17\nSat | 10–14',
    'Menu | Help\nSee our returns page for details.',
    'Returns | Exchanges | Refunds\nAll policies are on one page | see below',
  ])
    expect(pipeTablesToRows(md)).toBe(md);
});

test('ko: a general return-shipping question gets the general rule, not the remote-area surcharge', async () => {
  const idx = await indexMarkdown([
    {
      id: 'faq',
      content: `# 하늘소리 반품 FAQ

## 한눈에 보기

구분 | 기간 | 비용
단순 변심 반품 | 상품 수령 후 7일 이내 | 왕복 배송비 5,000원 (고객 부담)
초기불량 교환 | 상품 수령 후 10일 이내 | 무료

## 반품

Q. 단순 변심으로도 반품할 수 있나요?
A. 네. 상품을 받으신 날부터 7일 이내에 반품을 신청하실 수 있습니다. 단순 변심 반품의 왕복 배송비 5,000원은 고객님 부담입니다.

Q. 제주도에 사는데 배송비가 더 드나요?
A. 제주 및 도서산간 지역은 반품 시 추가 배송비 3,000원이 부과됩니다.`,
    },
  ]);
  expect((await answerOver(idx, '반품 배송비 얼마에요')).answer).toContain('5,000원');
  expect((await answerOver(idx, '제주도 사는데 반품비 더 내야 하나요')).answer).toContain(
    '추가 배송비 3,000원',
  );
});
