import type { Weekday } from '../../../../src/core/channels/channel.js';
import type { ScheduleSettings } from '../../../../src/core/schedule/digest-schedule.js';

export const iso = (text: string): Date => new Date(text);
export const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
export const DAILY: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
/** A schedule at `time` in `timezone`, daily unless days are given. */
export const schedule = (
  time: string,
  timezone: string,
  days: Weekday[] = DAILY,
): ScheduleSettings => ({ time, timezone, days });
