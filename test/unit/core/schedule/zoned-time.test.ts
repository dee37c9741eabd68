import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addLocalDays,
  instantToLocal,
  localToInstant,
  weekdayOfDate,
} from '../../../../src/core/schedule/zoned-time.js';
import { ZONES } from './test-zones.js';

const iso = (text: string): Date => new Date(text);
const at = (date: string, time: string, zone: string): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return localToInstant({ year, month, day }, { hour, minute }, zone).toISOString();
};

describe('instantToLocal', () => {
  it('reads the wall clock and weekday in the zone', () => {
    expect(instantToLocal(iso('2025-12-08T08:00:00Z'), 'Europe/Berlin')).toEqual({
      year: 2025,
      month: 12,
      day: 8,
      hour: 9,
      minute: 0,
      weekday: 1,
    });
    expect(instantToLocal(iso('2025-12-08T16:00:00Z'), 'Asia/Tokyo')).toMatchObject({
      day: 9,
      hour: 1,
      weekday: 2,
    });
  });

  it('drops seconds and milliseconds', () => {
    expect(instantToLocal(iso('2026-01-01T00:00:59.999Z'), 'UTC')).toMatchObject({
      hour: 0,
      minute: 0,
    });
  });

  it('shows local midnight as hour 0 of the new day', () => {
    expect(instantToLocal(iso('2026-01-01T23:00:00Z'), 'Europe/Berlin')).toMatchObject({
      year: 2026,
      month: 1,
      day: 2,
      hour: 0,
      minute: 0,
      weekday: 5,
    });
  });

  describe('when Intl shows midnight as "24"', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('reads it as hour 0 of the same date', () => {
      const original = Intl.DateTimeFormat.prototype.formatToParts;
      const spy = vi
        .spyOn(Intl.DateTimeFormat.prototype, 'formatToParts')
        .mockImplementation(function (this: Intl.DateTimeFormat, date?: Date | number) {
          return original
            .call(this, date)
            .map((p) => (p.type === 'hour' && p.value === '00' ? { ...p, value: '24' } : p));
        });
      const probe = new Intl.DateTimeFormat('en-US', {
        timeZone: 'UTC',
        hour: 'numeric',
        hourCycle: 'h23',
      });
      expect(probe.formatToParts(0).find((p) => p.type === 'hour')?.value).toBe('24');
      expect(instantToLocal(iso('2026-03-02T05:00:00Z'), 'America/New_York')).toMatchObject({
        month: 3,
        day: 2,
        hour: 0,
        weekday: 1,
      });
      expect(at('2026-03-02', '00:00', 'America/New_York')).toBe('2026-03-02T05:00:00.000Z');
      expect(spy).toHaveBeenCalled();
    });
  });

  it('shows the DST switch in Europe/Berlin', () => {
    expect(instantToLocal(iso('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toMatchObject({
      hour: 1,
      minute: 59,
    });
    expect(instantToLocal(iso('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toMatchObject({
      hour: 3,
      minute: 0,
    });
  });

  it('throws a RangeError for an unknown zone', () => {
    expect(() => instantToLocal(iso('2026-01-01T00:00:00Z'), 'Mars/Base')).toThrow(RangeError);
  });
});

describe('localToInstant', () => {
  it('converts ordinary times', () => {
    expect(at('2025-12-08', '09:00', 'Europe/Berlin')).toBe('2025-12-08T08:00:00.000Z');
    expect(at('2026-07-01', '09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(at('2025-12-09', '09:00', 'Asia/Tokyo')).toBe('2025-12-09T00:00:00.000Z');
    expect(at('2025-12-08', '09:00', 'America/Los_Angeles')).toBe('2025-12-08T17:00:00.000Z');
    expect(at('2026-01-01', '00:00', 'UTC')).toBe('2026-01-01T00:00:00.000Z');
  });

  describe('Europe/Berlin', () => {
    it('moves a time in the spring-forward gap forward by the gap (2026-03-29)', () => {
      expect(at('2026-03-29', '01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00.000Z');
      expect(at('2026-03-29', '02:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
      expect(at('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
      expect(at('2026-03-29', '03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
      expect(instantToLocal(iso('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toMatchObject({
        hour: 3,
        minute: 30,
      });
    });

    it('takes the earlier instant in the fall-back overlap (2026-10-25)', () => {
      expect(at('2026-10-25', '01:59', 'Europe/Berlin')).toBe('2026-10-24T23:59:00.000Z');
      expect(at('2026-10-25', '02:00', 'Europe/Berlin')).toBe('2026-10-25T00:00:00.000Z');
      expect(at('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
      expect(at('2026-10-25', '02:59', 'Europe/Berlin')).toBe('2026-10-25T00:59:00.000Z');
      expect(at('2026-10-25', '03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
      // Both instants show 02:30; the later one is CET.
      expect(instantToLocal(iso('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toMatchObject({
        hour: 2,
        minute: 30,
      });
    });
  });

  describe('America/New_York', () => {
    it('moves a time in the spring-forward gap forward (2026-03-08)', () => {
      expect(at('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
      expect(at('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
      expect(at('2026-03-08', '03:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    });

    it('takes the earlier (EDT) instant in the fall-back overlap (2026-11-01)', () => {
      expect(at('2026-11-01', '00:59', 'America/New_York')).toBe('2026-11-01T04:59:00.000Z');
      expect(at('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
      expect(at('2026-11-01', '02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
    });
  });

  it('handles offsets that are not whole hours', () => {
    expect(at('2026-01-15', '09:00', 'Asia/Kathmandu')).toBe('2026-01-15T03:15:00.000Z');
    expect(at('2026-01-15', '09:00', 'Asia/Kolkata')).toBe('2026-01-15T03:30:00.000Z');
    // Chatham: +13:45 in its summer, +12:45 in winter.
    expect(at('2026-01-15', '09:00', 'Pacific/Chatham')).toBe('2026-01-14T19:15:00.000Z');
    expect(at('2026-07-15', '09:00', 'Pacific/Chatham')).toBe('2026-07-14T20:15:00.000Z');
  });

  it('handles the 45-minute zone Pacific/Chatham across its DST gap (2026-09-27)', () => {
    // Clocks jump 02:45 → 03:45: 03:00 does not exist and becomes 04:00.
    expect(at('2026-09-27', '03:00', 'Pacific/Chatham')).toBe('2026-09-26T14:15:00.000Z');
    expect(instantToLocal(iso('2026-09-26T14:15:00Z'), 'Pacific/Chatham')).toMatchObject({
      hour: 4,
      minute: 0,
    });
  });

  describe('Australia/Lord_Howe (30-minute DST)', () => {
    it('moves a time in the 30-minute gap forward by 30 minutes (2026-10-04)', () => {
      expect(at('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:45:00.000Z');
      expect(instantToLocal(iso('2026-10-03T15:45:00Z'), 'Australia/Lord_Howe')).toMatchObject({
        hour: 2,
        minute: 45,
      });
    });

    it('takes the earlier instant in the 30-minute overlap (2026-04-05)', () => {
      // 01:45 shows at 14:45 UTC (+11:00) and again at 15:15 UTC (+10:30).
      expect(at('2026-04-05', '01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
      expect(instantToLocal(iso('2026-04-04T15:15:00Z'), 'Australia/Lord_Howe')).toMatchObject({
        hour: 1,
        minute: 45,
      });
    });
  });

  it('handles a transition at midnight (America/Santiago, 2026-09-06: 00:00 → 01:00)', () => {
    expect(at('2026-09-06', '00:30', 'America/Santiago')).toBe('2026-09-06T04:30:00.000Z');
    expect(instantToLocal(iso('2026-09-06T04:30:00Z'), 'America/Santiago')).toMatchObject({
      day: 6,
      hour: 1,
      minute: 30,
    });
  });

  it('throws a RangeError for an unknown zone', () => {
    expect(() => at('2026-01-01', '09:00', 'Mars/Base')).toThrow(RangeError);
  });

  it('round-trips any instant through wall time, except the second pass of an overlap', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: iso('2000-01-01T00:00:00Z'),
          max: iso('2040-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...ZONES),
        (t, zone) => {
          const local = instantToLocal(t, zone);
          const back = localToInstant(local, local, zone);
          const minute = Math.floor(t.getTime() / 60_000) * 60_000;
          // Always a showing of the same wall time…
          expect(instantToLocal(back, zone)).toEqual(local);
          if (back.getTime() !== minute) {
            // …and when not t itself, an earlier showing less than two hours before.
            expect(back.getTime()).toBeLessThan(minute);
            expect(minute - back.getTime()).toBeLessThanOrEqual(2 * 3_600_000);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('lands on the requested wall time, or at most an hour later inside a gap', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: iso('2000-01-01T00:00:00Z'),
          max: iso('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...ZONES),
        (day, hour, minute, zone) => {
          const date = {
            year: day.getUTCFullYear(),
            month: day.getUTCMonth() + 1,
            day: day.getUTCDate(),
          };
          const shown = instantToLocal(localToInstant(date, { hour, minute }, zone), zone);
          const wall = (d: typeof date, h: number, m: number): number =>
            Date.UTC(d.year, d.month - 1, d.day, h, m);
          const drift = wall(shown, shown.hour, shown.minute) - wall(date, hour, minute);
          expect(drift).toBeGreaterThanOrEqual(0);
          expect(drift).toBeLessThanOrEqual(3_600_000);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('calendar helpers', () => {
  it('weekdayOfDate counts from Sunday = 0', () => {
    expect(weekdayOfDate({ year: 2025, month: 12, day: 7 })).toBe(0);
    expect(weekdayOfDate({ year: 2025, month: 12, day: 8 })).toBe(1);
  });

  it('addLocalDays crosses months, years and leap days', () => {
    expect(addLocalDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({
      year: 2024,
      month: 2,
      day: 29,
    });
    expect(addLocalDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({
      year: 2027,
      month: 1,
      day: 1,
    });
    expect(addLocalDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({
      year: 2026,
      month: 2,
      day: 28,
    });
  });
});
