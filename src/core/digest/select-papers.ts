import type { Paper } from '../paper.js';
import { type TokenizedDoc, matchesQuery, tokenizeDoc } from '../query/match-query.js';
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

/** Decides one paper; `rank` is its place among eligible papers not yet posted. */
function decide(c: Candidate, rules: SelectionRules): Decision | 'eligible' {
  const matched = rules.topics.filter((t) => matchesQuery(t.query, c.doc)).map((t) => t.label);
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
  let eligible = 0;
  for (const c of candidates) {
    const matchedTopics = rules.topics
      .filter((t) => matchesQuery(t.query, c.doc))
      .map((t) => t.label);
    if (!rules.everything && matchedTopics.length === 0) continue;
    if (c.paper.upvotes < rules.minUpvotes) continue;
    eligible += 1;
    if (rules.alreadyPosted.has(c.paper.id)) continue;
    if (included.length < rules.top) included.push({ paper: c.paper, matchedTopics });
  }
  return { included, eligible, listed: candidates.length };
}

/** The decision for one paper of the day, for `/papers why`. Null when it was not listed. */
export function explainPaper(
  candidates: Candidate[],
  paperId: string,
  rules: SelectionRules,
): Decision | null {
  let rank = 0;
  for (const c of candidates) {
    const d = decide(c, rules);
    if (d === 'eligible') rank += 1;
    if (c.paper.id !== paperId) continue;
    if (d !== 'eligible') return d;
    if (rank > rules.top) return { kind: 'beyond_top', rank, top: rules.top };
    const matchedTopics = rules.topics
      .filter((t) => matchesQuery(t.query, c.doc))
      .map((t) => t.label);
    return { kind: 'included', rank, matchedTopics };
  }
  return null;
}
