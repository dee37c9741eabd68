import { describe, expect, it, vi } from 'vitest';
import type { Day } from '../../../../src/core/day.js';
import {
  coveredDay,
  describeNextDigest,
  formatLocalOccurrence,
} from '../../../../src/core/schedule/digest-schedule.js';

import { WEEKDAYS, iso, schedule } from './schedule-helpers.js';
const noPapers = (): boolean => false;

describe('coveredDay', () => {
  const days = (occurrence: string, hasPapers: (day: Day) => boolean = noPapers): Day =>
    coveredDay(iso(occurrence), hasPapers);

  it('covers the UTC day that ended before the occurrence', () => {
    expect(days('2025-12-09T08:00:00Z')).toBe('2025-12-08'); // Tue 09:00 Berlin → Mon
  });

  it('Monday 09:00 Europe/Berlin covers the previous Friday', () => {
    expect(days('2025-12-08T08:00:00Z')).toBe('2025-12-05');
  });

  it('Tuesday 09:00 Asia/Tokyo (00:00 UTC) covers Monday', () => {
    expect(days('2025-12-09T00:00:00Z')).toBe('2025-12-08');
    // A millisecond earlier Monday has not ended in UTC yet.
    expect(days('2025-12-08T23:59:59.999Z')).toBe('2025-12-05');
  });

  it('Monday 09:00 America/Los_Angeles covers Friday; Tuesday covers Monday', () => {
    expect(days('2025-12-08T17:00:00Z')).toBe('2025-12-05');
    expect(days('2025-12-09T17:00:00Z')).toBe('2025-12-08');
  });

  it('counts a weekend day that has papers', () => {
    expect(days('2025-12-08T08:00:00Z', (d) => d === '2025-12-07')).toBe('2025-12-07');
    expect(days('2025-12-08T08:00:00Z', (d) => d === '2025-12-06')).toBe('2025-12-06');
    expect(days('2025-12-07T08:00:00Z', (d) => d === '2025-12-06')).toBe('2025-12-06');
  });

  it('asks about weekend days only', () => {
    const hasPapers = vi.fn(noPapers);
    expect(days('2025-12-08T08:00:00Z', hasPapers)).toBe('2025-12-05');
    expect(hasPapers.mock.calls).toEqual([['2025-12-07'], ['2025-12-06']]);
    hasPapers.mockClear();
    days('2025-12-10T08:00:00Z', hasPapers);
    expect(hasPapers).not.toHaveBeenCalled();
  });
});

describe('formatLocalOccurrence', () => {
  it('writes the instant in the zone', () => {
    expect(formatLocalOccurrence(iso('2025-12-08T08:00:00Z'), 'Europe/Berlin')).toBe(
      'Mon 8 Dec, 09:00 Europe/Berlin',
    );
    expect(formatLocalOccurrence(iso('2025-09-30T23:05:00Z'), 'Asia/Kathmandu')).toBe(
      'Wed 1 Oct, 04:50 Asia/Kathmandu',
    );
  });

  it('adds the year only when it differs from the year of now in the zone', () => {
    const at = iso('2027-01-01T08:00:00Z');
    expect(formatLocalOccurrence(at, 'Europe/Berlin', iso('2026-12-31T10:00:00Z'))).toBe(
      'Fri 1 Jan 2027, 09:00 Europe/Berlin',
    );
    // 23:30 UTC on 31 Dec is already 2027 in Berlin.
    expect(formatLocalOccurrence(at, 'Europe/Berlin', iso('2026-12-31T23:30:00Z'))).toBe(
      'Fri 1 Jan, 09:00 Europe/Berlin',
    );
  });
});

describe('describeNextDigest', () => {
  it('names the next digest and the day it covers', () => {
    expect(
      describeNextDigest(
        schedule('09:00', 'Europe/Berlin', WEEKDAYS),
        iso('2025-12-05T10:00:00Z'),
        noPapers,
      ),
    ).toBe('Next digest: Mon 8 Dec, 09:00 Europe/Berlin, covering Fri 5 Dec.');
  });

  it('speaks in the channel zone', () => {
    expect(
      describeNextDigest(
        schedule('09:00', 'Asia/Tokyo', WEEKDAYS),
        iso('2025-12-08T16:00:00Z'),
        noPapers,
      ),
    ).toBe('Next digest: Tue 9 Dec, 09:00 Asia/Tokyo, covering Mon 8 Dec.');
  });

  it('counts a stored Sunday', () => {
    expect(
      describeNextDigest(
        schedule('09:00', 'Europe/Berlin', WEEKDAYS),
        iso('2025-12-07T12:00:00Z'),
        (d) => d === '2025-12-07',
      ),
    ).toBe('Next digest: Mon 8 Dec, 09:00 Europe/Berlin, covering Sun 7 Dec.');
  });

  it('shows the real local time on a spring-forward day', () => {
    expect(
      describeNextDigest(schedule('02:30', 'Europe/Berlin'), iso('2026-03-28T12:00:00Z'), noPapers),
    ).toBe('Next digest: Sun 29 Mar, 03:30 Europe/Berlin, covering Fri 27 Mar.');
  });

  it('adds years only where they differ from the current local year', () => {
    const berlin = schedule('09:00', 'Europe/Berlin', WEEKDAYS);
    expect(describeNextDigest(berlin, iso('2026-12-31T10:00:00Z'), noPapers)).toBe(
      'Next digest: Fri 1 Jan 2027, 09:00 Europe/Berlin, covering Thu 31 Dec.',
    );
    expect(describeNextDigest(berlin, iso('2027-01-01T05:00:00Z'), noPapers)).toBe(
      'Next digest: Fri 1 Jan, 09:00 Europe/Berlin, covering Thu 31 Dec 2026.',
    );
  });
});
