import type { Weekday } from '../channels/channel.js';

/**
 * Wall-clock time in an IANA time zone, computed with `Intl` only (no tz library).
 *
 * Two directions:
 * - `instantToLocal`: what a clock in the zone shows at an instant (always exact).
 * - `localToInstant`: when a clock in the zone shows a given wall time. Not always one answer:
 *   around daylight-saving changes a wall time can be missing (spring-forward gap) or shown twice
 *   (fall-back overlap). We follow Temporal's `disambiguation: 'compatible'` (the behaviour of
 *   `Date`, RFC 5545 and most calendars): a missing time moves forward by the length of the gap,
 *   a repeated time takes the earlier instant.
 */

/** A calendar date: month 1–12, day 1–31. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A time of day: hour 0–23, minute 0–59. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** What a wall clock shows, with the local weekday (0 = Sunday … 6 = Saturday). */
export interface LocalDateTime extends LocalDate, LocalTime {
  weekday: Weekday;
}

interface ZonedParts extends LocalDate, LocalTime {
  second: number;
}

const DAY_MS = 86_400_000;

/** Building a DateTimeFormat costs far more than using one, so keep one per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsAt(ms: number, timeZone: string): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'minute':
      case 'second':
        out[part.type] = Number(part.value);
        break;
      case 'hour':
        // Some Intl versions show midnight as "24" (of the day that starts then) despite h23.
        out.hour = Number(part.value) % 24;
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Milliseconds since the epoch of a wall time read as if it were UTC. Unlike `Date.UTC`, years
 * 0–99 are taken literally instead of as 1900–1999.
 */
function wallMs(p: LocalDate & LocalTime & { second?: number }): number {
  const date = new Date(0);
  date.setUTCFullYear(p.year, p.month - 1, p.day);
  date.setUTCHours(p.hour, p.minute, p.second ?? 0, 0);
  return date.getTime();
}

/** The zone's offset from UTC at an instant, in ms (east positive; Berlin in winter = +3 600 000). */
function offsetAt(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return wallMs(partsAt(wholeSecond, timeZone)) - wholeSecond;
}

/** The local weekday of a calendar date (0 = Sunday). */
export function weekdayOfDate(date: LocalDate): Weekday {
  return new Date(wallMs({ ...date, hour: 0, minute: 0 })).getUTCDay() as Weekday;
}

/** The calendar date `n` days after `date` (negative `n` goes back). */
export function addLocalDays(date: LocalDate, n: number): LocalDate {
  const shifted = new Date(wallMs({ ...date, hour: 0, minute: 0 }) + n * DAY_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/**
 * What a wall clock in `timeZone` shows at the instant `at`, to the minute (seconds dropped).
 * @throws RangeError when `timeZone` is not a zone the runtime knows.
 */
export function instantToLocal(at: Date, timeZone: string): LocalDateTime {
  const p = partsAt(at.getTime(), timeZone);
  const date = { year: p.year, month: p.month, day: p.day };
  return { ...date, hour: p.hour, minute: p.minute, weekday: weekdayOfDate(date) };
}

/**
 * The instant at which a wall clock in `timeZone` shows `date` `time` (second 0).
 *
 * - In a spring-forward gap the time moves forward by the gap: 02:30 Europe/Berlin on
 *   2026-03-29 does not exist, so this returns 03:30 CEST (01:30 UTC).
 * - In a fall-back overlap the earlier instant wins: 02:30 Europe/Berlin on 2026-10-25 is
 *   00:30 UTC (CEST), not 01:30 UTC (CET).
 *
 * Out-of-range fields roll over as with `Date.UTC` (day 32 is the 1st of the next month).
 * @throws RangeError when `timeZone` is not a zone the runtime knows.
 */
export function localToInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const wall = wallMs({ ...date, ...time });
  // The offsets a day either side bracket any single transition near this wall time (offsets
  // stay within ±14 h, so the true instant lies within those two days).
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter]
    .filter((ms) => offsetAt(ms, timeZone) === wall - ms)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) return new Date(earliest);
  // In a gap: read the wall time with the offset in force before the jump, which lands as far
  // past the jump as the wall time was past its start.
  return new Date(wall - offsetBefore);
}
