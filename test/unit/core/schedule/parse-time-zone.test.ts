import { describe, expect, it } from 'vitest';
import { parseTimeZone } from '../../../../src/core/schedule/parse-settings.js';
import type { ParseResult } from '../../../../src/core/schedule/parse-settings.js';
import { isValidTimeZone } from '../../../../src/core/time-zone.js';

const errorOf = (result: ParseResult<unknown>): string =>
  result.ok ? `unexpectedly parsed as ${JSON.stringify(result.value)}` : result.error;
const HINT = 'Use an IANA name such as Europe/Berlin, America/New_York or UTC.';

describe('parseTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['  America/New_York ', 'America/New_York'],
    ['america/new york', 'America/New_York'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['europe/kyiv', 'Europe/Kyiv'],
    ['Pacific/Chatham', 'Pacific/Chatham'],
    ['australia/lord_howe', 'Australia/Lord_Howe'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['GMT', 'UTC'],
    ['Z', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    ['Etc/GMT-14', 'Etc/GMT-14'],
    ['CET', 'CET'],
    ['est5edt', 'EST5EDT'],
    ['US/Eastern', 'America/New_York'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseTimeZone(text)).toEqual({ ok: true, value: expected });
  });

  it('returns only names the runtime accepts', () => {
    for (const text of ['europe/berlin', 'asia/kolkata', 'Etc/GMT+5', 'cet', 'US/Pacific']) {
      const result = parseTimeZone(text);
      expect(result.ok && isValidTimeZone(result.value)).toBe(true);
    }
  });

  it('refuses an unknown name without a suggestion when nothing is close', () => {
    expect(errorOf(parseTimeZone('Mars/Base'))).toBe(`Unknown time zone "Mars/Base". ${HINT}`);
  });

  it.each([
    ['Berlin', 'Europe/Berlin'],
    ['asia/berlin', 'Europe/Berlin'],
    ['Europe/Berln', 'Europe/Berlin'],
    ['Europe/Brelin', 'Europe/Berlin'],
    ['new york', 'America/New_York'],
    ['America/NewYork', 'America/New_York'],
    ['Kolkata', 'Asia/Kolkata'],
    ['Japan', 'Asia/Tokyo'],
  ])('suggests a close match for %j', (text, suggestion) => {
    expect(errorOf(parseTimeZone(text))).toBe(
      `Unknown time zone "${text}". ${HINT} Did you mean ${suggestion}?`,
    );
  });

  it.each(['+02:00', '-05:00', '+0530', 'UTC+2', 'utc-5', 'GMT+1', 'GMT -3:30'])(
    'refuses the fixed offset %j',
    (text) => {
      expect(errorOf(parseTimeZone(text))).toBe(
        `"${text}" is a fixed UTC offset, which does not follow daylight saving. ${HINT}`,
      );
    },
  );

  it.each([
    ['PST', 'America/Los_Angeles'],
    ['EST', 'America/New_York'],
    ['edt', 'America/New_York'],
    ['CEST', 'Europe/Berlin'],
    ['BST', 'Europe/London'],
    ['IST', 'Asia/Kolkata'],
  ])('refuses the abbreviation %j and suggests %s', (text, suggestion) => {
    expect(errorOf(parseTimeZone(text))).toBe(
      `"${text}" is an abbreviation, which does not say when daylight saving applies. ${HINT} Did you mean ${suggestion}?`,
    );
  });

  it('does not suggest from ICU-only three-letter ids', () => {
    expect(errorOf(parseTimeZone('CAT'))).toBe(`Unknown time zone "CAT". ${HINT}`);
  });

  it('asks for a zone when given nothing', () => {
    expect(errorOf(parseTimeZone(''))).toBe(`Give a time zone. ${HINT}`);
  });

  it('does not trip over names of Object.prototype', () => {
    expect(parseTimeZone('constructor').ok).toBe(false);
    expect(parseTimeZone('__proto__').ok).toBe(false);
  });
});
