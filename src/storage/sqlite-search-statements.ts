import type { Db } from './db.js';
import { PRIOR_SQL, PRIOR_TABLE, RELEVANCE_SQL } from './sqlite-search-prior.js';

/** Named parameters shared by the search statements. */
export interface SearchParams {
  expr: string;
  minUpvotes: number;
  since: string;
  until: string;
  limit: number;
  offset: number;
}

export interface ScoredRow {
  pk: number;
  score: number;
}

export interface CandidateRow {
  pk: number;
  rel: number;
  prior: number;
}

/**
 * The search SQL, prepared on first use. `dated` variants add the listing-day filter as
 * `+rowid IN (listings in range)`: the unary plus keeps SQLite from handing it to FTS5 as
 * `rowid = ?`, which would re-run the MATCH (and BM25's IDF pass over the whole index) once per
 * listed paper; this way the subquery is built once and probed per match.
 */
export function createSearchStatements(db: Db) {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = (key: string, sql: () => string): ReturnType<Db['prepare']> => {
    let stmt = cache.get(key);
    if (!stmt) {
      stmt = db.prepare(sql());
      cache.set(key, stmt);
    }
    return stmt;
  };
  const inRange = (column: string): string =>
    `+${column} IN (SELECT paper_pk FROM listings WHERE day BETWEEN @since AND @until)`;
  const dates = (dated: boolean, column: string): string => (dated ? `AND ${inRange(column)}` : '');

  return {
    /** Every match ranked, one page (joins the narrow prior table). */
    allMatches: (dated: boolean, p: SearchParams): ScoredRow[] =>
      prepared(
        `all:${dated}`,
        () => `
        SELECT f.rowid AS pk, ${RELEVANCE_SQL} * sp.prior AS score
        FROM papers_fts f CROSS JOIN ${PRIOR_TABLE} sp ON sp.pk = f.rowid
        WHERE papers_fts MATCH @expr AND sp.upvotes >= @minUpvotes ${dates(dated, 'f.rowid')}
        ORDER BY score DESC, pk DESC LIMIT @limit OFFSET @offset`,
      ).all(p) as ScoredRow[],

    /**
     * Matches with a prior ≥ @threshold, or listed in @extra (JSON array of pks), unranked.
     * `few` (fewer qualifying papers than matches): test the threshold with an IN over the
     * qualifying pks, a small Bloom-filtered in-memory index, and look up only the survivors;
     * else look every match up in the prior table.
     */
    candidates: (
      dated: boolean,
      few: boolean,
      p: SearchParams & { threshold: number; extra: string },
    ): CandidateRow[] =>
      prepared(
        `candidates:${dated}:${few}`,
        () => `
        SELECT f.rowid AS pk, ${RELEVANCE_SQL} AS rel, sp.prior AS prior
        FROM papers_fts f CROSS JOIN ${PRIOR_TABLE} sp ON sp.pk = f.rowid
        WHERE papers_fts MATCH @expr ${dates(dated, 'f.rowid')} AND sp.upvotes >= @minUpvotes
          AND (${
            few
              ? `+f.rowid IN (SELECT pk FROM ${PRIOR_TABLE} WHERE prior >= @threshold AND upvotes >= @minUpvotes)`
              : 'sp.prior >= @threshold'
          } OR +f.rowid IN (SELECT value FROM json_each(@extra)))`,
      ).all(p) as CandidateRow[],

    /** The oracle: every match, the prior computed from `papers` itself (no cache involved). */
    exact: (dated: boolean, p: SearchParams & { ref: string | null }): ScoredRow[] =>
      prepared(
        `exact:${dated}`,
        () => `
        SELECT f.rowid AS pk, ${RELEVANCE_SQL} * ${PRIOR_SQL} AS score
        FROM papers_fts f CROSS JOIN papers p ON p.pk = f.rowid
        WHERE papers_fts MATCH @expr AND p.upvotes >= @minUpvotes ${dates(dated, 'f.rowid')}
        ORDER BY score DESC, pk DESC LIMIT @limit OFFSET @offset`,
      ).all(p) as ScoredRow[],

    /** Priors of eligible papers below @below, best first, from rank @skip on, lazily. */
    priors: (
      dated: boolean,
      p: SearchParams & { below: number; skip: number },
    ): IterableIterator<number> =>
      prepared(
        `priors:${dated}`,
        () => `
        SELECT prior FROM ${PRIOR_TABLE} sp
        WHERE sp.prior < @below AND sp.upvotes >= @minUpvotes ${dates(dated, 'sp.pk')}
        ORDER BY sp.prior DESC LIMIT -1 OFFSET @skip`,
      )
        .pluck()
        .iterate(p) as IterableIterator<number>,

    /** How many matches among the newest papers (up to @n), and the oldest rowid counted. */
    window: (expr: string, n: number): { n: number; lo: number | null } =>
      prepared(
        'window',
        () => `
        SELECT count(*) AS n, min(rowid) AS lo FROM (
          SELECT rowid FROM papers_fts WHERE papers_fts MATCH @expr ORDER BY rowid DESC LIMIT @n)`,
      ).get({
        expr,
        n,
      }) as { n: number; lo: number | null },

    /** Listings in the range (≈ papers listed then; re-listings are rare). */
    listedInRange: (since: string, until: string): number =>
      prepared('listed', () => 'SELECT count(*) FROM listings WHERE day BETWEEN ? AND ?')
        .pluck()
        .get(since, until) as number,
  };
}

export type SearchStatements = ReturnType<typeof createSearchStatements>;
