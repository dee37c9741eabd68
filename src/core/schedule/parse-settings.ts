import type { EmptyDays, Weekday } from '../channels/channel.js';
import { fail, ok, quote } from './parse-result.js';
import type { ParseResult } from './parse-result.js';

/**
 * Parsers for what people type in `/papers settings`. Each returns a value or one short message
 * that says what was wrong and shows a valid example; none of them throws.
 */

export type { ParseResult } from './parse-result.js';
export { parseTimeZone } from './parse-time-zone.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');

const TIME_HINT = 'Use HH:MM in 24-hour form, e.g. 09:00 or 17:30.';
const TIME_RE = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/;

/**
 * A time of day, normalised to "HH:MM": `9`, `9:00`, `09:00`, `21:30`, `9am`, `9:30pm`, `12am`
 * (midnight), `12pm` (noon). `9.30` and `9h30` are read as 09:30.
 */
export function parseTime(text: string): ParseResult<string> {
  const t = text.trim().toLowerCase();
  if (t === '') return fail(`Give a time of day. ${TIME_HINT}`);
  const m = TIME_RE.exec(t);
  if (!m) return fail(`${quote(text)} is not a time of day. ${TIME_HINT}`);
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3]?.[0];
  if (minute > 59) {
    return fail(`${quote(text)} is not a time of day: minutes go up to 59. ${TIME_HINT}`);
  }
  if (meridiem) {
    if (hour < 1 || hour > 12) {
      return fail(
        `${quote(text)} is not a time of day: with am/pm the hour is 1 to 12. Use e.g. 9am, 9:30pm or 21:30.`,
      );
    }
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) {
    return fail(`${quote(text)} is not a time of day: hours go up to 23. ${TIME_HINT}`);
  }
  return ok(`${pad2(hour)}:${pad2(minute)}`);
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SHORT_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const EVERY_DAY: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
const WEEKENDS: Weekday[] = [0, 6];
const DAYS_HINT = 'Use e.g. mon-fri, mon,wed,fri or daily.';

const DAY_KEYWORDS = new Map<string, Weekday[]>([
  ['daily', EVERY_DAY],
  ['everyday', EVERY_DAY],
  ['all', EVERY_DAY],
  ['weekdays', WEEKDAYS],
  ['weekday', WEEKDAYS],
  ['workdays', WEEKDAYS],
  ['weekends', WEEKENDS],
  ['weekend', WEEKENDS],
]);

/** One day name: any prefix of at least two letters (`mo`, `tue`, `thurs`), or a plural. */
function dayNumber(word: string): Weekday | undefined {
  const w = word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
  if (w.length < 2) return undefined;
  const index = DAY_NAMES.findIndex((name) => name.startsWith(w));
  return index === -1 ? undefined : (index as Weekday);
}

/** The days from `from` to `to`, both included, wrapping past Saturday (`fri-mon`). */
function dayRange(from: Weekday, to: Weekday): Weekday[] {
  const out: Weekday[] = [from];
  for (let d = from; d !== to;) {
    d = ((d + 1) % 7) as Weekday;
    out.push(d);
  }
  return out;
}

/**
 * The days of the week to post on, sorted and unique (0 = Sunday): `mon-fri`, `weekdays`,
 * `daily`, `every day`, `all`, `weekends`, `mon,wed,fri`, `mon wed fri`, `monday and friday`,
 * `tue-thu`, and ranges that wrap (`fri-mon`). Case-insensitive.
 */
export function parseDays(text: string): ParseResult<Weekday[]> {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/\bevery\s+day\b/g, 'daily')
    .replace(/\s*(?:[-–—]|\bto\b)\s*/g, '-');
  const words = t.split(/[\s,;&+/]+|\band\b/).filter((w) => w !== '');
  if (words.length === 0) return fail(`Give the days to post on. ${DAYS_HINT}`);
  const days = new Set<Weekday>();
  for (const word of words) {
    const keyword = DAY_KEYWORDS.get(word);
    if (keyword) {
      keyword.forEach((d) => days.add(d));
      continue;
    }
    const ends = word.split('-');
    const from = ends[0] === undefined ? undefined : dayNumber(ends[0]);
    const to = ends.length === 2 && ends[1] !== undefined ? dayNumber(ends[1]) : from;
    if (from === undefined || to === undefined || ends.length > 2) {
      const bad = ends.find((e) => dayNumber(e) === undefined) ?? word;
      return fail(`${quote(bad === '' ? word : bad)} is not a day. ${DAYS_HINT}`);
    }
    dayRange(from, to).forEach((d) => days.add(d));
  }
  return ok([...days].sort((a, b) => a - b));
}

/**
 * Days as people read them, Monday first: `every day`, `weekends`, `Mon–Fri`, `Mon, Wed, Fri`,
 * `Fri–Mon`. Three or more consecutive days become a range.
 */
export function formatDays(days: readonly Weekday[]): string {
  const set = new Set(days);
  if (set.size === 7) return 'every day';
  if (set.size === 0) return 'no days';
  if (set.size === 2 && set.has(0) && set.has(6)) return 'weekends';
  // Walk the week from Monday, starting at the first day that begins a run, so that runs
  // across the weekend stay whole (Fri–Mon).
  const mondayFirst = [1, 2, 3, 4, 5, 6, 0] as const;
  const startsRun = (i: number): boolean =>
    set.has(mondayFirst[i % 7] as Weekday) && !set.has(mondayFirst[(i + 6) % 7] as Weekday);
  const start = [0, 1, 2, 3, 4, 5, 6].find(startsRun) ?? 0;
  const runs: Weekday[][] = [];
  for (let i = start; i < start + 7; i++) {
    const d = mondayFirst[i % 7] as Weekday;
    if (!set.has(d)) continue;
    const last = runs.at(-1);
    if (last && set.has(mondayFirst[(i + 6) % 7] as Weekday)) last.push(d);
    else runs.push([d]);
  }
  return runs
    .flatMap((run) => {
      const names = run.map((d) => SHORT_NAMES[d]);
      return run.length >= 3 ? [`${names[0]}–${names.at(-1)}`] : names;
    })
    .join(', ');
}

function parseWholeNumber(
  text: string,
  min: number,
  max: number,
  what: string,
  example: number,
): ParseResult<number> {
  const t = text.trim();
  const hint = `Use a whole number from ${min} to ${max}, e.g. ${example}.`;
  if (t === '') return fail(`Give ${what}. ${hint}`);
  if (!/^[+-]?\d+$/.test(t)) return fail(`${quote(text)} is not a whole number. ${hint}`);
  const n = Number(t);
  if (n < min) return fail(`${quote(text)} is too small for ${what}. ${hint}`);
  if (n > max) return fail(`${quote(text)} is too large for ${what}. ${hint}`);
  return ok(n);
}

/** How many papers a digest shows at most: a whole number from 1 to 25. */
export function parseTop(text: string): ParseResult<number> {
  return parseWholeNumber(text, 1, 25, 'the number of papers', 10);
}

/** The fewest upvotes a paper needs to be included: a whole number from 0 to 10000. */
export function parseMinUpvotes(text: string): ParseResult<number> {
  return parseWholeNumber(text, 0, 10_000, 'the minimum upvotes', 5);
}

const EMPTY_DAY_WORDS = new Map<string, EmptyDays>([
  ['silent', 'silent'],
  ['quiet', 'silent'],
  ['skip', 'silent'],
  ['announce', 'announce'],
  ['post', 'announce'],
  ['notify', 'announce'],
]);

/**
 * What a channel gets on a day without papers: `silent` (nothing; also `quiet`, `skip`) or
 * `announce` (one short line saying why; also `post`, `notify`).
 */
export function parseEmptyDays(text: string): ParseResult<EmptyDays> {
  const value = EMPTY_DAY_WORDS.get(text.trim().toLowerCase());
  if (value) return ok(value);
  const hint = 'Use silent (post nothing) or announce (post one line saying there are no papers).';
  return fail(
    text.trim() === ''
      ? `Say what empty days do. ${hint}`
      : `${quote(text)} is not an option. ${hint}`,
  );
}
