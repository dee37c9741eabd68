import { tokenizeText } from './fts5-tokenizer.js';
import type { Query, Term } from './query.js';

/**
 * Splits text into the tokens the papers index holds: FTS5 `unicode61 remove_diacritics 2`
 * (lower case, diacritics removed, split on anything that is not a letter or number).
 * "GPT-4o" → ["gpt", "4o"]; "C++" → ["c"]; "Müller" → ["muller"].
 */
export function tokenize(text: string): string[] {
  return tokenizeText(text);
}

/**
 * A document prepared for repeated matching: where each token occurs, and the distinct tokens
 * sorted (for prefixes). Positions of different fields never touch, so a phrase never spans two
 * fields, exactly as in FTS5 where a phrase lies within one column.
 */
export interface TokenizedDoc {
  /** Token → its positions, ascending. A prototype-less object: faster to probe than a Map. */
  readonly positions: Readonly<Record<string, readonly number[] | undefined>>;
  readonly sortedTokens: readonly string[];
}

/** Tokenizes each field once (title, abstract, ...); see `paperSearchFields` for papers. */
export function tokenizeDoc(fields: readonly string[]): TokenizedDoc {
  const positions: Record<string, number[] | undefined> = Object.create(null) as Record<
    string,
    number[] | undefined
  >;
  let pos = 0;
  for (const field of fields) {
    for (const token of tokenizeText(field)) {
      const list = positions[token];
      if (list) list.push(pos);
      else positions[token] = [pos];
      pos += 1;
    }
    pos += 1; // a gap between fields
  }
  const sortedTokens = Object.keys(positions).sort();
  return { positions, sortedTokens };
}

/**
 * The texts of a paper in the order and form the FTS5 index stores them (title, abstract,
 * AI summary, keywords and authors joined with " ; "), for `tokenizeDoc`.
 */
export function paperSearchFields(paper: {
  title: string;
  abstract: string;
  aiSummary?: string | null | undefined;
  aiKeywords?: readonly string[] | null | undefined;
  authors: readonly string[];
}): string[] {
  return [
    paper.title,
    paper.abstract,
    paper.aiSummary ?? '',
    (paper.aiKeywords ?? []).join(' ; '),
    paper.authors.join(' ; '),
  ];
}

/**
 * True when the document matches the query with FTS5's semantics: every group has a matching
 * term, no excluded term matches; a word matches an equal token (a prefix word any token starting
 * with it), a phrase matches its tokens at consecutive positions within one field.
 */
export function matchesQuery(query: Query, doc: TokenizedDoc): boolean {
  const all = query.all;
  for (let g = 0; g < all.length; g += 1) {
    const group = all[g] as Term[];
    let any = false;
    for (let i = 0; i < group.length && !any; i += 1) any = termMatches(group[i] as Term, doc);
    if (!any) return false;
  }
  const none = query.none;
  for (let i = 0; i < none.length; i += 1) if (termMatches(none[i] as Term, doc)) return false;
  return true;
}

/** Whether one word or phrase occurs in the document (FTS5 semantics, see `matchesQuery`). */
export function termMatches(term: Term, doc: TokenizedDoc): boolean {
  if (term.kind === 'word') {
    return term.prefix
      ? hasPrefix(doc.sortedTokens, term.text)
      : doc.positions[term.text] !== undefined;
  }
  const words = term.words;
  const first = doc.positions[words[0] as string];
  if (first === undefined) return false;
  const rest: (readonly number[])[] = [];
  for (let k = 1; k < words.length; k += 1) {
    const list = doc.positions[words[k] as string];
    if (list === undefined) return false;
    rest.push(list);
  }
  for (let i = 0; i < first.length; i += 1) {
    const p = first[i] as number;
    let k = 0;
    while (k < rest.length && includesSorted(rest[k] as readonly number[], p + k + 1)) k += 1;
    if (k === rest.length) return true;
  }
  return false;
}

/** True when some token of the sorted list starts with `prefix`. */
export function hasPrefix(sortedTokens: readonly string[], prefix: string): boolean {
  let lo = 0;
  let hi = sortedTokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sortedTokens[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < sortedTokens.length && (sortedTokens[lo] as string).startsWith(prefix);
}

function includesSorted(list: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid] as number;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
