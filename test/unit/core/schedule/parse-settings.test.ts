import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../../../src/core/channels/channel.js';
import {
  formatDays,
  parseDays,
  parseEmptyDays,
  parseMinUpvotes,
  parseTime,
  parseTop,
} from '../../../../src/core/schedule/parse-settings.js';
import type { ParseResult } from '../../../../src/core/schedule/parse-settings.js';

const errorOf = (result: ParseResult<unknown>): string =>
  result.ok ? `unexpectedly parsed as ${JSON.stringify(result.value)}` : result.error;

describe('parseTime', () => {
  it.each([
    ['9:00', '09:00'],
    ['09:00', '09:00'],
    ['9', '09:00'],
    ['9am', '09:00'],
    ['9 AM', '09:00'],
    ['9:30pm', '21:30'],
    ['9:30 p.m.', '21:30'],
    ['21:30', '21:30'],
    ['0:00', '00:00'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    ['12am', '00:00'],
    ['12:15am', '00:15'],
    ['12pm', '12:00'],
    ['12:45pm', '12:45'],
    ['  17:05  ', '17:05'],
    ['9.30', '09:30'],
    ['9h30', '09:30'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseTime(text)).toEqual({ ok: true, value: expected });
  });

  it('explains an hour past 23', () => {
    expect(errorOf(parseTime('25:00'))).toBe(
      '"25:00" is not a time of day: hours go up to 23. Use HH:MM in 24-hour form, e.g. 09:00 or 17:30.',
    );
    expect(errorOf(parseTime('24:00'))).toMatch(/hours go up to 23/);
  });

  it('explains minutes past 59', () => {
    expect(errorOf(parseTime('12:60'))).toBe(
      '"12:60" is not a time of day: minutes go up to 59. Use HH:MM in 24-hour form, e.g. 09:00 or 17:30.',
    );
  });

  it('explains the 12-hour range with am/pm', () => {
    expect(errorOf(parseTime('13pm'))).toBe(
      '"13pm" is not a time of day: with am/pm the hour is 1 to 12. Use e.g. 9am, 9:30pm or 21:30.',
    );
    expect(errorOf(parseTime('0am'))).toMatch(/1 to 12/);
  });

  it.each(['abc', '9:5', '930', '9:00:00', '-1', 'noon', '9::00'])('refuses %j', (text) => {
    expect(errorOf(parseTime(text))).toBe(
      `"${text}" is not a time of day. Use HH:MM in 24-hour form, e.g. 09:00 or 17:30.`,
    );
  });

  it('asks for a time when given nothing', () => {
    expect(errorOf(parseTime('   '))).toBe(
      'Give a time of day. Use HH:MM in 24-hour form, e.g. 09:00 or 17:30.',
    );
  });

  it('cuts a long input short in the message', () => {
    const error = errorOf(parseTime('x'.repeat(500)));
    expect(error.length).toBeLessThan(140);
    expect(error).toContain('…"');
  });
});

describe('parseDays', () => {
  it.each<[string, Weekday[]]>([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['Mon-Fri', [1, 2, 3, 4, 5]],
    ['mon – fri', [1, 2, 3, 4, 5]],
    ['mon to fri', [1, 2, 3, 4, 5]],
    ['weekdays', [1, 2, 3, 4, 5]],
    ['daily', [0, 1, 2, 3, 4, 5, 6]],
    ['every day', [0, 1, 2, 3, 4, 5, 6]],
    ['EVERY DAY', [0, 1, 2, 3, 4, 5, 6]],
    ['all', [0, 1, 2, 3, 4, 5, 6]],
    ['weekends', [0, 6]],
    ['mon,wed,fri', [1, 3, 5]],
    ['mon, wed, fri', [1, 3, 5]],
    ['mon wed fri', [1, 3, 5]],
    ['fri wed mon', [1, 3, 5]],
    ['monday and friday', [1, 5]],
    ['tue-thu', [2, 3, 4]],
    ['monday', [1]],
    ['Tuesdays', [2]],
    ['thurs', [4]],
    ['su', [0]],
    ['fri-mon', [0, 1, 5, 6]],
    ['sat-sun', [0, 6]],
    ['mon,mon,monday', [1]],
    ['mon-wed, tue-thu', [1, 2, 3, 4]],
    ['weekdays, sat', [1, 2, 3, 4, 5, 6]],
  ])('reads %j', (text, expected) => {
    expect(parseDays(text)).toEqual({ ok: true, value: expected });
  });

  it('names the word it does not know', () => {
    expect(errorOf(parseDays('funday'))).toBe(
      '"funday" is not a day. Use e.g. mon-fri, mon,wed,fri or daily.',
    );
    expect(errorOf(parseDays('mon,funday,fri'))).toBe(
      '"funday" is not a day. Use e.g. mon-fri, mon,wed,fri or daily.',
    );
    expect(errorOf(parseDays('mon-xyz'))).toMatch(/^"xyz" is not a day/);
  });

  it.each(['m', 't', 'mon-', 'mon-fri-sat', '1-5', 'toString', 'constructor'])(
    'refuses %j',
    (text) => {
      expect(errorOf(parseDays(text))).toMatch(
        /is not a day\. Use e\.g\. mon-fri, mon,wed,fri or daily\.$/,
      );
    },
  );

  it('asks for days when given nothing', () => {
    expect(errorOf(parseDays(''))).toBe(
      'Give the days to post on. Use e.g. mon-fri, mon,wed,fri or daily.',
    );
    expect(errorOf(parseDays(' , '))).toMatch(/^Give the days/);
  });
});

describe('formatDays', () => {
  it.each<[Weekday[], string]>([
    [[1, 2, 3, 4, 5], 'Mon–Fri'],
    [[0, 1, 2, 3, 4, 5, 6], 'every day'],
    [[0, 6], 'weekends'],
    [[1, 3, 5], 'Mon, Wed, Fri'],
    [[2, 3, 4], 'Tue–Thu'],
    [[1, 2], 'Mon, Tue'],
    [[1, 2, 3, 5], 'Mon–Wed, Fri'],
    [[0, 1, 5, 6], 'Fri–Mon'],
    [[1, 2, 3, 4, 5, 6], 'Mon–Sat'],
    [[0], 'Sun'],
    [[0, 2], 'Tue, Sun'],
    [[], 'no days'],
  ])('writes %j as %j', (days, expected) => {
    expect(formatDays(days)).toBe(expected);
  });

  it('reads back what parseDays understood', () => {
    for (const text of ['mon-fri', 'daily', 'weekends', 'mon,wed,fri', 'fri-mon', 'tue-thu']) {
      const parsed = parseDays(text);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parseDays(formatDays(parsed.value).replace('every day', 'daily'))).toEqual(parsed);
    }
  });
});

describe('parseTop', () => {
  it.each([
    ['1', 1],
    ['10', 10],
    [' 25 ', 25],
    ['+5', 5],
  ])('reads %j', (text, expected) => {
    expect(parseTop(text)).toEqual({ ok: true, value: expected });
  });

  it('explains the range', () => {
    expect(errorOf(parseTop('0'))).toBe(
      '"0" is too small for the number of papers. Use a whole number from 1 to 25, e.g. 10.',
    );
    expect(errorOf(parseTop('26'))).toBe(
      '"26" is too large for the number of papers. Use a whole number from 1 to 25, e.g. 10.',
    );
  });

  it.each(['ten', '2.5', '1e1', '', '5 papers'])('refuses %j', (text) => {
    expect(errorOf(parseTop(text))).toMatch(/Use a whole number from 1 to 25, e\.g\. 10\.$/);
  });
});

describe('parseMinUpvotes', () => {
  it.each([
    ['0', 0],
    ['5', 5],
    ['10000', 10_000],
  ])('reads %j', (text, expected) => {
    expect(parseMinUpvotes(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['-1', '10001', 'many', '99999999999999999999'])('refuses %j', (text) => {
    expect(errorOf(parseMinUpvotes(text))).toMatch(
      /^".+" is (too small|too large|not a whole number).* Use a whole number from 0 to 10000, e\.g\. 5\.$/,
    );
  });
});

describe('parseEmptyDays', () => {
  it.each([
    ['silent', 'silent'],
    ['Quiet', 'silent'],
    ['skip', 'silent'],
    ['announce', 'announce'],
    ['POST', 'announce'],
    ['notify', 'announce'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseEmptyDays(text)).toEqual({ ok: true, value: expected });
  });

  it('lists the two options', () => {
    expect(errorOf(parseEmptyDays('loud'))).toBe(
      '"loud" is not an option. Use silent (post nothing) or announce (post one line saying there are no papers).',
    );
    expect(errorOf(parseEmptyDays('toString'))).toMatch(/is not an option/);
    expect(errorOf(parseEmptyDays(''))).toMatch(/^Say what empty days do\./);
  });
});
