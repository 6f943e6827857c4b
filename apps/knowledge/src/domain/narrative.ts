/**
 * How the shopper came to have the goods, told as context: when it was bought or arrived ("2 weeks ago", "2 tyg
 * temu", "5 weeks", "3일 전에") and the buying itself ("I bought", "kupiłam", "샀는데"), and discourse particles
 * ("jednak", "actually"). They say nothing about which rule is asked for: the documents never use them, so as
 * words the documents never use they weighed like the rarest word and the question was refused.
 */
export const PURCHASE_VERB =
  /^(bought|purchased|kupi[łl](a|e)?m|kupi[łl]a|kupi[łl]|kupili[śs]?my|kupili|kupowa[łl](a|e)?m|샀|사서|구매했|구입했)/iu;
const DISCOURSE =
  /^(actually|anyway|jednak|właściwie|wlasciwie|generalnie|niestety|sorry|hej|witam|ok|okay|she|he|her|him|his|hers|them|really|very|totally|ㅎㅏ|하|아|휴|아니|그냥|너무|진짜|정말|완전)$/iu;
const SPAN_UNIT =
  /^(days?|weeks?|wks?|months?|mo|dni|dzie[nń]|tyg|tydz\p{L}*|tygod\p{L}*|miesi[aą]c\p{L}*|mies|\d*(일|주|달|개월)(전|째)?\p{L}*)$/iu;
/** An order number ("DD3012", "#1005", "LF-1001"): which order, for the agent, not what the rule is about. */
const ORDER_NUMBER = /^#?\p{L}{0,4}-?\d{3,}$/u;
const ROOM = /^(room|space|living|bedroom|kitchen|hallway|flat|apartment|house|interior)$/iu;
const AGO = /^(ago|temu|전|전에|전쯤|째)$/u;

/** Indices of the question's words that only tell how the shopper came to have the goods (see PURCHASE_VERB). */
export function narrativeWords(words: { surface: string }[]): Set<number> {
  const out = new Set<number>();
  words.forEach((w, i) => {
    const next = words[i + 1]?.surface ?? '';
    if (PURCHASE_VERB.test(w.surface) || DISCOURSE.test(w.surface) || ORDER_NUMBER.test(w.surface))
      out.add(i);
    // The room it does not fit: "nie pasuje do salonu", "doesn't fit the living room", "거실에 안 어울려요".
    if (/^(pasuj\p{L}*|pasowa\p{L}*)$/iu.test(w.surface) && /^do$/iu.test(next)) out.add(i + 2);
    if (/^fits?$/iu.test(w.surface))
      for (let j = i + 1; j <= i + 4 && j < words.length; j++) if (ROOM.test(words[j]!.surface)) out.add(j);
    // Trying it out, and for how long: "하루 써봤는데", "이틀 자봤는데", "한번 입어봤는데" (the answer says whether used goods
    // go back; the trial is the shopper's story).
    if (/^[\uac00-\ud7af]+봤(는데|어요|지만|더니)$/u.test(w.surface)) {
      out.add(i);
      if (/^(하루|이틀|사흘|며칠|일주일|한번|한\s?번|잠깐|\d+일)$/u.test(words[i - 1]?.surface ?? ''))
        out.add(i - 1);
    }
    // "another thing", "one more thing", "mam kilka pytań", "a few questions", "몇 가지 질문": the message's frame.
    if (/^(another|more)$/iu.test(w.surface) && /^things?$/iu.test(next)) out.add(i).add(i + 1);
    if (
      /^(kilka|parę|pare|few|several|몇)$/iu.test(w.surface) &&
      /^(pyta\p{L}*|questions?|가지)$/iu.test(next)
    )
      out.add(i).add(i + 1);
    // "2 tyg temu", "two weeks ago", "5 weeks", "2주 전에", "열흘 됐는데": a number and a unit, "ago" after.
    if (SPAN_UNIT.test(w.surface)) {
      const before = words[i - 1]?.surface ?? '';
      const after = words[i + 1]?.surface ?? '';
      const counted =
        /^(\d+|a|an|one|two|three|four|five|six|few|kilka|dwa|dwie|trzy|pare|parę)$/iu.test(before) ||
        /^\d+\p{L}/u.test(w.surface);
      if (counted && AGO.test(after)) {
        out.add(i);
        out.add(i + 1);
        if (!/^\d/.test(w.surface)) out.add(i - 1);
      }
    }
  });
  return out;
}

/**
 * Where the goods were bought, when that is a name: the word after "on / at / from / via" (or "na / w / z / przez") just
 * after a purchase verb ("bought on amazon", "kupiłam na allegro", "got it at target"), or a Korean word with
 * "에서" before one ("쿠팡에서 샀는데"). Another seller: the shop's rules may not apply.
 */
export function boughtWhere(words: { surface: string }[], i: number): boolean {
  const w = words[i]?.surface ?? '';
  if (/^[\uac00-\ud7af]+에서$/u.test(w)) return PURCHASE_VERB.test(words[i + 1]?.surface ?? '');
  const on = words[i - 1]?.surface ?? '';
  if (!/^(on|at|from|via|through|na|w|z|ze|przez)$/iu.test(on)) return false;
  return [words[i - 2], words[i - 3]].some(
    (v) =>
      v !== undefined && (PURCHASE_VERB.test(v.surface) || /^(got|ordered|zamówi\p{L}*)$/iu.test(v.surface)),
  );
}
