import { termMatches, type TokenizedDoc } from './match-query.js';
import type { Query, Term } from './query.js';

/**
 * Many documents prepared for matching many queries at once (a day's papers against every topic
 * subscription): for each token, the set of documents holding it, as a bitset. A query then costs
 * a few lookups and bitwise operations over all documents together instead of one
 * `matchesQuery` per document; phrases are confirmed per candidate document with positions.
 */
export interface DocIndex {
  readonly docs: readonly TokenizedDoc[];
  readonly postings: ReadonlyMap<string, Uint32Array>;
  /** Every distinct token, sorted, for prefixes. */
  readonly sortedTokens: readonly string[];
}

/** Builds the index over `docs` (see `tokenizeDoc`); results refer to documents by position. */
export function indexDocs(docs: readonly TokenizedDoc[]): DocIndex {
  const words = Math.ceil(docs.length / 32);
  const postings = new Map<string, Uint32Array>();
  docs.forEach((doc, i) => {
    for (const token of doc.sortedTokens) {
      let set = postings.get(token);
      if (!set) {
        set = new Uint32Array(words);
        postings.set(token, set);
      }
      set[i >>> 5] = (set[i >>> 5] as number) | (1 << (i & 31));
    }
  });
  return { docs, postings, sortedTokens: [...postings.keys()].sort() };
}

/**
 * The positions (in `index.docs`, ascending) of the documents that match `query`; the same
 * answer as filtering with `matchesQuery`, and so the same as FTS5.
 */
export function matchingDocs(query: Query, index: DocIndex): number[] {
  const words = Math.ceil(index.docs.length / 32);
  const result = new Uint32Array(words).fill(0xffffffff);
  for (const group of query.all) {
    const any = new Uint32Array(words);
    for (const term of group) or(any, termDocs(term, index, words));
    and(result, any);
  }
  for (const term of query.none) andNot(result, termDocs(term, index, words));
  const out: number[] = [];
  for (let i = 0; i < index.docs.length; i += 1) {
    if (((result[i >>> 5] as number) >>> (i & 31)) & 1) out.push(i);
  }
  return out;
}

function termDocs(term: Term, index: DocIndex, words: number): Uint32Array {
  const empty = new Uint32Array(words);
  if (term.kind === 'word' && !term.prefix) return index.postings.get(term.text) ?? empty;
  if (term.kind === 'word') {
    const tokens = index.sortedTokens;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((tokens[mid] as string) < term.text) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && (tokens[i] as string).startsWith(term.text); i += 1) {
      or(empty, index.postings.get(tokens[i] as string) as Uint32Array);
    }
    return empty;
  }
  // A phrase: documents holding every word, then check the positions in each.
  const candidates = new Uint32Array(words).fill(0xffffffff);
  for (const word of term.words) and(candidates, index.postings.get(word) ?? empty);
  for (let w = 0; w < words; w += 1) {
    let bits = candidates[w] as number;
    while (bits !== 0) {
      const bit = bits & -bits;
      const doc = index.docs[w * 32 + 31 - Math.clz32(bit)] as TokenizedDoc;
      if (!termMatches(term, doc)) candidates[w] = (candidates[w] as number) & ~bit;
      bits &= ~bit;
    }
  }
  return candidates;
}

function or(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < into.length; i += 1) into[i] = (into[i] as number) | (from[i] as number);
}

function and(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < into.length; i += 1) into[i] = (into[i] as number) & (from[i] as number);
}

function andNot(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < into.length; i += 1) into[i] = (into[i] as number) & ~(from[i] as number);
}
