import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The migrations folder. The bundle in dist/ and the sources both resolve it: the build copies
 * nothing, so look beside this file first and fall back to src/storage/migrations.
 */
function migrationsDir(): string {
  const here = new URL('./migrations/', import.meta.url);
  const candidates = [here, new URL('../src/storage/migrations/', import.meta.url)];
  for (const candidate of candidates) {
    try {
      readdirSync(candidate);
      return fileURLToPath(candidate);
    } catch {
      // try the next one
    }
  }
  throw new Error('storage migrations folder not found');
}

/** Reads `NNN-name.sql` files in version order. */
export function loadMigrations(dir: string = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(`${dir}/${file}`, 'utf8'),
    }));
}

/**
 * Applies every migration newer than `PRAGMA user_version`, each in its own transaction together
 * with the version bump, so a crash leaves the database at a whole version. Returns what ran.
 */
export function migrate(db: Db, migrations: Migration[] = loadMigrations()): Migration[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return pending;
}
