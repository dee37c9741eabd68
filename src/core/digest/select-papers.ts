import type { Paper } from '../paper.js';
import { type DocIndex, indexDocs, matchingDocs } from '../query/match-index.js';
import { type TokenizedDoc, tokenizeDoc } from '../query/match-query.js';
import { parseQuery } from '../query/parse-query.js';
import type { Query } from '../query/query.js';

/** A paper of the day, tokenised once for every channel's topics. */
export interface Candidate {
  paper: Paper;
  doc: TokenizedDoc;
}

/** A channel topic ready to match. */
export interface CompiledTopic {
  label: string;
  query: Query;
}

/** Why a listed paper is or is not in a channel's digest. */
export type Decision =
  | { kind: 'included'; rank: number; matchedTopics: string[] }
  | { kind: 'no_topic_match' }
  | { kind: 'below_min_upvotes'; upvotes: number; minUpvotes: number }
  | { kind: 'already_posted' }
  | { kind: 'beyond_top'; rank: number; top: number };

export interface Selection {
  included: Array<{ paper: Paper; matchedTopics: string[] }>;
  /** Papers that matched the topics and min upvotes (before already-posted and top N). */
  eligible: number;
  listed: number;
}

export interface SelectionRules {
  everything: boolean;
  topics: CompiledTopic[];
  minUpvotes: number;
  top: number;
  alreadyPosted: ReadonlySet<string>;
}

/** Tokenises the day's papers once (title, abstract, AI summary, keywords, authors), by upvotes. */
export function prepareCandidates(papers: Paper[]): Candidate[] {
  return [...papers]
    .sort((a, b) => b.upvotes - a.upvotes || a.id.localeCompare(b.id))
    .map((paper) => ({
      paper,
      doc: tokenizeDoc([
        paper.title,
        paper.abstract,
        paper.aiSummary ?? '',
        paper.aiKeywords.join(' ; '),
        paper.authors.join(' ; '),
      ]),
    }));
}

/**
 * Which candidates each topic matches, computed once per (day's candidates, query) with an
 * inverted index, so 10 000 channels sharing topics cost one match per distinct topic, not one
 * per channel. Kept beside the candidate list and dropped with it.
 */
const matchMemo = new WeakMap<Candidate[], { index: DocIndex; byQuery: Map<Query, Uint8Array> }>();

function topicMatches(candidates: Candidate[], query: Query): Uint8Array {
  let memo = matchMemo.get(candidates);
  if (!memo) {
    memo = { index: indexDocs(candidates.map((c) => c.doc)), byQuery: new Map() };
    matchMemo.set(candidates, memo);
  }
  let hits = memo.byQuery.get(query);
  if (!hits) {
    hits = new Uint8Array(candidates.length);
    for (const i of matchingDocs(query, memo.index)) hits[i] = 1;
    memo.byQuery.set(query, hits);
  }
  return hits;
}

/** The labels of the topics candidate `i` matches. */
function matchedAt(i: number, topics: CompiledTopic[], hits: Uint8Array[]): string[] {
  const out: string[] = [];
  topics.forEach((t, k) => {
    if (hits[k]?.[i]) out.push(t.label);
  });
  return out;
}

/** Parses topics, sharing one parse per distinct text across many channels. Bad topics are dropped. */
export function createTopicCompiler(): (queries: string[]) => CompiledTopic[] {
  const cache = new Map<string, Query | null>();
  return (queries) =>
    queries.flatMap((label) => {
      if (!cache.has(label)) {
        const parsed = parseQuery(label);
        cache.set(label, parsed.ok ? parsed.query : null);
      }
      const query = cache.get(label);
      return query ? [{ label, query }] : [];
    });
}

/** Decides one paper given the topics it matched. */
function decide(c: Candidate, matched: string[], rules: SelectionRules): Decision | 'eligible' {
  if (!rules.everything && matched.length === 0) return { kind: 'no_topic_match' };
  if (c.paper.upvotes < rules.minUpvotes) {
    return { kind: 'below_min_upvotes', upvotes: c.paper.upvotes, minUpvotes: rules.minUpvotes };
  }
  if (rules.alreadyPosted.has(c.paper.id)) return { kind: 'already_posted' };
  return 'eligible';
}

/**
 * Picks a channel's digest from the day's candidates: matching any topic (or all with
 * `everything`), at least min upvotes, not already posted here, by upvotes, top N.
 */
export function selectPapers(candidates: Candidate[], rules: SelectionRules): Selection {
  const included: Selection['included'] = [];
  const hits = rules.topics.map((t) => topicMatches(candidates, t.query));
  let eligible = 0;
  // Hot loop (10 000 channels × a day's papers per tick): no allocation until a paper is taken.
  for (let i = 0; i < candidates.length; i += 1) {
    if (!rules.everything && !hits.some((h) => h[i] === 1)) continue;
    const paper = (candidates[i] as Candidate).paper;
    if (paper.upvotes < rules.minUpvotes) continue;
    eligible += 1;
    if (included.length >= rules.top || rules.alreadyPosted.has(paper.id)) continue;
    included.push({ paper, matchedTopics: matchedAt(i, rules.topics, hits) });
  }
  return { included, eligible, listed: candidates.length };
}

/** The decision for one paper of the day, for `/papers why`. Null when it was not listed. */
export function explainPaper(
  candidates: Candidate[],
  paperId: string,
  rules: SelectionRules,
): Decision | null {
  const hits = rules.topics.map((t) => topicMatches(candidates, t.query));
  let rank = 0;
  for (const [i, c] of candidates.entries()) {
    const matchedTopics = matchedAt(i, rules.topics, hits);
    const d = decide(c, matchedTopics, rules);
    if (d === 'eligible') rank += 1;
    if (c.paper.id !== paperId) continue;
    if (d !== 'eligible') return d;
    if (rank > rules.top) return { kind: 'beyond_top', rank, top: rules.top };
    return { kind: 'included', rank, matchedTopics };
  }
  return null;
}
