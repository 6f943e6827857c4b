import { glossaryStems, glossarySurfaces } from './glossary';
import { narrativeWords } from './narrative';
import { fold, stem, wordTokens } from './text';

/**
 * Shoppers' typing slips, repaired in a question before it is searched and answered.
 *
 * - **Broken Hangul**: a syllable typed in pieces ("반푸ㅁ" for 반품, "ㅂㅏㄴ품") is put back together: a
 *   consonant after a syllable without a final consonant becomes its final (unless a vowel follows, which
 *   makes it the next syllable's initial), a consonant and a vowel become a syllable. Laughter and the like
 *   ("ㅋㅋ", "ㅎㅎ", "ㅠㅠ") is left alone.
 * - **One slip in a word** (Latin script, four letters or more): a word the documents never use — no term of
 *   it in the tenant's index — that is one edit (a letter left out, added, changed, or two swapped) from a
 *   word they do use, or from a word of the domain's glossary ("czsu" → czasu, "zwort" → zwrot, "retrun" →
 *   return, "windw" → window, "unopend" → unopened), is read as that word. The same edit reaches an inflected
 *   form the documents spell otherwise ("folie" / "folii", "zamontowałem" / "zamontowane"). Only when exactly
 *   one word is reached (the first letter kept: slips rarely hit it), and never for a capitalised word inside
 *   the sentence (a name: "Do you ship to Japan?" stays a question about Japan) nor a word of the glossary
 *   itself.
 * - **Korean spellings**: "몇일" / "몇 일" (a common misspelling) is "며칠" (how many days).
 * - **Korean compounds written as one word**: a word the documents never use that is two nouns they do use
 *   ("반품기간이" → 반품 기간이, "교환배송비" → 교환 배송비, "포장박스" → 포장 박스), in exactly one way, is read as the
 *   two words, as the documents write them (after the longest noun it starts with: "배송비는요" stays); otherwise
 *   each noun counted only in part.
 */

const COMPAT_CONSONANTS = 'ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const FINALS = ' ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';
const isVowel = (c: string | undefined) => c !== undefined && c >= 'ㅏ' && c <= 'ㅣ';
const isConsonant = (c: string | undefined) => c !== undefined && COMPAT_CONSONANTS.includes(c);
const SYLLABLE_BASE = 0xac00;

/** Hangul typed in pieces ("반푸ㅁ", "ㅂㅏㄴ품") as whole syllables ("반품"). */
export function recomposeHangul(text: string): string {
  if (!/[\u3131-\u3163]/u.test(text)) return text;
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const after = chars[i + 2];
    // An initial consonant and a vowel: a syllable, with the next consonant as its final unless a vowel follows it.
    if (INITIALS.includes(c) && isVowel(next)) {
      let code = SYLLABLE_BASE + (INITIALS.indexOf(c) * 21 + (next!.charCodeAt(0) - 'ㅏ'.charCodeAt(0))) * 28;
      i++;
      if (isConsonant(after) && FINALS.indexOf(after!) > 0 && !isVowel(chars[i + 2])) {
        code += FINALS.indexOf(after!);
        i++;
      }
      out.push(String.fromCharCode(code));
      continue;
    }
    // A consonant after a syllable without a final: its final ("푸" + "ㅁ" → "품"), unless a vowel follows
    // (the next syllable's initial) or it repeats ("ㅋㅋ": laughter, not a syllable).
    const prev = out[out.length - 1];
    if (
      isConsonant(c) &&
      prev !== undefined &&
      prev.charCodeAt(0) >= SYLLABLE_BASE &&
      prev.charCodeAt(0) <= 0xd7a3 &&
      (prev.charCodeAt(0) - SYLLABLE_BASE) % 28 === 0 &&
      FINALS.indexOf(c) > 0 &&
      !isVowel(next) &&
      next !== c
    ) {
      out[out.length - 1] = String.fromCharCode(prev.charCodeAt(0) + FINALS.indexOf(c));
      continue;
    }
    out.push(c);
  }
  return out.join('');
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The slips a word is repaired from: two neighbouring letters swapped ("zwort", "retrun") or a letter left out
 * inside it ("czsu", "windw", "unopend"), the first letter kept. A changed letter, an extra one, one missing at
 * the end, a doubled one or the last two swapped is how inflected and other real words differ from the
 * documents' ("send" / "sent", "dostanę" / "dostawa", "charger" / "charge", "sofa" / "sofas", "folie" /
 * "folii", "pierścionek" / "pierścionki"): those are not repaired.
 */
function slipsFrom(word: string): string[] {
  const out = new Set<string>();
  for (let i = 1; i + 2 < word.length; i++)
    out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  for (let i = 1; i < word.length; i++)
    for (const l of LETTERS)
      if (l !== word[i - 1] && l !== word[i]) out.add(word.slice(0, i) + l + word.slice(i));
  out.delete(word);
  return [...out];
}

/**
 * Words a question asks with that the glossary does not list: the cues of the kinds of question ("ile mam
 * czasu", "return window", "termin zwrotu"). A question word spelled like one of these is not a slip; one a
 * slip away from one is read as it.
 */
const CUE_WORDS = [
  'policy',
  'window',
  'period',
  'deadline',
  'hours',
  'times',
  'czasu',
  'terminu',
  'terminie',
  'kosztuje',
  'kosztuja',
  'kosztu',
  'polityka',
  'zasady',
  'godziny',
  'godzinach',
  'razy',
  'zwrotu',
  'zwrotow',
  'wymiany',
  'reklamacje',
  'reklamacji',
];
let lexicon: Set<string> | undefined;
/** Folded spellings of the glossary's words and the cue words. */
function lexiconWords(): Set<string> {
  lexicon ??= new Set([...glossarySurfaces(), ...CUE_WORDS]);
  return lexicon;
}

/** A Latin-script word of four letters or more, no digits. */
const SPELLED = /^[a-z]{4,}$/u;

/**
 * The question with its slips repaired (see above). `known(term)`: whether the tenant's documents use an index
 * term (a stem).
 */
export function correctTypos(question: string, known: (term: string) => boolean): string {
  const text = splitCompounds(recomposeHangul(question).replace(/몇\s?일/gu, '며칠'), known);
  const tokens = wordTokens(text);
  const glossary = glossaryStems();
  const words = lexiconWords();
  // "2 tyg temu", "kupiłam": context, not a slip of a word the documents use ("temu" is not "term").
  const narrative = narrativeWords(tokens);
  let out = '';
  let at = 0;
  tokens.forEach((w, i) => {
    if (w.stop || !w.terms.length || narrative.has(i)) return;
    const folded = fold(w.surface);
    if (!SPELLED.test(folded) || words.has(folded)) return;
    const own = w.terms.filter((t) => !t.startsWith('^'));
    if (own.some((t) => known(t) || glossary.has(t))) return;
    // A name inside the sentence ("Japan", "Krakowie"): not a slip.
    if (i > 0 && /^\p{Lu}/u.test(w.surface)) return;
    const reached = new Map<string, string>();
    for (const v of slipsFrom(folded)) {
      const s = words.has(v) ? v : stem(v);
      if (s.length < 3 || reached.has(s)) continue;
      if (words.has(v) || known(s)) reached.set(s, v);
    }
    if (reached.size !== 1) return;
    const [replacement] = reached.values();
    out += text.slice(at, w.index) + replacement;
    at = w.index + w.surface.length;
  });
  return at === 0 ? text : out + text.slice(at);
}

const HANGUL_WORD = /^[\uac00-\ud7af]+$/u;

/**
 * Korean compounds the documents write apart ("반품기간이" for "반품 기간"): a word whose noun (particles off) the
 * documents never use, made of two nouns of two syllables or more that they do use, split after the longest one
 * it starts with.
 */
export function splitCompounds(text: string, known: (term: string) => boolean): string {
  if (!/[\uac00-\ud7af]{4}/u.test(text)) return text;
  let out = '';
  let at = 0;
  for (const w of wordTokens(text)) {
    const bare = w.terms[0];
    if (w.stop || !bare || bare.length < 4 || !HANGUL_WORD.test(bare) || !w.surface.startsWith(bare))
      continue;
    if (known(bare)) continue;
    // The longest noun it starts with ("배송비는요" is 배송비 + 는요, not 배송 + 비는요), then a noun after it.
    let cut = 0;
    for (let k = bare.length - 1; k >= 2 && !cut; k--) if (known(bare.slice(0, k))) cut = k;
    const right = cut ? wordTokens(w.surface.slice(cut))[0]?.terms[0] : undefined;
    // A noun after it, maybe with an ending the particles left ("배송비는요" → 배송비는).
    if (!right || right.length < 2 || ![right, right.slice(0, -1)].some((r) => r.length >= 2 && known(r)))
      continue;
    out += `${text.slice(at, w.index)}${w.surface.slice(0, cut)} `;
    at = w.index + cut;
  }
  return at === 0 ? text : out + text.slice(at);
}
