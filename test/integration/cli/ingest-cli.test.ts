import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/shared/clock.js';
import { openDatabase } from '../../../src/storage/db.js';
import { type FakeHfApi, startFakeHfApi } from '../../fakes/fake-hf-api.js';
import { runPaperboy } from '../../helpers/cli-runner.js';
import { loadHfFixture } from '../../helpers/hf-fixtures.js';

describe('paperboy ingest', () => {
  let hf: FakeHfApi;
  let dir: string;
  let env: Record<string, string>;
  const clock = createManualClock('2025-12-04T10:00:00Z');
  const overrides = { clock, sleep: async () => {}, random: () => 0.5 };
  const count = (sql: string): number => {
    const db = openDatabase(env.PAPERBOY_DB_PATH as string);
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    hf = await startFakeHfApi({
      days: {
        '2025-12-01': loadHfFixture('day-2025-12-01'),
        '2025-12-02': loadHfFixture('day-2025-12-02'),
        '2025-12-03': loadHfFixture('day-2025-12-03'),
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'paperboy-cli-'));
    env = {
      PAPERBOY_DB_PATH: join(dir, 'nested', 'paperboy.db'),
      HF_API_BASE_URL: hf.baseUrl,
      HF_RETRY_BASE_MS: '1',
      HF_TIMEOUT_MS: '2000',
    };
  });
  afterEach(async () => {
    await hf.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backfills a range into a fresh store (folder created) with a one-line summary', async () => {
    const run = await runPaperboy(['ingest', '--from', '2025-12-01', '--to', '2025-12-03'], env, overrides);
    expect(run.stderr).toContain('skipped invalid paper');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      '3 days: 3 ok, 0 empty, 0 failed · 43 new, 0 updated, 0 unchanged, 2 skipped',
    );
    expect(count('SELECT count(*) AS n FROM papers')).toBe(43);
    expect(count("SELECT count(*) AS n FROM listings WHERE day = '2025-12-01'")).toBe(25);
    expect(hf.requests.every((r) => r.query.limit === '100')).toBe(true);
    expect(hf.requests[0]?.headers['user-agent']).toMatch(/^Paperboy\//);
  });

  it('is idempotent: the second run stores nothing new', async () => {
    await runPaperboy(['ingest', '--from', '2025-12-01', '--to', '2025-12-03'], env, overrides);
    const again = await runPaperboy(['ingest', '--from', '2025-12-01', '--to', '2025-12-03', '--json'], env, overrides);
    const summary = JSON.parse(again.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ days: 3, ok: 3, new: 0, updated: 0, unchanged: 43, skipped: 2 });
    expect(count('SELECT count(*) AS n FROM papers')).toBe(43);
  });

  it('refreshes counts on a re-fetch', async () => {
    await runPaperboy(['ingest', '--date', '2025-12-02'], env, overrides);
    const items = loadHfFixture('day-2025-12-02') as Array<{ paper: { upvotes: number } }>;
    items[0]!.paper.upvotes += 40;
    hf.setDay('2025-12-02', items);
    const run = await runPaperboy(['ingest', '--date', '2025-12-02'], env, overrides);
    expect(run.stdout).toContain('1 updated');
  });

  it('records a failed day, exits 1 saying how to retry, and keeps what was stored', async () => {
    await runPaperboy(['ingest', '--date', '2025-12-02'], env, overrides);
    hf.failNext(10, { status: 503 });
    const run = await runPaperboy(['ingest', '--date', '2025-12-02'], env, overrides);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2025-12-02 failed: HTTP 503 from Hugging Face after 4 tries');
    expect(run.stdout).toContain('paperboy ingest --date 2025-12-02');
    expect(count("SELECT count(*) AS n FROM listings WHERE day = '2025-12-02'")).toBe(12);
    const status = await runPaperboy(['status', '--json'], env, overrides);
    expect(JSON.parse(status.stdout).days[0]).toMatchObject({ day: '2025-12-02', status: 'failed' });
  });

  it('by default covers today and the look-back window, and retries failed days', async () => {
    hf.failNext(4, { status: 500 }, { date: '2025-11-20' });
    await runPaperboy(['ingest', '--date', '2025-11-20'], env, overrides);
    const run = await runPaperboy(['ingest', '--json'], { ...env, INGEST_LOOKBACK_DAYS: '3' }, overrides);
    const summary = JSON.parse(run.stdout) as { runs: Array<{ day: string; status: string }> };
    expect(summary.runs.map((r) => r.day)).toEqual(['2025-11-20', '2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04']);
    expect(summary.runs.map((r) => r.status)).toEqual(['empty', 'ok', 'ok', 'ok', 'empty']);
  });

  it.each([
    [['ingest', '--date', '2025-13-40'], 'Use a real date written YYYY-MM-DD'],
    [['ingest', '--from', '2025-12-03', '--to', '2025-12-01'], 'is after --to'],
    [['ingest', '--to', '2025-12-01'], '--to needs --from'],
    [['ingest', '--date', '2025-12-01', '--from', '2025-12-01'], 'either --date or --from/--to'],
    [['ingest', '--date', '2030-01-01'], 'is in the future'],
    [['ingest', '--date', '2020-01-01'], 'Daily Papers starts on 2023-05-04'],
    [['ingest', '--bogus'], "unknown option '--bogus'"],
  ])('refuses %j with a clear message (exit 2)', async (argv, message) => {
    const run = await runPaperboy(argv, env, overrides);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(hf.requests).toHaveLength(0);
  });

  it('refuses invalid configuration listing every bad key', async () => {
    const run = await runPaperboy(['ingest'], { ...env, PORT: 'x', INGEST_TIMEZONE: 'Nowhere/Land' }, overrides);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('INGEST_TIMEZONE');
  });
});
