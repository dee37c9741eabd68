import type { Query, Term } from '../core/query/query.js';
import { toFts5 } from '../core/query/to-fts5.js';
import type { Db } from './db.js';

/**
 * Matches that the bounded plan ranks whatever their prior: the rare branches of an OR. In
 * `a OR b` with `b` much rarer, a paper with `b` has a far higher BM25 (IDF) than one with only
 * `a`, so a popularity/recency cut made for `a` would drop most of them. For each OR group
 * that has both common and rare alternatives (at most `max` matches alone), these are the
 * matches of the query with the group cut down to its rare alternatives, when at most `max`.
 *
 * Prefix queries are skipped: FTS5 would expand the prefix again for each look-up, at the cost
 * of a whole search.
 */
export function createExtraCandidates(db: Db, max: number): (query: Query) => number[] {
  const newest = db
    .prepare<{ expr: string; n: number }, number>(
      'SELECT rowid FROM papers_fts WHERE papers_fts MATCH @expr ORDER BY rowid DESC LIMIT @n',
    )
    .pluck();
  /** The matching pks when there are at most `max`, else null. */
  const few = (expr: string): number[] | null => {
    const pks = newest.all({ expr, n: max + 1 });
    return pks.length <= max ? pks : null;
  };
  const group = (terms: Term[]): string => toFts5({ all: [terms], none: [] });

  return (query) => {
    if ([...query.all.flat(), ...query.none].some((t) => t.kind === 'word' && t.prefix)) return [];
    const out = new Set<number>();
    query.all.forEach((alternatives, g) => {
      if (alternatives.length < 2) return;
      const rare = alternatives.filter((t) => few(group([t])) !== null);
      if (rare.length === 0 || rare.length === alternatives.length) return;
      const narrowed = toFts5({
        all: query.all.map((x, i) => (i === g ? rare : x)),
        none: query.none,
      });
      for (const pk of few(narrowed) ?? []) out.add(pk);
    });
    return [...out];
  };
}
