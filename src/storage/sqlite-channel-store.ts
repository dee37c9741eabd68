import {
  type Channel,
  type ChannelRef,
  type ChannelSettings,
  type EmptyDays,
  type Platform,
  type Topic,
  type Weekday,
  DEFAULT_CHANNEL_SETTINGS,
} from '../core/channels/channel.js';
import type { ChannelStore } from '../core/channels/channel-ports.js';
import type { Db } from './db.js';

interface ChannelRow {
  pk: number;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  days: string;
  top: number;
  min_upvotes: number;
  empty_days: EmptyDays;
  everything: number;
  subscribed_at: string | null;
  paused_reason: string | null;
  paused_at: string | null;
}

interface TopicRow {
  id: number;
  channel_pk: number;
  query: string;
  created_at: string;
}

/** Topics compare case-insensitively with whitespace folded: "Video  Diffusion" = "video diffusion". */
export function topicKey(query: string): string {
  return query.trim().replace(/\s+/g, ' ').toLowerCase();
}

function rowToChannel(row: ChannelRow, topics: TopicRow[]): Channel {
  return {
    pk: row.pk,
    ref: { platform: row.platform, workspaceId: row.workspace_id, channelId: row.channel_id },
    settings: {
      time: row.time,
      timezone: row.timezone,
      days: row.days === '' ? [] : (row.days.split(',').map(Number) as Weekday[]),
      top: row.top,
      minUpvotes: row.min_upvotes,
      emptyDays: row.empty_days,
    },
    everything: row.everything === 1,
    topics: topics.map((t): Topic => ({ id: t.id, query: t.query, createdAt: t.created_at })),
    paused: row.paused_reason ? { reason: row.paused_reason, at: row.paused_at ?? '' } : null,
    subscribedAt: row.subscribed_at,
  };
}

/** SQLite-backed channels and topics. */
export function createSqliteChannelStore(db: Db): ChannelStore {
  const byRef = db.prepare<[string, string, string], ChannelRow>(
    'SELECT * FROM channels WHERE platform = ? AND workspace_id = ? AND channel_id = ?',
  );
  const byPk = db.prepare<[number], ChannelRow>('SELECT * FROM channels WHERE pk = ?');
  const topicsOf = db.prepare<[number], TopicRow>(
    'SELECT * FROM topics WHERE channel_pk = ? ORDER BY id',
  );
  const insertChannel = db.prepare(`
    INSERT INTO channels (platform, workspace_id, channel_id, time, timezone, days, top,
      min_upvotes, empty_days, created_at, updated_at)
    VALUES (@platform, @workspace_id, @channel_id, @time, @timezone, @days, @top, @min_upvotes,
      @empty_days, @now, @now)
    ON CONFLICT (platform, workspace_id, channel_id) DO NOTHING`);
  const updateSettings = db.prepare(`
    UPDATE channels SET time = @time, timezone = @timezone, days = @days, top = @top,
      min_upvotes = @min_upvotes, empty_days = @empty_days, updated_at = @now WHERE pk = @pk`);
  const setEverything = db.prepare(
    'UPDATE channels SET everything = ?, updated_at = ? WHERE pk = ?',
  );
  const markSubscribed = db.prepare(`
    UPDATE channels SET subscribed_at = coalesce(subscribed_at, @now), paused_reason = NULL,
      paused_at = NULL, updated_at = @now WHERE pk = @pk`);
  const clearSubscribedIfNone = db.prepare(`
    UPDATE channels SET subscribed_at = NULL, updated_at = @now
    WHERE pk = @pk AND everything = 0 AND NOT EXISTS (SELECT 1 FROM topics WHERE channel_pk = @pk)`);
  const insertTopic = db.prepare(`
    INSERT INTO topics (channel_pk, query, query_key, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (channel_pk, query_key) DO NOTHING`);
  const deleteTopic = db.prepare('DELETE FROM topics WHERE channel_pk = ? AND query_key = ?');
  const deleteTopics = db.prepare('DELETE FROM topics WHERE channel_pk = ?');
  const pause = db.prepare(
    'UPDATE channels SET paused_reason = ?, paused_at = ?, updated_at = ? WHERE pk = ?',
  );
  const active = db.prepare<[], ChannelRow>(`
    SELECT * FROM channels c WHERE paused_reason IS NULL
      AND (everything = 1 OR EXISTS (SELECT 1 FROM topics t WHERE t.channel_pk = c.pk))
    ORDER BY pk`);
  const allTopics = db.prepare<[], TopicRow>('SELECT * FROM topics ORDER BY channel_pk, id');

  const load = (row: ChannelRow | undefined): Channel | null =>
    row ? rowToChannel(row, topicsOf.all(row.pk)) : null;
  const get = (ref: ChannelRef): Channel | null =>
    load(byRef.get(ref.platform, ref.workspaceId, ref.channelId));
  const ensure = (ref: ChannelRef, now: Date): Channel => {
    const d = DEFAULT_CHANNEL_SETTINGS;
    insertChannel.run({
      platform: ref.platform,
      workspace_id: ref.workspaceId,
      channel_id: ref.channelId,
      time: d.time,
      timezone: d.timezone,
      days: d.days.join(','),
      top: d.top,
      min_upvotes: d.minUpvotes,
      empty_days: d.emptyDays,
      now: now.toISOString(),
    });
    return get(ref) as Channel;
  };

  return {
    get,
    getByPk: (pk) => load(byPk.get(pk)),
    ensure,
    updateSettings: (ref, patch: Partial<ChannelSettings>, now) => {
      const channel = ensure(ref, now);
      const s = { ...channel.settings, ...patch };
      updateSettings.run({
        pk: channel.pk,
        time: s.time,
        timezone: s.timezone,
        days: [...s.days].sort().join(','),
        top: s.top,
        min_upvotes: s.minUpvotes,
        empty_days: s.emptyDays,
        now: now.toISOString(),
      });
      return get(ref) as Channel;
    },
    subscribe: db.transaction((ref: ChannelRef, topic: string | null, now: Date) => {
      const channel = ensure(ref, now);
      let added: boolean;
      if (topic === null) {
        added = !channel.everything;
        setEverything.run(1, now.toISOString(), channel.pk);
      } else {
        const query = topic.trim().replace(/\s+/g, ' ');
        added = insertTopic.run(channel.pk, query, topicKey(query), now.toISOString()).changes > 0;
      }
      markSubscribed.run({ pk: channel.pk, now: now.toISOString() });
      return { channel: get(ref) as Channel, added };
    }),
    unsubscribe: db.transaction(
      (
        ref: ChannelRef,
        what: { topic: string } | { everything: true } | { all: true },
        now: Date,
      ) => {
        const channel = ensure(ref, now);
        let removed: boolean;
        if ('all' in what) {
          removed = channel.everything || channel.topics.length > 0;
          deleteTopics.run(channel.pk);
          setEverything.run(0, now.toISOString(), channel.pk);
        } else if ('everything' in what) {
          removed = channel.everything;
          setEverything.run(0, now.toISOString(), channel.pk);
        } else {
          removed = deleteTopic.run(channel.pk, topicKey(what.topic)).changes > 0;
        }
        clearSubscribedIfNone.run({ pk: channel.pk, now: now.toISOString() });
        return { channel: get(ref) as Channel, removed };
      },
    ),
    pause: (pk, reason, now) => {
      pause.run(reason, now.toISOString(), now.toISOString(), pk);
    },
    listActive: (platforms) => {
      const topics = new Map<number, TopicRow[]>();
      for (const t of allTopics.all()) {
        const list = topics.get(t.channel_pk) ?? [];
        list.push(t);
        topics.set(t.channel_pk, list);
      }
      return active
        .all()
        .filter((row) => platforms.includes(row.platform))
        .map((row) => rowToChannel(row, topics.get(row.pk) ?? []));
    },
  };
}
