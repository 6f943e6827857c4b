import { productPhrases } from './glossary';
import { itemsSaid } from './items';

const lines = (...titles: string[]) => titles.map((title, i) => ({ id: `l${i + 1}`, title }));

describe('items named across languages (by kind of product)', () => {
  it('a product named in another language than its title picks that line (en, pl, ko)', () => {
    for (const [text, lang, titles, named] of [
      ['I want to return the lipstick', 'en', ['Pomadka matowa', 'Torebka lniana', 'Krem do rąk'], ['l1']],
      ['the watch band please', 'en', ['스마트워치 S5', '스마트워치 밴드', '충전 케이블'], ['l2']],
      [
        'can I send back the sneakers and the phone case?',
        'en',
        ['Trampki miejskie', 'Etui na telefon', 'Smartfon X2'],
        ['l1', 'l2'],
      ],
      [
        'chcę zwrócić szminkę i etui na telefon',
        'pl',
        ['Matte lipstick', 'iPhone 15 case', 'Smartphone X'],
        ['l1', 'l2'],
      ],
      ['oddam pasek do zegarka', 'pl', ['Smartwatch S5', 'Sport band for smartwatch', 'USB-C cable'], ['l2']],
      ['chcę zwrócić kolczyki', 'pl', ['귀걸이 실버', '목걸이 실버'], ['l1']],
      ['립스틱만 반품할게요', 'ko', ['Pomadka matowa', 'Woda toaletowa Las', 'Torebka lniana'], ['l1']],
      ['운동화를 교환하고 싶어요', 'ko', ['Leather sneakers', 'Wool socks'], ['l1']],
    ] as const) {
      expect({ text, named: itemsSaid(text, lines(...titles), lang).named }).toEqual({ text, named });
    }
  });

  it('one named as opened in another language is opened, the rest as said (ko, pl, en)', () => {
    expect(
      itemsSaid(
        '립스틱은 개봉했어요. 향수만 반품할게요',
        lines('Matte lipstick', 'Forest perfume 50 ml', 'Linen pouch'),
        'ko',
      ),
    ).toEqual({
      named: ['l2'],
      opened: ['l1'],
    });
    expect(
      itemsSaid('otworzyłam perfumy, oddaję krem', lines('오드퍼퓸 50ml', '핸드크림', '파우치'), 'pl'),
    ).toEqual({
      named: ['l2'],
      opened: ['l1'],
    });
    expect(
      itemsSaid('I opened the perfume', lines('Woda perfumowana 50 ml', 'Balsam do ciała'), 'en'),
    ).toEqual({
      named: [],
      opened: ['l1'],
    });
  });

  it('a kind several lines fit alike, or none, picks no line: the card stays as it was', () => {
    for (const [text, lang, titles] of [
      ['I want to return the shoes', 'en', ['Trampki miejskie', 'Kozaki zimowe', 'Torebka lniana']],
      ['the watch', 'en', ['Smartwatch S5', 'Zegarek klasyczny', 'Kabel USB']],
      ['I want to return the lipstick', 'en', ['Torebka lniana', 'Krem do rąk']],
      ['chcę zwrócić sukienkę', 'pl', ['린넨 셔츠', '데님 팬츠']],
      ["in that case I'd like to return it", 'en', ['Etui na telefon', 'Kabel USB-C']],
      ['사이즈가 모자라요', 'ko', ['Bucket hat', '양말 세트']],
      ['브라운 색으로 교환할래요', 'ko', ['Sports bra', 'Leggings']],
    ] as const) {
      expect({ text, named: itemsSaid(text, lines(...titles), lang).named }).toEqual({ text, named: [] });
    }
  });

  it('a phrase names its head: "watch band", "etui na telefon", "워치 밴드" are a band and a case', () => {
    const heads = (t: string, lang?: 'en' | 'pl' | 'ko') => productPhrases(t, lang).map((p) => p.head[0]);
    expect(heads('the watch band', 'en')).toEqual(['strap']);
    expect(heads('etui na telefon', 'pl')).toEqual(['case']);
    expect(heads('pasek do zegarka', 'pl')).toEqual(['strap']);
    expect(heads('스마트워치 밴드를', 'ko')).toEqual(['strap']);
    expect(heads('case for iPhone', 'en')).toEqual(['case']);
  });
});

describe('Korean title words are read as words, not as any stretch of a longer word', () => {
  it('a title noun inside another word names nothing: 브라운 (brown) is no 브라, 모자라요 (not enough) no 모자', () => {
    for (const [text, titles] of [
      ['브라운 색으로 교환할래요', ['브라 세트', '레깅스']],
      ['사이즈가 모자라요', ['모자', '양말 세트']],
      ['모자이크 무늬가 마음에 안 들어요', ['버킷 모자', '양말']],
      ['브라이트 컬러로 바꾸고 싶어요', ['스포츠 브라', '레깅스']],
      // The glossary reads shoppers' words the same way, whatever the word around its noun.
      ['모자이크 무늬가 마음에 안 들어요', ['Bucket hat', 'Wool socks']],
      ['브라이트 컬러로 바꾸고 싶어요', ['Sports bra', 'Leggings']],
    ] as const) {
      expect({ text, named: itemsSaid(text, lines(...titles), 'ko').named }).toEqual({ text, named: [] });
    }
  });

  it('the noun itself, with particles or an ending, or as the head of a compound, still names it', () => {
    for (const [text, titles, named] of [
      ['브라를 반품할게요', ['브라 세트', '레깅스'], ['l1']],
      ['모자는 교환하고 싶어요', ['모자', '양말 세트'], ['l1']],
      ['반품할 건 모자예요', ['모자', '양말 세트'], ['l1']],
      ['스포츠브라만 반품할게요', ['스포츠 브라', '레깅스'], ['l1']],
      // Written without spaces, a title's words together are that title: the band, not the watch.
      ['스마트워치밴드 반품할게요', ['스마트워치 S5', '스마트워치 밴드'], ['l2']],
      ['스마트워치밴드를 반품할게요', ['스마트워치 S5', '스마트워치 밴드', '충전 케이블'], ['l2']],
      ['스마트워치밴드를 반품할게요', ['스마트워치 S5', '충전 케이블'], []],
    ] as const) {
      expect({ text, named: itemsSaid(text, lines(...titles), 'ko').named }).toEqual({ text, named });
    }
  });
});
