import { describe, expect, it } from 'vitest';
import type { Day } from '../../../src/core/day.js';
import { defaultIngestDays, formatIngestSummary, ingestDays } from '../../../src/core/ingest.js';
import type { DayFetch, PaperSource } from '../../../src/core/ports.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { createSqlitePaperStore } from '../../../src/storage/sqlite-paper-store.js';
import { makeSourcePaper, openTestDb } from '../../helpers/papers.js';
import { createTestLogger } from '../../helpers/test-logger.js';

/** A PaperSource port double answering from a script of per-day results. */
function scriptedSource(results: Record<Day, DayFetch | (() => Promise<DayFetch>)>): PaperSource & { asked: Day[] } {
  const asked: Day[] = [];
  return {
    name: 'scripted',
    asked,
    fetchDay: async (day) => {
      asked.push(day);
      const r = results[day];
      if (typeof r === 'function') return r();
      return r ?? { status: 'ok', day, papers: [], skipped: [] };
    },
  };
}

describe('ingestDays', () => {
  const setup = (source: PaperSource) => {
    const store = createSqlitePaperStore(openTestDb());
    const deps = { source, store, clock: createManualClock('2025-12-04T10:00:00Z'), logger: createTestLogger() };
    return { store, deps };
  };

  it('stores ok days, records empty and failed days, and sums the counts', async () => {
    const source = scriptedSource({
      '2025-12-01': { status: 'ok', day: '2025-12-01', papers: [makeSourcePaper(), makeSourcePaper()], skipped: [{ id: 'x', reason: 'bad' }] },
      '2025-12-02': { status: 'failed', day: '2025-12-02', code: 'source.http_error', reason: 'HTTP 500 from Hugging Face after 4 tries' },
    });
    const { store, deps } = setup(source);
    const seen: string[] = [];
    const summary = await ingestDays(deps, ['2025-12-01', '2025-12-02', '2025-12-06'], {
      onDay: (run, done, total) => seen.push(`${run.day}:${run.status}:${done}/${total}`),
    });
    expect(seen).toEqual(['2025-12-01:ok:1/3', '2025-12-02:failed:2/3', '2025-12-06:empty:3/3']);
    expect(formatIngestSummary(summary)).toBe('3 days: 1 ok, 1 empty, 1 failed · 2 new, 0 updated, 0 unchanged, 1 skipped');
    expect(store.failedDaysSince('2025-11-01')).toEqual(['2025-12-02']);
  });

  it('stops at a cancelled signal without recording the interrupted day', async () => {
    const controller = new AbortController();
    const source = scriptedSource({
      '2025-12-02': async () => {
        controller.abort();
        return { status: 'failed', day: '2025-12-02', code: 'source.fetch_failed', reason: 'cancelled' };
      },
    });
    const { store, deps } = setup(source);
    const summary = await ingestDays(deps, ['2025-12-01', '2025-12-02', '2025-12-03'], { signal: controller.signal });
    expect(summary.cancelled).toBe(true);
    expect(source.asked).toEqual(['2025-12-01', '2025-12-02']);
    expect(store.lastRunForDay('2025-12-02')).toBeNull();
    expect(formatIngestSummary(summary)).toContain('cancelled before the end');
  });

  it('the default window is today and the look-back days, plus failed days of the last two weeks', () => {
    const { store } = setup(scriptedSource({}));
    const fail = (day: Day) =>
      store.recordFailedRun({ day, code: 'x', reason: 'y', startedAt: new Date(), finishedAt: new Date() });
    fail('2025-11-25');
    fail('2025-11-01');
    expect(defaultIngestDays('2025-12-04', 2, store)).toEqual(['2025-11-25', '2025-12-02', '2025-12-03', '2025-12-04']);
  });
});
