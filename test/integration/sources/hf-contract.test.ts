import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDailyPapersItem } from '../../../src/sources/hf/hf-daily-papers.schema.js';
import { startFakeHfApi } from '../../fakes/fake-hf-api.js';
import { createTestHfSource } from '../../helpers/hf-fixtures.js';

/**
 * Contract test against real recorded `daily_papers` responses (2024-03 → 2026-08), read in place
 * from the `shared` folder cloned next to this repo (see ../shared/fixtures/hf/SOURCES.md).
 */
const SHARED_DIR = new URL('../../../../shared/fixtures/hf/', import.meta.url);
const sharedPath = fileURLToPath(SHARED_DIR);
const available = existsSync(sharedPath);
const files = available
  ? readdirSync(sharedPath)
      .filter((f) => /^hf-daily_papers.*\.json$/.test(f))
      .sort()
  : [];

function readItems(file: string): unknown[] {
  const parsed: unknown = JSON.parse(readFileSync(new URL(file, SHARED_DIR), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file} is not a JSON array`);
  return parsed;
}

const title = available
  ? 'HF contract: real recorded daily_papers responses'
  : `HF contract: SKIPPED, recorded responses not found at ${sharedPath}`;

// Surfaces the skip in the default reporter, which does not print skipped test names.
if (!available) console.warn(`[hf-contract] ${title}`);

describe.skipIf(!available)(title, () => {
  it('finds the recorded files, including the 2024 raw-bytes one (oldest schema)', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(files).toContain('hf-daily_papers_date-2024-03-12_raw-bytes.json');
  });

  it.each(files)('parses every item of %s', (file) => {
    const items = readItems(file);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const raw = JSON.stringify(item);
      const result = parseDailyPapersItem(item, raw);
      if (!result.ok) throw new Error(`${file}: ${result.id ?? '?'}: ${result.reason}`);
      const source = item as { paper: { id: string; upvotes: number; authors: unknown[] } };
      expect(result.paper.id).toBe(source.paper.id);
      expect(result.paper.upvotes).toBe(source.paper.upvotes);
      expect(result.paper.title).not.toMatch(/\s{2,}|\n/);
      expect(result.paper.abstract).not.toBe('');
      expect(result.paper.authors.length).toBeLessThanOrEqual(source.paper.authors.length);
      expect(result.paper.raw).toBe(raw);
    }
  });

  it('drops the hidden author seen in the 2026-06 sample', () => {
    const items = readItems('hf-daily_papers_no-date_limit-30_fetched-2026-06-14.json');
    const item = items.find((i) =>
      (i as { paper: { authors: { hidden?: boolean }[] } }).paper.authors.some((a) => a.hidden),
    ) as { paper: { authors: { name: string; hidden?: boolean }[] } };
    const result = parseDailyPapersItem(item, JSON.stringify(item));
    const hidden = item.paper.authors.filter((a) => a.hidden).map((a) => a.name);
    expect(result.ok && result.paper.authors.length).toBe(
      item.paper.authors.length - hidden.length,
    );
  });

  it('ingests the 50-item default-limit day end to end through the fake API', async () => {
    const items = readItems('hf-daily_papers_date-2026-05-12_50-items-default-limit.json');
    const api = await startFakeHfApi({ days: { '2026-05-12': items } });
    try {
      const { source } = createTestHfSource(api.baseUrl, { maxAttempts: 1 });
      const result = await source.fetchDay('2026-05-12');
      expect(result.status === 'ok' && result.papers.length).toBe(50);
      expect(result.status === 'ok' && result.skipped).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
