import { glossaryWords } from './glossary';
import { fold, terms } from './text';

/**
 * Countries named in a question ("일본에서 주문했는데", "zamówiłam do Niemiec", "I live in Mexico") mean an order
 * abroad: the international-orders rule is the one that answers. Names come from the runtime's CLDR data
 * (Intl.DisplayNames) for every ISO 3166 region code, in English, Korean and Polish — no list kept here.
 */
const LANGUAGES = ['en', 'ko', 'pl'] as const;
/** What an order abroad is called, per language: the word the documents' international rule uses. */
const ABROAD: Record<string, string> = { en: 'abroad', ko: '해외', pl: 'zagranicę' };
/** Korean particles and endings after a place ("일본에서", "독일로", "미국인데"). */
const KO_TAIL =
  /^(에서는|에서도|에서|으로는|으로도|으로|로는|로도|로|에는|에도|에|은|는|이|가|의|까지|도|인데|이에요|예요|행|산)?$/u;

interface Place {
  name: string;
  language: (typeof LANGUAGES)[number];
}

let cache: Place[] | undefined;
function places(): Place[] {
  if (cache) return cache;
  const out: Place[] = [];
  const A = 'A'.charCodeAt(0);
  for (const language of LANGUAGES) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    } catch {
      continue;
    }
    for (let i = 0; i < 26; i++)
      for (let j = 0; j < 26; j++) {
        const code = String.fromCharCode(A + i, A + j);
        // Pseudo-regions (EU, UN, EZ, QO, XA…) are not countries one ships to.
        if (/^(EU|EZ|UN|Q[M-Z]|X[A-Z]|ZZ|AA)$/u.test(code)) continue;
        let name: string | undefined;
        try {
          name = names.of(code);
        } catch {
          name = undefined;
        }
        if (!name || name === code || /[()&,]/u.test(name)) continue;
        out.push({ name, language });
      }
  }
  cache = out;
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * The question with each country name the documents never use replaced by the word for "abroad" in the
 * name's language, so the international rule answers ("일본에서 주문했는데 반품 되나요" → "해외에서 …").
 * A name the documents use (the home country in "outside Korea", a country they list) stays as written.
 */
export function abroadNamed(question: string, known: (term: string) => boolean): string {
  let out = question;
  for (const { name, language } of places()) {
    let re: RegExp;
    if (language === 'ko') {
      if (name.length < 2) continue;
      re = new RegExp(`(?<![\\uac00-\\ud7af])${escapeRe(name)}(?=[\\uac00-\\ud7af]*)`, 'gu');
    } else if (language === 'pl') {
      // Polish inflects names ("Niemcy" → "do Niemiec", "Japonia" → "w Japonii"): a capitalised word sharing the
      // name's first letters (all but the last three, at least four); the whole name in any case.
      const stemLength = Math.max(4, name.length - 3);
      re =
        name.includes(' ') || name.length < 5
          ? new RegExp(`(?<!\\p{L})${escapeRe(name)}(?!\\p{L})`, 'giu')
          : new RegExp(
              `(?<!\\p{L})(?:${escapeRe(name.slice(0, stemLength))}\\p{Ll}{0,${name.length - stemLength + 2}}|${escapeRe(name)})(?!\\p{L})`,
              'gu',
            );
    } else {
      re = new RegExp(`(?<!\\p{L})(?:the\\s+)?${escapeRe(name)}(?!\\p{L})`, 'gu');
    }
    out = out.replace(re, (m, offset: number, whole: string) => {
      if (language === 'ko') {
        const tail = /^[\uac00-\ud7af]*/u.exec(whole.slice(offset + m.length))?.[0] ?? '';
        if (!KO_TAIL.test(tail)) return m;
      }
      // A word of the domain that is also a country's name ("결제 수단": a means of payment, not Sudan), or an
      // amount ("오만 원").
      if (glossaryWords().has(fold(m))) return m;
      if (language === 'ko' && /^\s*(원|개|명|번|회)/u.test(whole.slice(offset + m.length))) return m;
      // The documents name it: their own words answer (or it is the home country).
      if (terms(m).some((t) => known(t)) || known(fold(m))) return m;
      return ABROAD[language]!;
    });
  }
  return out;
}
