import { InvalidArgumentError } from 'commander';
import { isDay } from '../core/day.js';

/** Parses a `YYYY-MM-DD` option value or explains the expected form. */
export function parseDayOption(value: string): string {
  if (!isDay(value)) {
    throw new InvalidArgumentError('Use a real date written YYYY-MM-DD, e.g. 2025-12-01.');
  }
  return value;
}

/** Parses a whole number in [min, max]. */
export function intOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`Use a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}
