/** Event-time windows in a brand's time zone: calendar days and ISO weeks (Monday start). */

export type Granularity = 'day' | 'iso_week';
export const GRANULARITIES: readonly Granularity[] = ['day', 'iso_week'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name this runtime knows ("Asia/Seoul", "Europe/Warsaw", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The Monday (YYYY-MM-DD) of the ISO week containing a date. */
export function isoWeekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

export interface WindowStarts {
  day: string;
  iso_week: string;
}

/** The day and ISO-week windows an instant falls in, in the brand's time zone. */
export function windowStarts(instant: Date, timeZone: string): WindowStarts {
  const day = localDate(instant, timeZone);
  return { day, iso_week: isoWeekStart(day) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A valid YYYY-MM-DD calendar date. */
export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
