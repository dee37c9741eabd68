import type { Day } from '../core/day.js';
import type { SourcePaper } from '../core/paper.js';
import type {
  DayPaper,
  FailedRunInput,
  IngestCounts,
  IngestRun,
  IngestStatus,
  PaperStore,
  SaveDayInput,
} from '../core/ports.js';
import type { Db } from './db.js';
import {
  PAPER_COLUMNS,
  type PaperRow,
  type RunRow,
  rowToPaper,
  rowToRun,
} from './sqlite-paper-rows.js';

/** Binds a SourcePaper; absent optional fields bind NULL, which the upsert reads as "keep". */
function paperParams(p: SourcePaper, day: Day, now: string): Record<string, unknown> {
  return {
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    authors_json: JSON.stringify(p.authors),
    published_at: p.publishedAt ?? null,
    upvotes: p.upvotes,
    num_comments: p.numComments,
    ai_summary: p.aiSummary ?? null,
    ai_keywords_json: p.aiKeywords ? JSON.stringify(p.aiKeywords) : null,
    github_repo: p.githubRepo ?? null,
    github_stars: p.githubStars ?? null,
    project_page: p.projectPage ?? null,
    organization: p.organization ?? null,
    thumbnail: p.thumbnail ?? null,
    day,
    raw_json: p.raw,
    now,
  };
}

/** The indexed columns of a stored paper. */
interface IndexedRow {
  pk: number;
  title: string;
  abstract: string;
  ai_summary: string | null;
  ai_keywords_json: string | null;
  authors_json: string;
}

/** The text of the five FTS columns. */
interface IndexedText {
  title: string;
  abstract: string;
  aiSummary: string;
  keywords: string;
  authors: string;
}

/**
 * The FTS text of a paper after an upsert: the incoming paper's fields, where an absent optional
 * field keeps the stored one (the same rule as the upsert), or the stored row alone.
 */
function indexedText(paper: SourcePaper | null, stored: IndexedRow | null): IndexedText {
  const storedKeywords = stored?.ai_keywords_json
    ? (JSON.parse(stored.ai_keywords_json) as string[])
    : [];
  const storedAuthors = stored ? (JSON.parse(stored.authors_json) as string[]) : [];
  return {
    title: paper?.title ?? stored?.title ?? '',
    abstract: paper?.abstract ?? stored?.abstract ?? '',
    aiSummary: paper?.aiSummary ?? stored?.ai_summary ?? '',
    keywords: (paper?.aiKeywords ?? storedKeywords).join(' ; '),
    authors: (paper?.authors ?? storedAuthors).join(' ; '),
  };
}

const sameText = (a: IndexedText, b: IndexedText): boolean =>
  a.title === b.title &&
  a.abstract === b.abstract &&
  a.aiSummary === b.aiSummary &&
  a.keywords === b.keywords &&
  a.authors === b.authors;

/**
 * The SQLite paper store. Statements are prepared once; each write is one transaction, so a
 * crash mid-day leaves the previous state whole.
 */
export function createSqlitePaperStore(db: Db): PaperStore {
  const findIndexed = db.prepare<[string], IndexedRow>(
    'SELECT pk, title, abstract, ai_summary, ai_keywords_json, authors_json FROM papers WHERE id = ?',
  );
  // The WHERE on DO UPDATE makes an unchanged paper a no-op (changes = 0), which is how
  // "updated" and "unchanged" are told apart, and keeps the FTS triggers quiet on re-fetches.
  const upsert = db.prepare(`
    INSERT INTO papers (id, title, abstract, authors_json, published_at, upvotes, num_comments,
      ai_summary, ai_keywords_json, github_repo, github_stars, project_page, organization,
      thumbnail, last_listed_day, raw_json, created_at, updated_at)
    VALUES (@id, @title, @abstract, @authors_json, @published_at, @upvotes, @num_comments,
      @ai_summary, @ai_keywords_json, @github_repo, @github_stars, @project_page, @organization,
      @thumbnail, @day, @raw_json, @now, @now)
    ON CONFLICT (id) DO UPDATE SET
      title = excluded.title,
      abstract = excluded.abstract,
      authors_json = excluded.authors_json,
      published_at = coalesce(excluded.published_at, published_at),
      upvotes = excluded.upvotes,
      num_comments = excluded.num_comments,
      ai_summary = coalesce(excluded.ai_summary, ai_summary),
      ai_keywords_json = coalesce(excluded.ai_keywords_json, ai_keywords_json),
      github_repo = coalesce(excluded.github_repo, github_repo),
      github_stars = coalesce(excluded.github_stars, github_stars),
      project_page = coalesce(excluded.project_page, project_page),
      organization = coalesce(excluded.organization, organization),
      thumbnail = coalesce(excluded.thumbnail, thumbnail),
      last_listed_day = max(last_listed_day, excluded.last_listed_day),
      raw_json = excluded.raw_json,
      updated_at = excluded.updated_at
    WHERE title IS NOT excluded.title
      OR abstract IS NOT excluded.abstract
      OR authors_json IS NOT excluded.authors_json
      OR published_at IS NOT coalesce(excluded.published_at, published_at)
      OR upvotes IS NOT excluded.upvotes
      OR num_comments IS NOT excluded.num_comments
      OR ai_summary IS NOT coalesce(excluded.ai_summary, ai_summary)
      OR ai_keywords_json IS NOT coalesce(excluded.ai_keywords_json, ai_keywords_json)
      OR github_repo IS NOT coalesce(excluded.github_repo, github_repo)
      OR github_stars IS NOT coalesce(excluded.github_stars, github_stars)
      OR project_page IS NOT coalesce(excluded.project_page, project_page)
      OR organization IS NOT coalesce(excluded.organization, organization)
      OR thumbnail IS NOT coalesce(excluded.thumbnail, thumbnail)
      OR last_listed_day < excluded.last_listed_day`);
  // The full-text index is kept here, in the day's transaction; see migration 001 for why.
  const ftsInsert = db.prepare(`
    INSERT INTO papers_fts (rowid, title, abstract, ai_summary, keywords, authors)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const ftsDelete = db.prepare('DELETE FROM papers_fts WHERE rowid = ?');
  const index = (pk: number | bigint, text: IndexedText): void => {
    ftsInsert.run(pk, text.title, text.abstract, text.aiSummary, text.keywords, text.authors);
  };
  const upsertListing = db.prepare(`
    INSERT INTO listings (day, paper_pk, position, first_seen_at)
    VALUES (?, (SELECT pk FROM papers WHERE id = ?), ?, ?)
    ON CONFLICT (day, paper_pk) DO UPDATE SET position = excluded.position
    WHERE position IS NOT excluded.position`);
  const insertRun = db.prepare(`
    INSERT INTO ingest_runs (day, status, started_at, finished_at, fetched, new_count,
      updated_count, unchanged_count, skipped_count, error_code, reason)
    VALUES (@day, @status, @started_at, @finished_at, @fetched, @new, @updated, @unchanged,
      @skipped, @error_code, @reason)`);
  const runById = db.prepare<[number | bigint], RunRow>('SELECT * FROM ingest_runs WHERE id = ?');
  const lastRun = db.prepare<[], RunRow>('SELECT * FROM ingest_runs ORDER BY id DESC LIMIT 1');
  const lastRunForDay = db.prepare<[string], RunRow>(
    'SELECT * FROM ingest_runs WHERE day = ? ORDER BY id DESC LIMIT 1',
  );
  const failedDays = db.prepare<[string], { day: string }>(`
    SELECT r.day FROM ingest_runs r
    WHERE r.day >= ? AND r.id = (SELECT max(id) FROM ingest_runs x WHERE x.day = r.day)
      AND r.status = 'failed'
    ORDER BY r.day`);
  const getPaper = db.prepare<[string], PaperRow>(
    `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id = ?`,
  );
  const topPapers = db.prepare<[string, string, number, number], PaperRow & { day: string }>(`
    SELECT ${PAPER_COLUMNS}, x.day AS day FROM (
      SELECT l.paper_pk, max(l.day) AS day FROM listings l
      WHERE l.day BETWEEN ? AND ? GROUP BY l.paper_pk
    ) x JOIN papers p ON p.pk = x.paper_pk
    WHERE p.upvotes >= ?
    ORDER BY p.upvotes DESC, x.day DESC, p.id
    LIMIT ?`);
  const countListed = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM listings WHERE day = ?',
  );
  const countPapers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM papers');
  const latestListedDay = db.prepare<[string], { day: string | null }>(
    'SELECT max(day) AS day FROM listings WHERE day <= ?',
  );

  const writeRun = (run: {
    day: Day;
    status: IngestStatus;
    startedAt: Date;
    finishedAt: Date;
    counts: IngestCounts;
    errorCode: string | null;
    reason: string | null;
  }): IngestRun => {
    const info = insertRun.run({
      day: run.day,
      status: run.status,
      started_at: run.startedAt.toISOString(),
      finished_at: run.finishedAt.toISOString(),
      ...run.counts,
      error_code: run.errorCode,
      reason: run.reason,
    });
    return rowToRun(runById.get(info.lastInsertRowid) as RunRow);
  };

  const saveDay = db.transaction((input: SaveDayInput): IngestRun => {
    const now = input.finishedAt.toISOString();
    const counts: IngestCounts = {
      fetched: input.papers.length,
      new: 0,
      updated: 0,
      unchanged: 0,
      skipped: input.skipped,
    };
    input.papers.forEach((paper, position) => {
      const stored = findIndexed.get(paper.id);
      const info = upsert.run(paperParams(paper, input.day, now));
      if (!stored) {
        counts.new += 1;
        index(info.lastInsertRowid, indexedText(paper, null));
      } else if (info.changes > 0) {
        counts.updated += 1;
        const after = indexedText(paper, stored);
        if (!sameText(indexedText(null, stored), after)) {
          ftsDelete.run(stored.pk);
          index(stored.pk, after);
        }
      } else counts.unchanged += 1;
      upsertListing.run(input.day, paper.id, position, now);
    });
    return writeRun({
      day: input.day,
      status: input.papers.length === 0 ? 'empty' : 'ok',
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      counts,
      errorCode: null,
      reason: null,
    });
  });

  return {
    saveDay: (input) => saveDay(input),
    recordFailedRun: (input: FailedRunInput) =>
      writeRun({
        day: input.day,
        status: 'failed',
        startedAt: input.startedAt,
        finishedAt: input.finishedAt,
        counts: { fetched: 0, new: 0, updated: 0, unchanged: 0, skipped: 0 },
        errorCode: input.code,
        reason: input.reason,
      }),
    lastRun: () => {
      const row = lastRun.get();
      return row ? rowToRun(row) : null;
    },
    lastRunForDay: (day) => {
      const row = lastRunForDay.get(day);
      return row ? rowToRun(row) : null;
    },
    failedDaysSince: (since) => failedDays.all(since).map((r) => r.day),
    getPaper: (id) => {
      const row = getPaper.get(id);
      return row ? rowToPaper(row) : null;
    },
    topPapers: ({ from, to, limit, minUpvotes = 0 }): DayPaper[] =>
      topPapers.all(from, to, minUpvotes, limit).map((row) => ({
        paper: rowToPaper(row),
        day: row.day,
      })),
    countListed: (day) => countListed.get(day)?.n ?? 0,
    countPapers: () => countPapers.get()?.n ?? 0,
    latestListedDay: (onOrBefore) => latestListedDay.get(onOrBefore)?.day ?? null,
  };
}
