import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { type Day, addDays, dayOf, daysBetween } from './day.js';
import type { IngestRun, PaperSource, PaperStore } from './ports.js';

export interface IngestDeps {
  source: PaperSource;
  store: PaperStore;
  clock: Clock;
  logger: Logger;
}

export interface IngestSummary {
  days: number;
  ok: number;
  empty: number;
  failed: number;
  new: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** The run recorded for each day, in the order ingested. */
  runs: IngestRun[];
  /** True when a signal stopped the ingest before every day was done. */
  cancelled: boolean;
}

export interface IngestOptions {
  signal?: AbortSignal;
  /** Called after each day is recorded (for progress bars). */
  onDay?: (run: IngestRun, done: number, total: number) => void;
}

/** How far back a failed day is still retried by the default ingest. */
export const FAILED_DAY_RETRY_WINDOW_DAYS = 14;

/**
 * The days a plain `paperboy ingest` (and each scheduled run) covers: today (UTC) and the
 * `lookbackDays` before it, since upvotes and AI summaries keep changing for a week or two,
 * plus any older day in the retry window whose last run failed. Oldest first, no repeats.
 */
export function defaultIngestDays(today: Day, lookbackDays: number, store: PaperStore): Day[] {
  const recent = daysBetween(addDays(today, -lookbackDays), today);
  const failed = store.failedDaysSince(addDays(today, -FAILED_DAY_RETRY_WINDOW_DAYS));
  return [...new Set([...failed, ...recent])].sort();
}

/**
 * Fetches and stores each day in turn. A day is stored whole or not at all: a failed fetch is
 * recorded as a failed run and leaves the papers already stored untouched; the next run retries
 * it. Never throws for source faults; a store error propagates (the disk is the one thing we
 * cannot work around).
 */
export async function ingestDays(
  deps: IngestDeps,
  days: Day[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = {
    days: days.length,
    ok: 0,
    empty: 0,
    failed: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    runs: [],
    cancelled: false,
  };
  for (const day of days) {
    if (options.signal?.aborted) {
      summary.cancelled = true;
      break;
    }
    const startedAt = deps.clock.now();
    const log = deps.logger.child({ day, source: deps.source.name });
    const fetched = await deps.source.fetchDay(day, options.signal);
    if (options.signal?.aborted) {
      // Interrupted mid-fetch: record nothing, the next run does this day again.
      summary.cancelled = true;
      break;
    }
    const finishedAt = deps.clock.now();
    let run: IngestRun;
    if (fetched.status === 'failed') {
      run = deps.store.recordFailedRun({
        day,
        code: fetched.code,
        reason: fetched.reason,
        startedAt,
        finishedAt,
      });
      summary.failed += 1;
      log.warn('ingest day failed', { code: fetched.code, reason: fetched.reason });
    } else {
      run = deps.store.saveDay({
        day,
        papers: fetched.papers,
        skipped: fetched.skipped.length,
        startedAt,
        finishedAt,
      });
      if (run.status === 'empty') summary.empty += 1;
      else summary.ok += 1;
      summary.new += run.counts.new;
      summary.updated += run.counts.updated;
      summary.unchanged += run.counts.unchanged;
      summary.skipped += run.counts.skipped;
      log.info('ingest day done', { status: run.status, ...run.counts });
    }
    summary.runs.push(run);
    options.onDay?.(run, summary.runs.length, days.length);
  }
  return summary;
}

/** Today as a Daily Papers day (UTC). */
export function todayOf(clock: Clock): Day {
  return dayOf(clock.now());
}

/** "3 days: 2 ok, 1 empty, 0 failed · 12 new, 30 updated, 5 unchanged, 1 skipped". */
export function formatIngestSummary(s: IngestSummary): string {
  const head = `${s.days} day${s.days === 1 ? '' : 's'}: ${s.ok} ok, ${s.empty} empty, ${s.failed} failed`;
  const tail = `${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.skipped} skipped`;
  return `${head} · ${tail}${s.cancelled ? ' · cancelled before the end' : ''}`;
}
