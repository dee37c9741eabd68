/**
 * A Hugging Face Daily Papers day: a UTC calendar date `YYYY-MM-DD`.
 * `date=D` on the API returns the papers whose `submittedOnDailyAt` falls on UTC day D.
 */
export type Day = string;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30). */
export function isDay(value: string): value is Day {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The UTC day an instant falls on. */
export function dayOf(at: Date): Day {
  return at.toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return dayOf(date);
}

/** Every day from `from` to `to`, both included, oldest first. Empty when `from` > `to`. */
export function daysBetween(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Hugging Face posts Daily Papers on weekdays only; weekend days are normally empty. */
export function isWeekend(day: Day): boolean {
  const wd = weekdayOf(day);
  return wd === 0 || wd === 6;
}

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/**
 * "Fri 5 Dec 2025": how days are shown to people. Fixed English names, not Intl, so the text is
 * the same on every Node build and ICU version.
 */
export function formatDay(day: Day, options: { year?: boolean } = {}): string {
  const date = new Date(`${day}T00:00:00Z`);
  const text = `${WEEKDAY_NAMES[date.getUTCDay()]} ${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]}`;
  return options.year === false ? text : `${text} ${date.getUTCFullYear()}`;
}
