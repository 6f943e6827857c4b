import type { Language } from './tenants';

/** A cheap script/diacritics guess, good enough to pick the holding text's language. */
export function guessLanguage(text: string, hint: string | undefined, fallback: Language): Language {
  if (/[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/.test(text)) return 'ko';
  if (/[ąćęłńśźżĄĆĘŁŃŚŹŻ]/.test(text) || /\b(zwrot|zamówieni|dzień dobry|dziękuj)/i.test(text)) return 'pl';
  if (/^[ -~\s]*$/.test(text) && /[a-z]/i.test(text) && text.trim().split(/\s+/).length >= 2) return 'en';
  const h = (hint ?? '').slice(0, 2).toLowerCase();
  return h === 'ko' || h === 'pl' || h === 'en' ? h : fallback;
}
