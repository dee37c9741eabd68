-- Papers, keyed by arXiv id. `pk` is a stable integer rowid for the FTS index.
CREATE TABLE papers (
  pk            INTEGER PRIMARY KEY,
  id            TEXT    NOT NULL UNIQUE,
  title         TEXT    NOT NULL,
  abstract      TEXT    NOT NULL,
  authors_json  TEXT    NOT NULL,          -- JSON array of names, author order
  published_at  TEXT,                      -- arXiv publication time; not the listing day
  upvotes       INTEGER NOT NULL DEFAULT 0,
  num_comments  INTEGER NOT NULL DEFAULT 0,
  ai_summary    TEXT,
  ai_keywords_json TEXT,                   -- JSON array
  github_repo   TEXT,
  github_stars  INTEGER,
  project_page  TEXT,
  organization  TEXT,
  thumbnail     TEXT,
  last_listed_day TEXT NOT NULL,           -- newest listing day (recency for ranking)
  raw_json      TEXT    NOT NULL,          -- the source item as sent, for re-parsing later
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);
CREATE INDEX papers_upvotes ON papers (upvotes DESC);
CREATE INDEX papers_last_listed ON papers (last_listed_day DESC, upvotes DESC);

-- A paper can be listed on several Daily Papers days (re-submissions).
CREATE TABLE listings (
  day       TEXT    NOT NULL,
  paper_pk  INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,
  position  INTEGER NOT NULL,              -- 0-based place in that day's response
  first_seen_at TEXT NOT NULL,
  PRIMARY KEY (day, paper_pk)
) WITHOUT ROWID;
CREATE INDEX listings_paper ON listings (paper_pk, day);

-- Every ingest of a day: ok (with counts), empty (weekend, nothing listed), failed (with reason).
CREATE TABLE ingest_runs (
  id          INTEGER PRIMARY KEY,
  day         TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('ok', 'empty', 'failed')),
  started_at  TEXT    NOT NULL,
  finished_at TEXT    NOT NULL,
  fetched     INTEGER NOT NULL DEFAULT 0,
  new_count   INTEGER NOT NULL DEFAULT 0,
  updated_count   INTEGER NOT NULL DEFAULT 0,
  unchanged_count INTEGER NOT NULL DEFAULT 0,
  skipped_count   INTEGER NOT NULL DEFAULT 0,
  error_code  TEXT,
  reason      TEXT
);
CREATE INDEX ingest_runs_day ON ingest_runs (day, id);

-- Full-text index. Contentless (the text lives in `papers`) with delete support. The store keeps
-- it in step inside each day's transaction: it indexes new papers and re-indexes a paper whose
-- indexed text changed; upvote-only refreshes do not touch it. Not triggers: an AFTER UPDATE
-- trigger on `papers` halves the speed of every upsert even when it never fires, and computing
-- the keyword and author text in the store beats json_each in a trigger.
-- prefix = '3' indexes 3-letter prefixes, so `diffus*` does not expand and merge every matching
-- word at query time.
CREATE VIRTUAL TABLE papers_fts USING fts5 (
  title, abstract, ai_summary, keywords, authors,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3'
);
-- Merge index segments 8 at a time instead of 4: ~15 % faster ingest, search unchanged (bench).
INSERT INTO papers_fts (papers_fts, rank) VALUES ('automerge', 8);

CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
  DELETE FROM papers_fts WHERE rowid = OLD.pk;
END;
