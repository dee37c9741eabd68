import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../../../src/core/channels/channel.js';
import {
  latestOccurrence,
  nextOccurrence,
  occurrenceOn,
} from '../../../../src/core/schedule/digest-schedule.js';
import { addLocalDays, instantToLocal } from '../../../../src/core/schedule/zoned-time.js';
import { ZONES } from './test-zones.js';

import { DAILY, WEEKDAYS, iso, schedule } from './schedule-helpers.js';
const dateKey = (d: { year: number; month: number; day: number }): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('occurrenceOn', () => {
  const berlin = schedule('09:00', 'Europe/Berlin', WEEKDAYS);

  it('gives the scheduled instant on a scheduled day', () => {
    expect(occurrenceOn({ year: 2025, month: 12, day: 8 }, berlin)?.toISOString()).toBe(
      '2025-12-08T08:00:00.000Z',
    );
  });

  it('gives null on a day that is not scheduled', () => {
    expect(occurrenceOn({ year: 2025, month: 12, day: 6 }, berlin)).toBeNull();
    expect(occurrenceOn({ year: 2025, month: 12, day: 7 }, berlin)).toBeNull();
  });

  it('runs a 02:30 schedule once on DST days: 03:30 in the gap, the first 02:30 in the overlap', () => {
    const early = schedule('02:30', 'Europe/Berlin');
    expect(occurrenceOn({ year: 2026, month: 3, day: 29 }, early)?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(occurrenceOn({ year: 2026, month: 10, day: 25 }, early)?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('rejects a malformed stored time', () => {
    expect(() => occurrenceOn({ year: 2026, month: 1, day: 1 }, schedule('9am', 'UTC'))).toThrow(
      /not HH:MM/,
    );
  });
});

describe('nextOccurrence', () => {
  const berlin = schedule('09:00', 'Europe/Berlin', WEEKDAYS);

  it('finds the same day when the time is still ahead', () => {
    expect(nextOccurrence(berlin, iso('2025-12-08T07:59:00Z')).toISOString()).toBe(
      '2025-12-08T08:00:00.000Z',
    );
  });

  it('is strictly after: at an occurrence it gives the next one', () => {
    expect(nextOccurrence(berlin, iso('2025-12-08T08:00:00Z')).toISOString()).toBe(
      '2025-12-09T08:00:00.000Z',
    );
  });

  it('skips days that are not scheduled (Friday after 09:00 → Monday)', () => {
    expect(nextOccurrence(berlin, iso('2025-12-05T10:00:00Z')).toISOString()).toBe(
      '2025-12-08T08:00:00.000Z',
    );
  });

  it('reads the weekday in the channel zone, not in UTC', () => {
    // Monday 01:00 in Tokyo is still Sunday in UTC.
    const tokyo = schedule('09:00', 'Asia/Tokyo', [1]);
    expect(nextOccurrence(tokyo, iso('2025-12-07T16:00:00Z')).toISOString()).toBe(
      '2025-12-08T00:00:00.000Z',
    );
  });

  it('finds a once-a-week schedule a week ahead', () => {
    const mondays = schedule('09:00', 'Europe/Berlin', [1]);
    expect(nextOccurrence(mondays, iso('2025-12-08T08:00:00Z')).toISOString()).toBe(
      '2025-12-15T08:00:00.000Z',
    );
  });

  it('follows the wall clock across DST in America/New_York', () => {
    const ny = schedule('02:30', 'America/New_York');
    expect(nextOccurrence(ny, iso('2026-03-07T08:00:00Z')).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z', // 03:30 EDT: 02:30 does not exist that day
    );
    expect(nextOccurrence(ny, iso('2026-03-08T07:30:00Z')).toISOString()).toBe(
      '2026-03-09T06:30:00.000Z',
    );
    const late = schedule('01:30', 'America/New_York');
    expect(nextOccurrence(late, iso('2026-10-31T06:00:00Z')).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z', // the first 01:30 (EDT)
    );
    // The second 01:30 (EST) is not another occurrence.
    expect(nextOccurrence(late, iso('2026-11-01T05:30:00Z')).toISOString()).toBe(
      '2026-11-02T06:30:00.000Z',
    );
  });

  it('throws for a schedule without days', () => {
    expect(() =>
      nextOccurrence(schedule('09:00', 'UTC', []), iso('2026-01-01T00:00:00Z')),
    ).toThrow();
  });
});

describe('latestOccurrence', () => {
  const berlin = schedule('09:00', 'Europe/Berlin', WEEKDAYS);

  it('includes an occurrence exactly at the given instant', () => {
    expect(latestOccurrence(berlin, iso('2025-12-08T08:00:00Z'))?.toISOString()).toBe(
      '2025-12-08T08:00:00.000Z',
    );
  });

  it('goes back over days that are not scheduled', () => {
    expect(latestOccurrence(berlin, iso('2025-12-08T07:59:59Z'))?.toISOString()).toBe(
      '2025-12-05T08:00:00.000Z',
    );
  });

  it('gives the first 02:30 on the Berlin fall-back day even during the second', () => {
    const early = schedule('02:30', 'Europe/Berlin');
    expect(latestOccurrence(early, iso('2026-10-25T01:45:00Z'))?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('gives null for a schedule without days', () => {
    expect(latestOccurrence(schedule('09:00', 'UTC', []), iso('2026-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('a 02:30 Europe/Berlin schedule over March–November 2026', () => {
  const early = schedule('02:30', 'Europe/Berlin');
  const occurrences: Date[] = [];
  for (
    let t = nextOccurrence(early, iso('2026-02-28T12:00:00Z'));
    t < iso('2026-12-01T00:00:00Z');
    t = nextOccurrence(early, t)
  ) {
    occurrences.push(t);
  }

  it('occurs exactly once on every local date', () => {
    const dates = occurrences.map((t) => dateKey(instantToLocal(t, 'Europe/Berlin')));
    const expected: string[] = [];
    for (let d = { year: 2026, month: 3, day: 1 }; d.month < 12; d = addLocalDays(d, 1)) {
      expected.push(dateKey(d));
    }
    expect(dates).toEqual(expected);
  });

  it('runs at 02:30 local, except 03:30 on the spring-forward day', () => {
    const times = occurrences.map((t) => {
      const l = instantToLocal(t, 'Europe/Berlin');
      return `${dateKey(l)} ${l.hour}:${l.minute}`;
    });
    expect(times.filter((t) => !t.endsWith(' 2:30'))).toEqual(['2026-03-29 3:30']);
    expect(occurrences.map((t) => t.toISOString())).toContain('2026-10-25T00:30:00.000Z');
    expect(occurrences.map((t) => t.toISOString())).not.toContain('2026-10-25T01:30:00.000Z');
  });

  it('agrees with latestOccurrence minute by minute around both switches', () => {
    for (const start of ['2026-03-28T22:00:00Z', '2026-10-24T22:00:00Z']) {
      for (let m = 0; m < 6 * 60; m += 5) {
        const t = new Date(iso(start).getTime() + m * 60_000);
        const next = nextOccurrence(early, t);
        expect(occurrences).toContainEqual(next);
        expect(latestOccurrence(early, next)).toEqual(next);
        const latest = latestOccurrence(early, t);
        expect(latest && latest <= t).toBe(true);
        expect(latest && nextOccurrence(early, latest)).toEqual(next);
      }
    }
  });
});

describe('schedule properties', () => {
  const settingsArb = fc.record({
    time: fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    timezone: fc.constantFrom(...ZONES),
    days: fc
      .uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 })
      .map((ds) => ds.sort((a, b) => a - b) as Weekday[]),
  });
  const instantArb = fc.date({
    min: iso('2020-01-01T00:00:00Z'),
    max: iso('2035-12-31T00:00:00Z'),
    noInvalidDate: true,
  });

  it('nextOccurrence(t) is after t, and nothing is scheduled in between', () => {
    fc.assert(
      fc.property(settingsArb, instantArb, (settings, t) => {
        const next = nextOccurrence(settings, t);
        expect(next.getTime()).toBeGreaterThan(t.getTime());
        // It is the occurrence of its own local date (or, after a gap past midnight, the day before).
        const local = instantToLocal(next, settings.timezone);
        const own = [local, addLocalDays(local, -1)].map((d) =>
          occurrenceOn(d, settings)?.getTime(),
        );
        expect(own).toContain(next.getTime());
        // Check every local date around the window independently of latestOccurrence.
        const from = addLocalDays(instantToLocal(t, settings.timezone), -2);
        for (let i = 0; i < 12; i++) {
          const other = occurrenceOn(addLocalDays(from, i), settings);
          if (other) expect(other > t && other < next).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('latestOccurrence(nextOccurrence(t)) is nextOccurrence(t), and latest(t) ≤ t', () => {
    fc.assert(
      fc.property(settingsArb, instantArb, (settings, t) => {
        const next = nextOccurrence(settings, t);
        expect(latestOccurrence(settings, next)).toEqual(next);
        const latest = latestOccurrence(settings, t);
        if (!latest) throw new Error('a schedule with days always has a latest occurrence');
        expect(latest.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(nextOccurrence(settings, latest)).toEqual(next);
      }),
      { numRuns: 500 },
    );
  });

  it('gives each local date its own occurrence, later than the day before', () => {
    fc.assert(
      fc.property(settingsArb, instantArb, (settings, t) => {
        const daily = { ...settings, days: DAILY };
        const today = instantToLocal(t, settings.timezone);
        const first = occurrenceOn(today, daily);
        const second = occurrenceOn(addLocalDays(today, 1), daily);
        expect(first && second && second > first).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
