import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/shared/clock.js';
import { type FakeHfApi, startFakeHfApi } from '../../fakes/fake-hf-api.js';
import { runPaperboy } from '../../helpers/cli-runner.js';
import { loadHfFixture, makeHfItem } from '../../helpers/hf-fixtures.js';

describe('paperboy search', () => {
  let hf: FakeHfApi;
  let dir: string;
  let env: Record<string, string>;
  const overrides = { clock: createManualClock('2025-12-04T10:00:00Z'), sleep: async () => {} };

  beforeAll(async () => {
    hf = await startFakeHfApi({
      days: {
        '2025-12-01': loadHfFixture('day-2025-12-01'),
        '2025-12-02': [
          makeHfItem({
            paper: { id: '2512.90001', title: 'Speculative Decoding at Scale', upvotes: 4 },
          }),
          makeHfItem({
            paper: {
              id: '2512.90002',
              title: 'Faster Inference',
              summary: 'We revisit speculative decoding for small draft models.',
              upvotes: 5,
            },
          }),
        ],
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'paperboy-search-'));
    env = { PAPERBOY_DB_PATH: join(dir, 'p.db'), HF_API_BASE_URL: hf.baseUrl };
    const ingest = await runPaperboy(
      ['ingest', '--from', '2025-12-01', '--to', '2025-12-02'],
      env,
      overrides,
    );
    expect(ingest.code).toBe(0);
  });
  afterAll(async () => {
    await hf.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a ranked table, title matches first', async () => {
    const run = await runPaperboy(['search', 'speculative', 'decoding'], env, overrides);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/#\s+▲\s+day\s+id\s+title/);
    expect(lines[1]).toContain('2512.90001');
    expect(lines[1]).toContain('Speculative Decoding at Scale');
    expect(lines[2]).toContain('2512.90002');
  });

  it('prints JSON with id, title, upvotes, date and url', async () => {
    const run = await runPaperboy(
      ['search', '"speculative decoding"', '--json', '--limit', '5'],
      env,
      overrides,
    );
    const hits = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(hits[0]).toEqual({
      id: '2512.90001',
      title: 'Speculative Decoding at Scale',
      upvotes: 4,
      date: '2025-12-02',
      url: 'https://huggingface.co/papers/2512.90001',
    });
    expect(Object.keys(hits[1] ?? {}).sort()).toEqual(['date', 'id', 'title', 'upvotes', 'url']);
  });

  it('applies --min-upvotes, --since and --until', async () => {
    const json = async (...argv: string[]) =>
      JSON.parse(
        (await runPaperboy(['search', ...argv, '--json'], env, overrides)).stdout,
      ) as Array<{
        id: string;
        upvotes: number;
        date: string;
      }>;
    const min = await json('speculative', '--min-upvotes', '5');
    expect(min.map((h) => h.id)).toContain('2512.90002');
    expect(min.every((h) => h.upvotes >= 5)).toBe(true);
    expect((await json('speculative', '--since', '2025-12-02')).map((h) => h.id).sort()).toEqual([
      '2512.90001',
      '2512.90002',
    ]);
    const until = await json('speculative', '--until', '2025-12-01');
    expect(until.length).toBeGreaterThan(0);
    expect(until.every((h) => h.date <= '2025-12-01')).toBe(true);
  });

  it.each([
    [['search', '""'], 'There is nothing to search for'],
    [['search', '-survey'], 'besides the excluded ones'],
    [['search', 'x*', '--json'], 'letters before `*`'],
    [['search', 'x', '--since', '2025-12-05', '--until', '2025-12-01'], 'is after --until'],
    [['search', 'x', '--limit', '0'], 'Use a whole number from 1 to 100'],
  ])('refuses %j with a clear message', async (argv, message) => {
    const run = await runPaperboy(argv, env, overrides);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('reads -word as an excluded word, not an option', async () => {
    const run = await runPaperboy(['search', 'speculative', '-faster', '--json'], env, overrides);
    expect(run.code).toBe(0);
    const ids = (JSON.parse(run.stdout) as Array<{ id: string }>).map((h) => h.id);
    expect(ids).toContain('2512.90001');
    expect(ids).not.toContain('2512.90002');
  });

  it('never crashes or errors on hostile input', async () => {
    for (const query of [
      'NEAR(a b)',
      'title:x AND (',
      '*',
      '"unbalanced',
      '🤖🤖',
      'a'.repeat(400),
      'x OR OR y',
    ]) {
      const run = await runPaperboy(['search', query, '--json'], env, overrides);
      expect([0, 2]).toContain(run.code);
      expect(run.stderr).not.toMatch(/SqliteError|fts5|syntax error/i);
    }
  });
});
