import { tokenize } from '../src/core/query/match-query.js';
import type { Vocabulary } from './corpus.js';

export type QueryClass = 'rare' | 'common' | 'phrase' | 'or' | 'exclude' | 'prefix' | 'filtered';

export interface BenchQuery {
  cls: QueryClass;
  text: string;
  /** Filters beyond the page (the `filtered` class). */
  since?: string;
  minUpvotes?: number;
}

/** Plain lower-case words only, so each query word is one FTS5 token. */
const plain = (w: string | undefined): w is string => w !== undefined && /^[a-z]{3,}$/i.test(w);

/**
 * A fixed query mix drawn from the vocabulary's frequency ranks: rare words (invented names,
 * seed words seen once), common words that match most papers (and pairs of them), real phrases
 * (the most frequent word pairs of the seed abstracts), OR, exclusions, prefixes, and common
 * words under date and upvote filters.
 */
export function buildQueryMix(vocab: Vocabulary, lastDay: string): BenchQuery[] {
  const words = vocab.words;
  const STOP = new Set([
    'the',
    'and',
    'for',
    'that',
    'with',
    'this',
    'from',
    'are',
    'our',
    'which',
  ]);
  const content = words
    .slice(0, vocab.seedWords)
    .filter((w) => plain(w) && !STOP.has(w.toLowerCase()));
  const common = content.slice(0, 12);
  const mid = content.slice(60, 400).filter((_, i) => i % 17 === 0);
  const rareSeed = content.slice(-600).filter((_, i) => i % 60 === 0);
  const invented = words.slice(vocab.seedWords).filter((_, i) => i % 4001 === 0);
  const pairs = new Map<string, number>();
  for (const [w, next] of vocab.successors) {
    if (!plain(w) || STOP.has(w.toLowerCase())) continue;
    for (const n of next) {
      if (plain(n) && !STOP.has(n.toLowerCase())) {
        const key = `${w.toLowerCase()} ${n.toLowerCase()}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const bigrams = [...pairs.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const phrases = [
    ...bigrams.slice(0, 6),
    ...bigrams.slice(100, 400).filter((_, i) => i % 75 === 0),
  ];
  const at = <T>(list: T[], i: number): T => list[i % list.length] as T;
  const stem = (w: string): string => (tokenize(w)[0] ?? w).slice(0, Math.max(3, w.length - 3));

  const mix: BenchQuery[] = [];
  for (const w of [...rareSeed, ...invented]) mix.push({ cls: 'rare', text: w });
  for (const w of common) mix.push({ cls: 'common', text: w });
  for (let i = 0; i < 4; i += 1)
    mix.push({ cls: 'common', text: `${at(common, i)} ${at(common, i + 5)}` });
  for (const [p] of phrases) mix.push({ cls: 'phrase', text: `"${p}"` });
  for (let i = 0; i < 8; i += 1) {
    const pair = i % 2 === 0 ? [at(mid, i), at(mid, i + 3)] : [at(common, i), at(rareSeed, i)];
    mix.push({ cls: 'or', text: `${pair[0]} OR ${pair[1]}` });
  }
  for (let i = 0; i < 8; i += 1) {
    const base = i % 2 === 0 ? at(common, i) : at(mid, i);
    mix.push({ cls: 'exclude', text: `${base} -${at(common, i + 3)}` });
  }
  for (let i = 0; i < 8; i += 1) {
    const w = i % 2 === 0 ? at(common, i) : at(mid, i);
    mix.push({ cls: 'prefix', text: `${stem(w)}*` });
  }
  const monthAgo = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 30 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  for (let i = 0; i < 6; i += 1) {
    mix.push({ cls: 'filtered', text: at(common, i), since: monthAgo });
    mix.push({ cls: 'filtered', text: at(common, i + 6), minUpvotes: 20 });
  }
  return mix;
}
