import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

/** How long button state lives (a week: search results are rarely paged after that). */
const TTL_MS = 7 * 24 * 3_600_000;

/** Short random tokens for button ids (10 characters), with the payload kept in SQLite. */
export function createSqliteInteractionState(db: Db) {
  const insert = db.prepare(
    'INSERT INTO interaction_state (token, payload_json, created_at) VALUES (?, ?, ?)',
  );
  const select = db.prepare<[string], { payload_json: string }>(
    'SELECT payload_json FROM interaction_state WHERE token = ?',
  );
  const prune = db.prepare('DELETE FROM interaction_state WHERE created_at < ?');
  return {
    save: (payload: unknown, now: Date): string => {
      prune.run(new Date(now.getTime() - TTL_MS).toISOString());
      const token = randomBytes(8).toString('base64url').slice(0, 10);
      insert.run(token, JSON.stringify(payload), now.toISOString());
      return token;
    },
    load: (token: string): unknown => {
      const row = select.get(token);
      return row ? (JSON.parse(row.payload_json) as unknown) : null;
    },
  };
}
