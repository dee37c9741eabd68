import type { SourcePaper } from '../../../../src/core/paper.js';
import type { Db } from '../../../../src/storage/db.js';
import { createSqlitePaperStore } from '../../../../src/storage/sqlite-paper-store.js';
import { openTestDb } from '../../../helpers/papers.js';

/**
 * The real FTS5 index as the oracle for the in-memory query code: a fresh in-memory database with
 * the real migrations, so a change of tokenizer in the schema shows up here.
 */

/** The tokens FTS5 indexes for each text (each text stored as one paper title). */
export function fts5Tokens(texts: readonly string[]): string[][] {
  const db = openTestDb();
  try {
    const insert = db.prepare(
      "INSERT INTO papers_fts (rowid, title, abstract, ai_summary, keywords, authors) VALUES (?, ?, '', '', '', '')",
    );
    db.transaction(() => texts.forEach((text, i) => insert.run(i + 1, text)))();
    db.exec(
      "CREATE VIRTUAL TABLE temp.fts_instances USING fts5vocab(main, papers_fts, 'instance')",
    );
    const out: string[][] = texts.map(() => []);
    const rows = db
      .prepare('SELECT doc, term FROM temp.fts_instances ORDER BY doc, col, offset')
      .raw()
      .all() as Array<[number, string]>;
    for (const [doc, term] of rows) out[doc - 1]?.push(term);
    return out;
  } finally {
    db.close();
  }
}

/** Runs `fn` against a fresh database holding `papers`, stored through the real store. */
export function withStoredPapers<T>(papers: readonly SourcePaper[], fn: (db: Db) => T): T {
  const db = openTestDb();
  try {
    const at = new Date('2025-12-01T12:00:00Z');
    createSqlitePaperStore(db).saveDay({
      day: '2025-12-01',
      papers: [...papers],
      skipped: 0,
      startedAt: at,
      finishedAt: at,
    });
    return fn(db);
  } finally {
    db.close();
  }
}

/** Ids of the stored papers matching an FTS5 expression, sorted. */
export function ftsMatchingIds(db: Db, expr: string): string[] {
  return db
    .prepare(
      'SELECT p.id FROM papers_fts f JOIN papers p ON p.pk = f.rowid WHERE papers_fts MATCH ? ORDER BY p.id',
    )
    .pluck()
    .all(expr) as string[];
}
