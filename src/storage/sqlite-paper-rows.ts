import type { Paper } from '../core/paper.js';
import type { IngestRun, IngestStatus } from '../core/ports.js';

export interface PaperRow {
  pk: number;
  id: string;
  title: string;
  abstract: string;
  authors_json: string;
  published_at: string | null;
  upvotes: number;
  num_comments: number;
  ai_summary: string | null;
  ai_keywords_json: string | null;
  github_repo: string | null;
  github_stars: number | null;
  project_page: string | null;
  organization: string | null;
  thumbnail: string | null;
  listed_on: string | null;
}

export interface RunRow {
  id: number;
  day: string;
  status: IngestStatus;
  started_at: string;
  finished_at: string;
  fetched: number;
  new_count: number;
  updated_count: number;
  unchanged_count: number;
  skipped_count: number;
  error_code: string | null;
  reason: string | null;
}

/** SQL for the columns `rowToPaper` reads; `listed_on` is a comma-separated list of days. */
export const PAPER_COLUMNS = `p.pk, p.id, p.title, p.abstract, p.authors_json, p.published_at,
  p.upvotes, p.num_comments, p.ai_summary, p.ai_keywords_json, p.github_repo, p.github_stars,
  p.project_page, p.organization, p.thumbnail,
  (SELECT group_concat(day, ',') FROM (SELECT day FROM listings l WHERE l.paper_pk = p.pk ORDER BY day)) AS listed_on`;

/** Turns a row selected with PAPER_COLUMNS into the domain type. */
export function rowToPaper(row: PaperRow): Paper {
  return {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    authors: JSON.parse(row.authors_json) as string[],
    publishedAt: row.published_at,
    upvotes: row.upvotes,
    numComments: row.num_comments,
    aiSummary: row.ai_summary,
    aiKeywords: row.ai_keywords_json ? (JSON.parse(row.ai_keywords_json) as string[]) : [],
    githubRepo: row.github_repo,
    githubStars: row.github_stars,
    projectPage: row.project_page,
    organization: row.organization,
    thumbnail: row.thumbnail,
    listedOn: row.listed_on ? row.listed_on.split(',') : [],
  };
}

export function rowToRun(row: RunRow): IngestRun {
  return {
    id: row.id,
    day: row.day,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: {
      fetched: row.fetched,
      new: row.new_count,
      updated: row.updated_count,
      unchanged: row.unchanged_count,
      skipped: row.skipped_count,
    },
    errorCode: row.error_code,
    reason: row.reason,
  };
}
