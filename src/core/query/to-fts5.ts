import { AppError } from '../../shared/errors.js';
import type { Query, Term } from './query.js';

/**
 * Compiles a query to an FTS5 MATCH expression. Every token is a double-quoted string, so no
 * user text can be read as FTS5 syntax (`AND`, `NEAR`, `:`, `^`, `*`, column names) and the
 * expression always parses:
 *
 *   { all: [[gpt 4o], [diffusion, flow*]], none: [survey] }
 *   → ("gpt" + "4o") AND ("diffusion" OR "flow" *) NOT ("survey")
 *
 * Groups are joined with AND, a group's terms with OR, and the excluded terms go into a single
 * trailing `NOT (… OR …)` (FTS5's NOT is binary: "left side and not right side").
 * A word is `"tok"`, a prefix word `"tok" *`, a phrase `"a" + "b"` (consecutive tokens).
 */
export function toFts5(query: Query): string {
  if (query.all.length === 0 || query.all.some((g) => g.length === 0)) {
    throw new AppError('query.invalid', 'A query needs at least one term in every group');
  }
  const positive = query.all.map(group).join(' AND ');
  if (query.none.length === 0) return positive;
  return `(${positive}) NOT (${query.none.map(term).join(' OR ')})`;
}

function group(terms: Term[]): string {
  return terms.length === 1 ? `(${term(terms[0] as Term)})` : `(${terms.map(term).join(' OR ')})`;
}

function term(t: Term): string {
  if (t.kind === 'word') return t.prefix ? `${quote(t.text)} *` : quote(t.text);
  return t.words.map(quote).join(' + ');
}

/** An FTS5 string: double quotes inside are doubled (tokens never hold one, but be safe). */
function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}
