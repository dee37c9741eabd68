import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseQuery } from '../src/core/query/parse-query.js';
import type { Query } from '../src/core/query/query.js';
import type { SearchFilters } from '../src/core/ports.js';
import { openDatabase, type Db } from '../src/storage/db.js';
import { migrate } from '../src/storage/migrate.js';
import { createSqlitePaperSearch } from '../src/storage/sqlite-paper-search.js';
import { createSqlitePaperStore } from '../src/storage/sqlite-paper-store.js';
import { createRng, generateCorpus, type Vocabulary } from './corpus.js';
import { buildQueryMix, type QueryClass } from './queries.js';
import { mean, quantile } from './report.js';

export const LAST_DAY = '2025-12-05';

export interface IngestResult {
  size: number;
  papers: number;
  days: number;
  /** Seconds spent inside `saveDay` (generating the corpus is not counted). */
  seconds: number;
  perSecond: number;
  dbMb: number;
}

export interface ClassResult {
  cls: QueryClass | 'rare+common+phrase' | 'all';
  queries: number;
  runs: number;
  p50: number;
  p99: number;
  max: number;
  /** Mean share of the exact plan's top 10 that the fast plan also returned. */
  overlap10: number;
  /** Searches answered by the bounded candidate plan (the rest ranked every match)... */
  bounded: number;
  /** ...of which this many had to lower the threshold and rank again. */
  widened: number;
}

export interface SearchBenchResult {
  size: number;
  /** `warm()` after ingest: builds the per-connection prior table. */
  priorBuildMs: number;
  classes: ClassResult[];
}

/** A migrated database in a temp file, removed by `dispose`. */
export function openBenchDb(size: number): { db: Db; path: string; dispose: () => void } {
  const path = join(tmpdir(), `paperboy-bench-${size}-${process.pid}.db`);
  const remove = (): void => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  };
  remove();
  const db = openDatabase(path);
  migrate(db);
  return {
    db,
    path,
    dispose: () => {
      db.close();
      remove();
    },
  };
}

/**
 * Ingests a synthetic corpus through the real store, one `saveDay` transaction per listing day
 * (300 papers a day, 1 % re-listings), timing only the store.
 */
export function benchIngest(db: Db, path: string, vocab: Vocabulary, size: number): IngestResult {
  const store = createSqlitePaperStore(db);
  let seconds = 0;
  let papers = 0;
  let days = 0;
  const corpus = generateCorpus(vocab, {
    size,
    papersPerDay: 300,
    lastDay: LAST_DAY,
    relistRate: 0.01,
    seed: size,
  });
  for (const { day, papers: batch } of corpus) {
    const startedAt = new Date(`${day}T06:00:00Z`);
    const t0 = performance.now();
    store.saveDay({ day, papers: batch, skipped: 0, startedAt, finishedAt: startedAt });
    seconds += (performance.now() - t0) / 1000;
    papers += batch.length;
    days += 1;
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return {
    size,
    papers,
    days,
    seconds,
    perSecond: papers / seconds,
    dbMb: statSync(path).size / 1e6,
  };
}

/**
 * Times the query mix with the default (candidate) plan: `rounds` passes, in a shuffled order
 * each, after one untimed pass; then runs each query once with the exact plan and compares the
 * top 10 (overlap@10; `agreementSample` limits how many queries, for the 1M corpus).
 */
export function benchSearch(
  db: Db,
  vocab: Vocabulary,
  size: number,
  options: { rounds: number; agreementSample?: number },
): SearchBenchResult {
  const fast = createSqlitePaperSearch(db);
  const exact = createSqlitePaperSearch(db, { plan: 'exact' });
  const mix = buildQueryMix(vocab, LAST_DAY).flatMap((q) => {
    const parsed = parseQuery(q.text);
    if (!parsed.ok) throw new Error(`bench query "${q.text}" does not parse: ${parsed.error}`);
    const filters: SearchFilters = { limit: 10 };
    if (q.since !== undefined) filters.since = q.since;
    if (q.minUpvotes !== undefined) filters.minUpvotes = q.minUpvotes;
    return [{ ...q, query: parsed.query as Query, filters }];
  });

  const t0 = performance.now();
  fast.warm();
  const priorBuildMs = performance.now() - t0;
  for (const q of mix) fast.search(q.query, q.filters); // warm the page cache, untimed

  const times = new Map<number, number[]>();
  const bounded = new Map<number, number>();
  const widened = new Map<number, number>();
  const rng = createRng(size);
  for (let round = 0; round < options.rounds; round += 1) {
    const order = mix.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const i of order) {
      const q = mix[i] as (typeof mix)[number];
      const start = performance.now();
      const { plan } = fast.searchWithPlan(q.query, q.filters);
      const ms = performance.now() - start;
      times.set(i, [...(times.get(i) ?? []), ms]);
      if (plan.plan.startsWith('bounded')) bounded.set(i, (bounded.get(i) ?? 0) + 1);
      if (plan.plan === 'bounded-widened') widened.set(i, (widened.get(i) ?? 0) + 1);
    }
  }

  const overlaps = new Map<number, number>();
  const step = Math.max(1, Math.floor(mix.length / (options.agreementSample ?? mix.length)));
  mix.forEach((q, i) => {
    if (i % step !== 0) return;
    const want = exact.search(q.query, q.filters).map((h) => h.paper.id);
    const got = new Set(fast.search(q.query, q.filters).map((h) => h.paper.id));
    overlaps.set(i, want.length === 0 ? 1 : want.filter((id) => got.has(id)).length / want.length);
  });

  const summarize = (cls: ClassResult['cls'], indexes: number[]): ClassResult => {
    const ms = indexes.flatMap((i) => times.get(i) ?? []);
    const ov = indexes.flatMap((i) => (overlaps.has(i) ? [overlaps.get(i) as number] : []));
    return {
      cls,
      queries: indexes.length,
      runs: ms.length,
      p50: quantile(ms, 0.5),
      p99: quantile(ms, 0.99),
      max: Math.max(...ms),
      overlap10: mean(ov),
      bounded: indexes.reduce((n, i) => n + (bounded.get(i) ?? 0), 0),
      widened: indexes.reduce((n, i) => n + (widened.get(i) ?? 0), 0),
    };
  };
  const classes = [...new Set(mix.map((q) => q.cls))].map((cls) =>
    summarize(
      cls,
      mix.flatMap((q, i) => (q.cls === cls ? [i] : [])),
    ),
  );
  const core = new Set<QueryClass>(['rare', 'common', 'phrase']);
  classes.push(
    summarize(
      'rare+common+phrase',
      mix.flatMap((q, i) => (core.has(q.cls) ? [i] : [])),
    ),
  );
  classes.push(
    summarize(
      'all',
      mix.map((_, i) => i),
    ),
  );
  return { size, priorBuildMs, classes };
}
