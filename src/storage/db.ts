import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens the SQLite database and sets the pragmas once: WAL (readers never block the writer),
 * foreign keys, a busy timeout for the CLI running beside the bot. Creates the folder if needed.
 * `:memory:` is allowed (tests).
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MiB page cache (the default is 2 MiB): the FTS index and the papers table stay hot.
  db.pragma('cache_size = -65536');
  return db;
}
