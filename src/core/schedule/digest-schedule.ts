import { AppError } from '../../shared/errors.js';
import type { ChannelSettings } from '../channels/channel.js';
import { MONTH_NAMES, WEEKDAY_NAMES, addDays, dayOf, isWeekend } from '../day.js';
import type { Day } from '../day.js';
import { addLocalDays, instantToLocal, localToInstant, weekdayOfDate } from './zoned-time.js';
import type { LocalDate, LocalTime } from './zoned-time.js';

/**
 * When a channel's digest is due, and which Hugging Face day it covers.
 *
 * A schedule is a local time of day, a set of local weekdays and an IANA zone. Every scheduled
 * local date has exactly one occurrence, also on daylight-saving days: a time in the
 * spring-forward gap runs that many minutes later (02:30 → 03:30), a time in the fall-back
 * overlap runs at its first showing (see `localToInstant`).
 */

/** The settings a schedule depends on. */
export type ScheduleSettings = Pick<ChannelSettings, 'time' | 'timezone' | 'days'>;

/** Enough days to reach every weekday from any start, plus one for DST edge cases. */
const LOOK_DAYS = 8;

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function scheduledTime(settings: ScheduleSettings): LocalTime {
  const m = TIME_RE.exec(settings.time);
  if (!m) {
    throw new AppError('internal', `Stored schedule time "${settings.time}" is not HH:MM`);
  }
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function requireDays(settings: ScheduleSettings): void {
  if (settings.days.length === 0) {
    throw new AppError('internal', 'A schedule without days never occurs');
  }
}

/**
 * The instant of the scheduled time on one local date, or null when the date's weekday is not
 * scheduled. Exactly one instant per scheduled date, also on daylight-saving days.
 */
export function occurrenceOn(localDate: LocalDate, settings: ScheduleSettings): Date | null {
  if (!settings.days.includes(weekdayOfDate(localDate))) return null;
  return localToInstant(localDate, scheduledTime(settings), settings.timezone);
}

/**
 * The first scheduled instant strictly after `after`.
 * @throws AppError when `settings.days` is empty (parseDays never produces that).
 */
export function nextOccurrence(settings: ScheduleSettings, after: Date): Date {
  requireDays(settings);
  const today = instantToLocal(after, settings.timezone);
  // Occurrences grow with their local date, so the first one past `after` is the answer. Yesterday
  // is included for zones whose gap can push a date's occurrence into the next date.
  for (let i = -1; i <= LOOK_DAYS; i++) {
    const at = occurrenceOn(addLocalDays(today, i), settings);
    if (at && at.getTime() > after.getTime()) return at;
  }
  throw new AppError(
    'internal',
    `No occurrence within ${LOOK_DAYS} days of ${after.toISOString()}`,
  );
}

/**
 * The most recent scheduled instant at or before `atOrBefore`, or null when there is none in the
 * preceding 8 local days (only when `settings.days` is empty).
 */
export function latestOccurrence(settings: ScheduleSettings, atOrBefore: Date): Date | null {
  const today = instantToLocal(atOrBefore, settings.timezone);
  // Tomorrow is included for zones whose fall-back overlap spans midnight.
  for (let i = 1; i >= -LOOK_DAYS; i--) {
    const at = occurrenceOn(addLocalDays(today, i), settings);
    if (at && at.getTime() <= atOrBefore.getTime()) return at;
  }
  return null;
}

/**
 * The Hugging Face day (a UTC date) a digest posted at `occurrence` covers: the latest UTC day
 * that has fully ended by then, stepping back over Saturday and Sunday unless that weekend day
 * has papers (Hugging Face curates on weekdays; a rare weekend day with papers counts).
 *
 * Monday 09:00 Europe/Berlin covers Friday; Tuesday 09:00 Asia/Tokyo (00:00 UTC) covers Monday.
 */
export function coveredDay(occurrence: Date, hasPapers: (day: Day) => boolean): Day {
  let day = addDays(dayOf(occurrence), -1);
  while (isWeekend(day) && !hasPapers(day)) day = addDays(day, -1);
  return day;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function formatDate(date: LocalDate, withYear: boolean): string {
  const weekday = WEEKDAY_NAMES[weekdayOfDate(date)];
  const month = MONTH_NAMES[date.month - 1];
  return `${weekday} ${date.day} ${month}${withYear ? ` ${date.year}` : ''}`;
}

/**
 * An instant as people in `timeZone` read it: `Mon 8 Dec, 09:00 Europe/Berlin`. The year is
 * added when `now` is given and the local year differs from the local year of `now`.
 */
export function formatLocalOccurrence(at: Date, timeZone: string, now?: Date): string {
  const local = instantToLocal(at, timeZone);
  const withYear = now !== undefined && instantToLocal(now, timeZone).year !== local.year;
  return `${formatDate(local, withYear)}, ${pad2(local.hour)}:${pad2(local.minute)} ${timeZone}`;
}

/**
 * The sentence shown after every change to a channel's settings, in the channel's zone:
 * `Next digest: Mon 8 Dec, 09:00 Europe/Berlin, covering Fri 5 Dec.`
 * Years appear only when they differ from the current local year.
 */
export function describeNextDigest(
  settings: ScheduleSettings,
  now: Date,
  hasPapers: (day: Day) => boolean,
): string {
  const next = nextOccurrence(settings, now);
  const covered = coveredDay(next, hasPapers);
  const [year, month, day] = covered.split('-').map(Number) as [number, number, number];
  const nowYear = instantToLocal(now, settings.timezone).year;
  const coveredText = formatDate({ year, month, day }, year !== nowYear);
  return `Next digest: ${formatLocalOccurrence(next, settings.timezone, now)}, covering ${coveredText}.`;
}
