import type { Db } from './db.js';

/**
 * The ranking formula, in one place (the README copies it):
 *
 *   score      = relevance × popularity × recency
 *   relevance  = −bm25(papers_fts, 10, 1, 3, 5, 2)
 *                FTS5's BM25 (k1 = 1.2, b = 0.75) with column weights title 10, abstract 1,
 *                AI summary 3, keywords 5, authors 2; always > 0 for a match
 *   popularity = 1 + 0.25 × ln(1 + upvotes)      0 → 1, 10 → 1.6, 100 → 2.15, 1000 → 2.73
 *   recency    = 0.5 + 0.5 × 2^(−age / 90)       today 1, 90 days 0.75, a year 0.53, never < 0.5
 *   age        = days from the paper's last listing day to the newest listing day stored (≥ 0)
 *
 * Multiplying keeps the blend independent of BM25's scale, which moves with the query. The
 * prior (popularity × recency, 0.5 to ~2.7) reorders papers of similar relevance; a title
 * match (weight 10) keeps its lead over an abstract-only mention (weight 1, at most ~4.5× less
 * after BM25 saturation) unless that paper is both far more popular and much more recent.
 * Age counts from the newest listing, not the wall clock, so results are reproducible and an
 * instance that stopped ingesting does not decay everything.
 */
export const RANKING = {
  weights: { title: 10, abstract: 1, aiSummary: 3, keywords: 5, authors: 2 },
  popularityWeight: 0.25,
  halfLifeDays: 90,
  recencyFloor: 0.5,
} as const;

const W = RANKING.weights;
/** `-bm25(...)` over the FTS5 table aliased `f`. */
export const RELEVANCE_SQL = `(-bm25(papers_fts, ${W.title}, ${W.abstract}, ${W.aiSummary}, ${W.keywords}, ${W.authors}))`;

/** The prior (popularity × recency) of a `papers` row aliased `p`, given the reference day `@ref`. */
export const PRIOR_SQL = `((1 + ${RANKING.popularityWeight} * ln(1 + max(p.upvotes, 0)))
  * coalesce(${RANKING.recencyFloor} + ${1 - RANKING.recencyFloor}
     * pow(2, -max(0, julianday(@ref) - julianday(p.last_listed_day)) / ${RANKING.halfLifeDays}.0), 1))`;

/** The day ages are counted from: the newest listing day stored. */
export const REFERENCE_DAY_SQL = 'SELECT max(last_listed_day) FROM papers';

/** The per-connection table of priors the fast plans join instead of the wide `papers` rows. */
export const PRIOR_TABLE = 'temp.paperboy_search_prior';

export interface PriorCache {
  /** Makes sure the prior table reflects the database as it is now; cheap when nothing changed. */
  refresh(): PriorStats;
}

export interface PriorStats {
  /** Papers in the table. */
  count: number;
  /** Highest paper pk: matches are spread over 1..maxPk. */
  maxPk: number;
  /** Every paper's prior, highest first (8 bytes a paper): thresholds without a query. */
  sorted: Float64Array;
}

/**
 * Keeps `temp.paperboy_search_prior (pk, prior, upvotes)` in step with `papers`. Why: reading
 * `upvotes` and `last_listed_day` from `papers` costs a page per paper (rows hold abstracts and
 * the raw payload), 1–2 µs each, which for a word in 90 000 papers alone blows the latency
 * budget; this narrow table (about 30 bytes a paper) makes the same lookup ~0.1 µs and has an
 * index on the prior for picking thresholds. It is rebuilt from the covering index
 * `papers_last_listed` (≈ 60 ms per 100 000 papers) whenever this connection wrote anything
 * (`total_changes()`) or another connection committed (`PRAGMA data_version`) since the last build.
 */
export function createPriorCache(db: Db): PriorCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = buildPriorCache(db);
    caches.set(db, cache);
  }
  return cache;
}

/** One cache per connection, shared by every search built on it (the temp table is too). */
const caches = new WeakMap<Db, PriorCache>();

function buildPriorCache(db: Db): PriorCache {
  db.exec(`CREATE TABLE IF NOT EXISTS ${PRIOR_TABLE} (
      pk INTEGER PRIMARY KEY, prior REAL NOT NULL, upvotes INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS temp.paperboy_search_prior_by_prior
      ON paperboy_search_prior (prior DESC)`);
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  const dataVersion = (): number => db.pragma('data_version', { simple: true }) as number;
  const clear = db.prepare(`DELETE FROM ${PRIOR_TABLE}`);
  const fill = db.prepare(`INSERT INTO ${PRIOR_TABLE} (pk, prior, upvotes)
    SELECT p.pk, ${PRIOR_SQL}, p.upvotes FROM papers p`);
  const reference = db.prepare<[], string | null>(REFERENCE_DAY_SQL).pluck();
  const maxPk = db.prepare<[], number>(`SELECT coalesce(max(pk), 0) FROM ${PRIOR_TABLE}`).pluck();
  const sorted = db
    .prepare<[], number>(`SELECT prior FROM ${PRIOR_TABLE} ORDER BY prior DESC`)
    .pluck();
  const rebuild = db.transaction((): PriorStats => {
    clear.run();
    fill.run({ ref: reference.get() ?? null });
    const priors = Float64Array.from(sorted.all());
    return { count: priors.length, maxPk: maxPk.get() ?? 0, sorted: priors };
  });
  let key = '';
  let current: PriorStats = { count: 0, maxPk: 0, sorted: new Float64Array(0) };
  return {
    refresh: () => {
      const now = `${changes.get()}/${dataVersion()}`;
      if (now === key) return current;
      current = rebuild();
      key = `${changes.get()}/${dataVersion()}`;
      return current;
    },
  };
}
