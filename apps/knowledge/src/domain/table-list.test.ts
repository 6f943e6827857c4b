import { answerOver, buildIndex } from '../evaluate';
import { chunkMarkdown } from './chunker';
import { HashingEmbeddings } from './embedder';
import { htmlToMarkdown } from './extract';

// Found by hand with a Polish HTML policy (the first document below): a fee table's rows lost their column
// headers ("Ile kosztuje odesłanie kurierem?" → "Paczkomat InPost bezpłatnie", the wrong row) and a list item
// was answered alone ("kubków z personalizacją (grawerem),"). The other documents are written for this test.

type Doc = { id: string; format: 'html' | 'markdown'; content: string };

async function ask(docs: Doc[], question: string) {
  const index = await buildIndex(
    {
      tenant: 't',
      documents: docs.map((d) => ({
        ...d,
        title: d.format === 'html' ? htmlToMarkdown(d.content).title : /^#\s+(.+)$/m.exec(d.content)![1],
        url: '',
        tags: [],
      })),
    } as never,
    new HashingEmbeddings(),
  );
  const a = await answerOver(index, question);
  return { found: a.found, answer: a.answer, quote: a.citations[0]?.quote ?? '' };
}

const PL_HTML: Doc = {
  id: 'sklep',
  format: 'html',
  content: `<html><head><title>Regulamin zwrotów — Zielony Kubek</title></head><body>
<h1>Zwroty i wymiany w Zielonym Kubku</h1>
<p>Dbamy o to, żeby zakupy były proste. Poniżej znajdziesz najważniejsze zasady.</p>
<h2>Ile mam czasu?</h2>
<p>Na zwrot zakupionych produktów masz <strong>21 dni</strong> od dnia odbioru przesyłki.</p>
<h2>Opłaty</h2>
<table>
<tr><th>Sposób odesłania</th><th>Koszt</th></tr>
<tr><td>Paczkomat InPost</td><td>bezpłatnie</td></tr>
<tr><td>Kurier DPD</td><td>15 zł</td></tr>
<tr><td>Poczta Polska</td><td>koszt po stronie klienta</td></tr>
</table>
<h2>Czego nie przyjmujemy</h2>
<ul><li>kubków z personalizacją (grawerem),</li><li>produktów spożywczych (kawa, herbata),</li><li>kart podarunkowych.</li></ul>
<h2>Pieniądze</h2>
<p>Pieniądze oddajemy w ciągu 7 dni roboczych od przyjęcia zwrotu, na konto, z którego zapłacono.</p>
</body></html>`,
};

const PL_MD: Doc = {
  id: 'rower',
  format: 'markdown',
  content: `# Rowerownia — zwroty

## Termin
Masz 30 dni na odstąpienie od umowy.

## Wysyłka zwrotu
| Przewoźnik | Cena | Czas |
| --- | --- | --- |
| Orlen Paczka | 9 zł | 2 dni |
| Kurier GLS | 22 zł | 1 dzień |

## Wyłączenia
Nie przyjmujemy zwrotu następujących rzeczy:
- dętek po montażu,
- kasków z uszkodzonym opakowaniem.`,
};

const EN_HTML: Doc = {
  id: 'tides',
  format: 'html',
  content: `<html><body><main>
<h1>Tideline Surf — Returns</h1>
<h2>Return window</h2>
<p>Unused gear can be returned within 30 days of delivery.</p>
<h2>Return shipping</h2>
<table>
<thead><tr><th>Carrier</th><th>Price</th></tr></thead>
<tbody>
<tr><td>USPS drop-off</td><td>free</td></tr>
<tr><td>UPS pickup</td><td>$12</td></tr>
</tbody>
</table>
<h2>Final sale</h2>
<p>These items cannot be returned:</p>
<ul><li>waxed surfboards,</li><li>wetsuits without their tags.</li></ul>
</main></body></html>`,
};

const EN_MD: Doc = {
  id: 'lumen',
  format: 'markdown',
  content: `# Lumen Lamps — Returns

## Fees
| Return method | Fee |
|:--|--:|
| Store drop-off | free |
| Mail-in label | $8.50 |

## Not returnable
- custom engraved lamps
- opened bulbs`,
};

const KO_HTML: Doc = {
  id: 'haru',
  format: 'html',
  content: `<html><body>
<h1>하루가구 반품 안내</h1>
<h2>반품 기간</h2>
<p>상품 수령 후 7일 이내에 반품을 신청하실 수 있습니다.</p>
<h2>반품 배송비</h2>
<table>
<tr><th>반품 사유</th><th>배송비</th></tr>
<tr><td>단순 변심</td><td>왕복 10,000원 고객 부담</td></tr>
<tr><td>제품 하자</td><td>무료</td></tr>
</table>
<h2>반품 불가 상품</h2>
<ul><li>조립을 마친 가구</li><li>주문 제작 상품</li></ul>
</body></html>`,
};

const KO_MD: Doc = {
  id: 'bom',
  format: 'markdown',
  content: `# 봄차 반품 정책

## 교환 비용
| 교환 방법 | 비용 |
| --- | --- |
| 편의점 택배 | 3,000원 |
| 방문 수거 | 5,000원 |

## 교환이 안 되는 경우
다음 상품은 교환이 불가합니다.
- 개봉한 찻잎
- 시음 후 남은 티백`,
};

describe('a table row answers with its column headers', () => {
  test('HTML and markdown tables become one line per row with the headers', async () => {
    expect(htmlToMarkdown(PL_HTML.content).markdown).toContain('Sposób odesłania: Kurier DPD; Koszt: 15 zł');
    expect(htmlToMarkdown(EN_HTML.content).markdown).toContain('Carrier: UPS pickup; Price: $12');
    const chunks = (await chunkMarkdown(PL_MD.content)).map((c) => c.text).join('\n');
    expect(chunks).toContain('Przewoźnik: Kurier GLS; Cena: 22 zł; Czas: 1 dzień');
    expect(chunks).not.toContain('| ---');
  });

  test.each([
    [PL_HTML, 'Ile kosztuje odesłanie kurierem?', 'Kurier DPD', /Paczkomat|Poczta/],
    [
      PL_HTML,
      'Czy zwrot przez paczkomat jest darmowy?',
      'Paczkomat InPost; Koszt: bezpłatnie',
      /Kurier|21 dni/,
    ],
    [PL_MD, 'Ile kosztuje kurier GLS?', 'Kurier GLS; Cena: 22 zł', /Orlen/],
    [EN_HTML, 'How much is a UPS pickup?', 'Carrier: UPS pickup; Price: $12', /USPS/],
    [EN_MD, 'How much does the mail-in label cost?', 'Mail-in label; Fee: $8.50', /Store drop-off/],
    [
      KO_HTML,
      '단순 변심 반품 배송비는 얼마인가요?',
      '반품 사유: 단순 변심; 배송비: 왕복 10,000원 고객 부담',
      /제품 하자/,
    ],
    [KO_MD, '방문 수거 비용은 얼마인가요?', '교환 방법: 방문 수거; 비용: 5,000원', /편의점/],
  ])('%#', async (doc, question, want, notWant) => {
    const a = await ask([doc], question as string);
    expect(a.found).toBe(true);
    expect(a.answer).toContain(want);
    expect(a.answer).not.toMatch(notWant);
  });
});

describe('a list item answers with its lead-in', () => {
  test.each([
    [
      PL_HTML,
      'Czy mogę zwrócić kubek z grawerem?',
      'Czego nie przyjmujemy: kubków z personalizacją (grawerem)',
    ],
    [
      PL_HTML,
      'Mogę oddać kawę, jeśli mi nie smakuje?',
      'Czego nie przyjmujemy: produktów spożywczych (kawa, herbata)',
    ],
    [
      PL_MD,
      'Czy mogę zwrócić kask?',
      'Nie przyjmujemy zwrotu następujących rzeczy: kasków z uszkodzonym opakowaniem.',
    ],
    [EN_HTML, 'Can I return a waxed surfboard?', 'These items cannot be returned: waxed surfboards'],
    [EN_MD, 'Can I return an engraved lamp?', 'Not returnable: custom engraved lamps'],
    [KO_HTML, '조립한 가구도 반품되나요?', '반품 불가 상품: 조립을 마친 가구'],
    [KO_MD, '개봉한 찻잎도 교환되나요?', '다음 상품은 교환이 불가합니다: 개봉한 찻잎'],
  ])('%#', async (doc, question, want) => {
    const a = await ask([doc], question as string);
    expect(a.found).toBe(true);
    expect(a.answer).toBe(want);
    expect(a.quote).toBe(want);
  });
});

test('a question about something the policy never mentions is refused', async () => {
  const a = await ask([PL_HTML], 'Czy przyjmujecie zwroty w sklepie stacjonarnym?');
  expect(a.found).toBe(false);
});

test('a paragraph set apart from the list is not its lead-in: the heading is', async () => {
  const doc: Doc = {
    id: 'kelp',
    format: 'markdown',
    content: `# Kelp Kitchen — Returns

## Exclusions
Refunds go back to the original payment method.

- opened spice jars
- knives with a broken seal`,
  };
  const a = await ask([doc], 'Can I return an opened spice jar?');
  expect(a.answer).toBe('Exclusions: opened spice jars');
});
