import type {
  Delivery,
  DeliverySnapshot,
  DeliveryStatus,
  DeliveryStore,
  PartStatus,
} from '../core/channels/channel-ports.js';
import type { DigestView } from '../core/digest/digest-view.js';
import type { Db } from './db.js';

interface DeliveryRow {
  id: number;
  channel_pk: number;
  day: string;
  scheduled_for: string;
  status: DeliveryStatus;
  reason: string | null;
  attempts: number;
  next_attempt_at: string | null;
  snapshot_json: string | null;
  planned_at: string | null;
  finished_at: string | null;
}

interface PartRow {
  delivery_id: number;
  idx: number;
  view_json: string;
  status: PartStatus;
  message_id: string | null;
  sent_at: string | null;
}

/** SQLite-backed delivery state: one row per (channel, day), its parts, and posted papers. */
export function createSqliteDeliveryStore(db: Db): DeliveryStore {
  const insert = db.prepare(`
    INSERT INTO deliveries (channel_pk, day, scheduled_for, status, reason, created_at, finished_at)
    VALUES (@channel_pk, @day, @scheduled_for, @status, @reason, @now,
      CASE WHEN @status = 'skipped' THEN @now END)
    ON CONFLICT (channel_pk, day) DO NOTHING`);
  const byId = db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?');
  const byChannelDay = db.prepare<[number, string], DeliveryRow>(
    'SELECT * FROM deliveries WHERE channel_pk = ? AND day = ?',
  );
  const exists = db.prepare<[number, string], { one: number }>(
    'SELECT 1 AS one FROM deliveries WHERE channel_pk = ? AND day = ?',
  );
  const recent = db.prepare<[number, number], DeliveryRow>(
    'SELECT * FROM deliveries WHERE channel_pk = ? ORDER BY day DESC, id DESC LIMIT ?',
  );
  const due = db.prepare<[string, number], DeliveryRow>(`
    SELECT * FROM deliveries WHERE status IN ('pending', 'planned')
      AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
    ORDER BY scheduled_for, id LIMIT ?`);
  const partsOf = db.prepare<[number], PartRow>(
    'SELECT * FROM delivery_parts WHERE delivery_id = ? ORDER BY idx',
  );
  const insertPart = db.prepare(`
    INSERT INTO delivery_parts (delivery_id, idx, view_json, status) VALUES (?, ?, ?, 'pending')
    ON CONFLICT (delivery_id, idx) DO NOTHING`);
  const setPlanned = db.prepare(`
    UPDATE deliveries SET status = 'planned', snapshot_json = ?, planned_at = ?
    WHERE id = ? AND status = 'pending'`);
  const finish = db.prepare(`
    UPDATE deliveries SET status = ?, reason = ?, finished_at = ?, next_attempt_at = NULL
    WHERE id = ?`);
  const setSending = db.prepare(
    "UPDATE delivery_parts SET status = 'sending' WHERE delivery_id = ? AND idx = ? AND status = 'pending'",
  );
  const setSent = db.prepare(`
    UPDATE delivery_parts SET status = 'sent', message_id = ?, sent_at = ?
    WHERE delivery_id = ? AND idx = ? AND status != 'sent'`);
  const insertPosted = db.prepare(`
    INSERT INTO posted_papers (channel_pk, paper_id, day, delivery_id, posted_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel_pk, paper_id) DO NOTHING`);
  const retry = db.prepare(`
    UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, reason = ? WHERE id = ?`);
  const postedIds = db.prepare<[number], { paper_id: string }>(
    'SELECT paper_id FROM posted_papers WHERE channel_pk = ?',
  );
  const posted = db.prepare<
    [number, string],
    { day: string; posted_at: string; delivery_id: number }
  >('SELECT day, posted_at, delivery_id FROM posted_papers WHERE channel_pk = ? AND paper_id = ?');

  const load = (row: DeliveryRow | undefined): Delivery | null =>
    row
      ? {
          id: row.id,
          channelPk: row.channel_pk,
          day: row.day,
          scheduledFor: row.scheduled_for,
          status: row.status,
          reason: row.reason,
          attempts: row.attempts,
          nextAttemptAt: row.next_attempt_at,
          plannedAt: row.planned_at,
          finishedAt: row.finished_at,
          snapshot: row.snapshot_json ? (JSON.parse(row.snapshot_json) as DeliverySnapshot) : null,
          parts: partsOf.all(row.id).map((p) => ({
            index: p.idx,
            view: JSON.parse(p.view_json) as DigestView,
            status: p.status,
            messageId: p.message_id,
            sentAt: p.sent_at,
          })),
        }
      : null;

  const get = (id: number): Delivery | null => load(byId.get(id));

  return {
    create: ({ channelPk, day, scheduledFor, status, reason, now }) => {
      const info = insert.run({
        channel_pk: channelPk,
        day,
        scheduled_for: scheduledFor.toISOString(),
        status,
        reason: reason ?? null,
        now: now.toISOString(),
      });
      return {
        delivery: load(byChannelDay.get(channelPk, day)) as Delivery,
        created: info.changes > 0,
      };
    },
    get,
    forChannelDay: (channelPk, day) => load(byChannelDay.get(channelPk, day)),
    has: (channelPk, day) => exists.get(channelPk, day) !== undefined,
    recentForChannel: (channelPk, limit) =>
      recent.all(channelPk, limit).map((r) => load(r) as Delivery),
    due: (now, limit) => due.all(now.toISOString(), limit).map((r) => load(r) as Delivery),
    plan: db.transaction(
      (id: number, parts: DigestView[], snapshot: DeliverySnapshot, now: Date) => {
        parts.forEach((view, idx) => insertPart.run(id, idx, JSON.stringify(view)));
        setPlanned.run(JSON.stringify(snapshot), now.toISOString(), id);
        return get(id) as Delivery;
      },
    ),
    finish: (id, status, reason, now) => {
      finish.run(status, reason, now.toISOString(), id);
    },
    markSending: (id, index) => {
      setSending.run(id, index);
    },
    markSent: db.transaction((id: number, index: number, messageId: string, now: Date) => {
      const delivery = byId.get(id);
      const part = partsOf.all(id).find((p) => p.idx === index);
      if (!delivery || !part) return;
      setSent.run(messageId, now.toISOString(), id, index);
      const view = JSON.parse(part.view_json) as DigestView;
      for (const entry of view.entries) {
        insertPosted.run(delivery.channel_pk, entry.id, delivery.day, id, now.toISOString());
      }
    }),
    retryLater: (id, at, reason) => {
      retry.run(at.toISOString(), reason, id);
    },
    postedPaperIds: (channelPk) => new Set(postedIds.all(channelPk).map((r) => r.paper_id)),
    postedPaper: (channelPk, paperId) => {
      const row = posted.get(channelPk, paperId);
      return row ? { day: row.day, postedAt: row.posted_at, deliveryId: row.delivery_id } : null;
    },
  };
}
