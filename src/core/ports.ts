import type { Day } from './day.js';
import type { Paper, SourcePaper } from './paper.js';
import type { Query } from './query/query.js';

/** An item the source sent that failed validation: skipped, logged, counted. */
export interface SkippedItem {
  /** The paper id when one could be read, else null. */
  id: string | null;
  reason: string;
}

/** What fetching one day yields. Expected failures are values, not exceptions. */
export type DayFetch =
  | { status: 'ok'; day: Day; papers: SourcePaper[]; skipped: SkippedItem[] }
  | { status: 'failed'; day: Day; code: string; reason: string };

/** Port: where papers come from (Hugging Face Daily Papers first). */
export interface PaperSource {
  readonly name: string;
  /** Fetches every paper listed on `day`, all pages. Never throws for network or HTTP faults. */
  fetchDay(day: Day, signal?: AbortSignal): Promise<DayFetch>;
}

export type IngestStatus = 'ok' | 'empty' | 'failed';

export interface IngestCounts {
  fetched: number;
  new: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** One recorded ingest of one day. */
export interface IngestRun {
  id: number;
  day: Day;
  status: IngestStatus;
  startedAt: string;
  finishedAt: string;
  counts: IngestCounts;
  errorCode: string | null;
  reason: string | null;
}

export interface SaveDayInput {
  day: Day;
  papers: SourcePaper[];
  skipped: number;
  startedAt: Date;
  finishedAt: Date;
}

export interface FailedRunInput {
  day: Day;
  code: string;
  reason: string;
  startedAt: Date;
  finishedAt: Date;
}

export interface DayPaper {
  paper: Paper;
  day: Day;
}

/** Port: the paper store. Synchronous (SQLite); every write is one transaction. */
export interface PaperStore {
  /**
   * Stores a fetched day in one transaction: upserts its papers (absent optional fields keep the
   * stored value), records the listings and an `ok` run (or `empty` when there were no papers).
   */
  saveDay(input: SaveDayInput): IngestRun;
  /** Records a failed run. Touches no paper: good data already stored stays. */
  recordFailedRun(input: FailedRunInput): IngestRun;
  /** The most recent run of any day, or null before the first ingest. */
  lastRun(): IngestRun | null;
  /** The most recent run of `day`. */
  lastRunForDay(day: Day): IngestRun | null;
  /** Days on or after `since` whose most recent run failed, oldest first. */
  failedDaysSince(since: Day): Day[];
  getPaper(id: string): Paper | null;
  /** Papers listed on days `from`..`to` (inclusive), by upvotes descending. */
  topPapers(options: { from: Day; to: Day; limit: number; minUpvotes?: number }): DayPaper[];
  /** How many papers were listed on `day`. */
  countListed(day: Day): number;
  /** How many papers are stored. */
  countPapers(): number;
  /** The most recent day on or before `day` with at least one listed paper. */
  latestListedDay(onOrBefore: Day): Day | null;
}

export interface SearchFilters {
  since?: Day;
  until?: Day;
  minUpvotes?: number;
  limit: number;
  offset?: number;
}

export interface SearchHit {
  paper: Paper;
  /** The most recent day the paper was listed on. */
  day: Day;
  /** The blended score (higher is better); see the README's ranking formula. */
  score: number;
}

/** Port: ranked full-text search over the stored papers. */
export interface PaperSearch {
  search(query: Query, filters: SearchFilters): SearchHit[];
}
