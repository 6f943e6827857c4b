import type { Language } from './tenants';

/** What a synchronous channel shows when the answer takes longer than the vendor waits. */
const HOLDING: Record<Language, string> = {
  ko: '잠시만 기다려 주세요. 확인 후 바로 답변드릴게요.',
  pl: 'Chwileczkę, sprawdzam i zaraz odpowiem.',
  en: 'One moment, I am checking and will reply shortly.',
};

export function holdingText(language: string | undefined, fallback: Language): string {
  const l = (language ?? '').slice(0, 2).toLowerCase();
  return HOLDING[(l in HOLDING ? l : fallback) as Language];
}
