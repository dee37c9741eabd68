import { indexDocs, matchingDocs } from '../src/core/query/match-index.js';
import { matchesQuery, paperSearchFields, tokenizeDoc } from '../src/core/query/match-query.js';
import { parseQuery } from '../src/core/query/parse-query.js';
import type { Query } from '../src/core/query/query.js';
import { createRng, generateCorpus, type Vocabulary } from './corpus.js';
import { LAST_DAY } from './ingest-search.js';

export interface TopicMatchResult {
  topics: number;
  papers: number;
  /** Tokenizing the day's papers once. */
  tokenizeMs: number;
  /** Every topic against every paper, one `matchesQuery` call per pair. */
  matchMs: number;
  /** The same with `indexDocs` once and `matchingDocs` per topic (building the index included). */
  indexMs: number;
  matches: number;
}

/**
 * Topic subscriptions are matched in memory against a day's papers: `topics` random queries
 * (one to three words, some phrases, OR, exclusions and prefixes) against `papers` papers.
 */
export function benchTopicMatch(
  vocab: Vocabulary,
  topics: number,
  papers: number,
): TopicMatchResult {
  const [day] = generateCorpus(vocab, {
    size: papers,
    papersPerDay: papers,
    lastDay: LAST_DAY,
    relistRate: 0,
    seed: 99,
  });
  const rng = createRng(42);
  const word = (): string => vocab.words[Math.floor(rng() ** 3 * vocab.words.length)] as string;
  const queries: Query[] = [];
  while (queries.length < topics) {
    const r = rng();
    const text =
      r < 0.4
        ? word()
        : r < 0.6
          ? `${word()} ${word()}`
          : r < 0.75
            ? `"${word()} ${word()}"`
            : r < 0.85
              ? `${word()} OR ${word()}`
              : r < 0.95
                ? `${word()} -${word()}`
                : `${word().slice(0, 4)}*`;
    const parsed = parseQuery(text);
    if (parsed.ok) queries.push(parsed.query);
  }
  const t0 = performance.now();
  const docs = (day?.papers ?? []).map((p) => tokenizeDoc(paperSearchFields(p)));
  const t1 = performance.now();
  let matches = 0;
  for (const q of queries) for (const d of docs) if (matchesQuery(q, d)) matches += 1;
  const t2 = performance.now();
  const index = indexDocs(docs);
  let indexed = 0;
  for (const q of queries) indexed += matchingDocs(q, index).length;
  const t3 = performance.now();
  if (indexed !== matches)
    throw new Error(`matchingDocs found ${indexed} matches, matchesQuery ${matches}`);
  return {
    topics,
    papers: docs.length,
    tokenizeMs: t1 - t0,
    matchMs: t2 - t1,
    indexMs: t3 - t2,
    matches,
  };
}
