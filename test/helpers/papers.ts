import type { SourcePaper } from '../../src/core/paper.js';
import { openDatabase, type Db } from '../../src/storage/db.js';
import { migrate } from '../../src/storage/migrate.js';

let counter = 0;

/** A normalised paper as a source yields it; every field overridable. */
export function makeSourcePaper(overrides: Partial<SourcePaper> = {}): SourcePaper {
  counter += 1;
  const id = overrides.id ?? `2512.${String(10000 + counter).padStart(5, '0')}`;
  const base: SourcePaper = {
    id,
    title: `A Study of Things ${counter}`,
    abstract: 'We study things. Things are studied at scale.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    publishedAt: '2025-11-28T00:00:00.000Z',
    upvotes: 5,
    numComments: 0,
    raw: JSON.stringify({ paper: { id } }),
  };
  return { ...base, ...overrides };
}

/** A fresh in-memory database with the real migrations applied. */
export function openTestDb(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}
