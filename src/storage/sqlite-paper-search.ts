import type { Day } from '../core/day.js';
import type { Paper } from '../core/paper.js';
import type { PaperSearch, SearchFilters, SearchHit } from '../core/ports.js';
import type { Query } from '../core/query/query.js';
import { toFts5 } from '../core/query/to-fts5.js';
import type { Db } from './db.js';
import { PAPER_COLUMNS, rowToPaper, type PaperRow } from './sqlite-paper-rows.js';
import { createExtraCandidates } from './sqlite-search-candidates.js';
import { REFERENCE_DAY_SQL, createPriorCache } from './sqlite-search-prior.js';
import {
  createSearchStatements,
  type CandidateRow,
  type ScoredRow,
  type SearchParams,
} from './sqlite-search-statements.js';

export { RANKING } from './sqlite-search-prior.js';

export interface SearchPlanOptions {
  /**
   * `auto` (default): rank every match when there are few, else the bounded candidate plan.
   * `exact`: always rank every match, reading the prior straight from `papers` (the test and
   * bench oracle; ~150–500 ms for a word in most of 100 000 papers).
   */
  plan?: 'auto' | 'exact';
  /** Up to this many matches, every match is ranked. */
  exactMax?: number;
  /** How many matches the bounded plan aims to rank (three times that with an OR). */
  candidates?: number;
}

export const SEARCH_PLAN_DEFAULTS = {
  plan: 'auto',
  exactMax: 5_000,
  candidates: 1_000,
} as const satisfies Required<SearchPlanOptions>;

/** Which plan answered a search, for the bench and for logs. */
export interface SearchPlanInfo {
  plan: 'exact' | 'all-matches' | 'bounded' | 'bounded-widened' | 'bounded-fallback';
  /** The prior threshold of a bounded plan, else null. */
  threshold: number | null;
}

export interface SqlitePaperSearch extends PaperSearch {
  /** Like `search`, also telling which plan ran. */
  searchWithPlan(query: Query, filters: SearchFilters): { hits: SearchHit[]; plan: SearchPlanInfo };
  /**
   * Rebuilds the prior table now if the papers changed (≈ 130 ms per 100 000 papers), so the
   * next search does not pay for it: call after an ingest. Searching works without it.
   */
  warm(): void;
}

const FAR_PAST = '0000-01-01';
const FAR_FUTURE = '9999-12-31';

/**
 * Ranked full-text search over the papers; see `RANKING` for the score.
 *
 * Plan (why: BM25 costs 1–3 µs a row plus one pass over each word's postings, so ranking all
 * 90 000 papers that contain "model" takes 150–500 ms at 100 000 papers):
 * 1. Count matches among the newest papers, stopping at `exactMax` + 1 (FTS5 walks rowids newest
 *    first and stops early: ~1 ms for a common word).
 * 2. Up to `exactMax` matches, or as few after the date filter: rank every match (exact).
 * 3. Otherwise that window gives the share `s` of papers that match. Take the prior (popularity ×
 *    recency) of the `c / s`-th best eligible paper as a threshold, so that about `c` matches
 *    clear it (`c` = `candidates`, 3× with an OR, at least 4× the page end). One FTS5 pass
 *    computes BM25 only for matches at or above it, plus the matches of rare OR alternatives,
 *    which may rank high despite a low prior (sqlite-search-candidates). Scores are exact.
 * 4. Check the cut, with the share of matches actually seen above the threshold. Far fewer
 *    than `c` candidates: lower the threshold to reach `c`. Else estimate, from the candidates'
 *    relevance and the priors just below the threshold, how many papers under it could still
 *    reach the page; if one or more, lower the threshold (by up to 3 × `c / s` papers). Either
 *    way rank again (`bounded-widened`).
 * 5. If the candidates cannot fill the page (deep paging, strict filters), rank every match.
 *
 * Prefix queries skip step 1 (FTS5 expands a prefix fully before returning a row, so a window
 * costs a whole pass) and start from `s` = 1; step 4 corrects it. The bench reports the
 * agreement of this plan with the exact one (overlap of the top 10) over its query mix.
 */
export function createSqlitePaperSearch(
  db: Db,
  options: SearchPlanOptions = {},
): SqlitePaperSearch {
  const opts = { ...SEARCH_PLAN_DEFAULTS, ...options };
  const priors = createPriorCache(db);
  const sql = createSearchStatements(db);
  const extraCandidates = createExtraCandidates(db, opts.exactMax);
  const reference = db.prepare<[], string | null>(REFERENCE_DAY_SQL).pluck();
  const papers = db.prepare<[string], PaperRow>(
    `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.pk IN (SELECT value FROM json_each(?))`,
  );

  const run = (
    query: Query,
    filters: SearchFilters,
  ): { rows: ScoredRow[]; plan: SearchPlanInfo } => {
    const dated = filters.since !== undefined || filters.until !== undefined;
    const p: SearchParams = {
      expr: toFts5(query),
      minUpvotes: filters.minUpvotes ?? 0,
      since: filters.since ?? FAR_PAST,
      until: filters.until ?? FAR_FUTURE,
      limit: Math.max(0, Math.floor(filters.limit)),
      offset: Math.max(0, Math.floor(filters.offset ?? 0)),
    };
    const every = (
      plan: SearchPlanInfo['plan'] = 'all-matches',
      threshold: number | null = null,
    ) => ({
      rows: sql.allMatches(dated, p),
      plan: { plan, threshold },
    });
    if (p.limit === 0) return { rows: [], plan: { plan: 'exact', threshold: null } };
    if (opts.plan === 'exact') {
      return {
        rows: sql.exact(dated, { ...p, ref: reference.get() ?? null }),
        plan: { plan: 'exact', threshold: null },
      };
    }

    const stats = priors.refresh();
    const seen = usesPrefix(query)
      ? { n: stats.count, lo: 1 }
      : sql.window(p.expr, opts.exactMax + 1);
    if (seen.n <= opts.exactMax || seen.lo === null) return every();
    const share = Math.min(1, seen.n / Math.max(1, stats.maxPk - seen.lo + 1));
    const eligible = dated ? sql.listedInRange(p.since, p.until) : stats.count;
    const need = p.offset + p.limit;
    // An OR mixes papers with one, another or both alternatives (BM25 far apart): rank more.
    const wanted = opts.candidates * (query.all.some((g) => g.length > 1) ? 3 : 1);
    const k = Math.ceil(Math.max(wanted, 4 * need) / share);
    if (share * eligible <= opts.exactMax || k >= eligible) return every();
    const filtered = dated || p.minUpvotes > 0;
    /** The prior of the n-th best eligible paper. */
    const priorAt = (n: number): number | undefined =>
      filtered
        ? first(sql.priors(dated, { ...p, below: Infinity, skip: n - 1 }))
        : stats.sorted[n - 1];
    const threshold = priorAt(k);
    if (threshold === undefined) return every();

    const extraPks = extraCandidates(query);
    const extra = JSON.stringify(extraPks);
    const isExtra = new Set(extraPks);
    const scan = (t: number, above: number) =>
      sql.candidates(dated, above < share * eligible, { ...p, threshold: t, extra });
    let rows = scan(threshold, k);
    let plan: SearchPlanInfo = { plan: 'bounded', threshold };
    const sample = rows.filter((r) => r.prior >= threshold && !isExtra.has(r.pk));
    // The share of matches among the papers that cleared the threshold: the population that
    // matters here, and the only estimate at all for a prefix.
    const observed = Math.max(sample.length, 1) / k;
    if (sample.length < wanted / 2) {
      const k2 = Math.ceil(Math.max(wanted, 4 * need) / observed);
      const lower = k2 >= eligible ? undefined : priorAt(k2);
      if (lower === undefined) return every('bounded-fallback', threshold);
      rows = scan(lower, k2);
      plan = { plan: 'bounded-widened', threshold: lower };
    } else {
      const below = (): Iterable<number> =>
        filtered
          ? sql.priors(dated, { ...p, below: threshold, skip: 0 })
          : priorsBelow(stats.sorted, threshold);
      const lower = widenedThreshold(rows, sample, need, threshold, observed, 3 * k, below);
      if (lower !== null) {
        rows = scan(lower, 4 * k);
        plan = { plan: 'bounded-widened', threshold: lower };
      }
    }
    const ranked = rows
      .map((r) => ({ pk: r.pk, score: r.rel * r.prior }))
      .sort((a, b) => b.score - a.score || b.pk - a.pk);
    if (ranked.length < need) return every('bounded-fallback', plan.threshold);
    return { rows: ranked.slice(p.offset, need), plan };
  };

  const toHits = (rows: ScoredRow[], filters: SearchFilters): SearchHit[] => {
    if (rows.length === 0) return [];
    const byPk = new Map<number, Paper>();
    for (const row of papers.all(JSON.stringify(rows.map((r) => r.pk))))
      byPk.set(row.pk, rowToPaper(row));
    return rows.flatMap(({ pk, score }) => {
      const paper = byPk.get(pk);
      return paper ? [{ paper, day: dayWithin(paper.listedOn, filters), score }] : [];
    });
  };

  const searchWithPlan = (query: Query, filters: SearchFilters) => {
    const { rows, plan } = run(query, filters);
    return { hits: toHits(rows, filters), plan };
  };
  return {
    search: (query, filters) => searchWithPlan(query, filters).hits,
    searchWithPlan,
    warm: () => {
      priors.refresh();
    },
  };
}

/**
 * Step 4 of the plan. A paper below the threshold with prior `q` reaches the page only if its
 * relevance exceeds `cutoff / q` (`cutoff` = the score at the bottom of the page). Taking the
 * ranked candidates' relevance (`sample`: those above the threshold, extras left out as they are
 * ranked anyway) as a sample of all matches', the expected number of such papers is
 * the sum over the priors below the threshold of `share × P(relevance > cutoff / q)`. When that
 * reaches 1, returns a lower threshold (covering up to `maxMore` more papers), else null.
 */
function widenedThreshold(
  rows: CandidateRow[],
  sample: CandidateRow[],
  need: number,
  threshold: number,
  share: number,
  maxMore: number,
  priorsBelow: () => Iterable<number>,
): number | null {
  if (sample.length === 0 || rows.length < need) return null;
  const cutoff = rows.map((r) => r.rel * r.prior).sort((a, b) => b - a)[need - 1] as number;
  const rels = Float64Array.from(sample, (r) => r.rel).sort();
  const above = (x: number): number => {
    let lo = 0;
    let hi = rels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((rels[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return (rels.length - lo) / rels.length;
  };
  if (above(cutoff / threshold) === 0) return null; // nothing just under the cut could make it
  // Past 20 000 priors, look at every n-th one and count it n times.
  const stride = Math.max(1, Math.ceil(maxMore / 20_000));
  let expected = 0;
  let last: number | null = null;
  let seen = 0;
  for (const q of priorsBelow()) {
    if (seen >= maxMore) break; // leaving the loop also resets an SQLite iterator
    seen += 1;
    if (seen % stride !== 0) continue;
    const chance = above(cutoff / q);
    if (chance === 0) break;
    expected += stride * share * chance;
    last = q;
  }
  return expected >= 1 ? last : null;
}

/** The priors below `threshold` in a descending array, in order. */
function* priorsBelow(sorted: Float64Array, threshold: number): Generator<number> {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) >= threshold) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length; i += 1) yield sorted[i] as number;
}

function first<T>(items: IterableIterator<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}

function usesPrefix(query: Query): boolean {
  return [...query.all.flat(), ...query.none].some((t) => t.kind === 'word' && t.prefix);
}

/** The most recent listing day within the filter range (the last one at all if none is). */
function dayWithin(listedOn: Day[], filters: SearchFilters): Day {
  const since = filters.since ?? FAR_PAST;
  const until = filters.until ?? FAR_FUTURE;
  return listedOn.filter((d) => d >= since && d <= until).at(-1) ?? listedOn.at(-1) ?? '';
}
