import type { Day } from '../day.js';

export type Platform = 'discord' | 'slack';

/** Where a command came from or a digest goes. Channel ids are unique within a workspace. */
export interface ChannelRef {
  platform: Platform;
  /** Discord guild id or Slack team id ("dm" for direct messages). */
  workspaceId: string;
  channelId: string;
}

/** 0 = Sunday … 6 = Saturday (as Date#getUTCDay). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type EmptyDays = 'silent' | 'announce';

/** A channel's digest settings; see DEFAULT_CHANNEL_SETTINGS. */
export interface ChannelSettings {
  /** Local time of day, "HH:MM" (24 h). */
  time: string;
  /** IANA time zone the time and days are read in. */
  timezone: string;
  /** Days of the week (local) the digest is posted on, sorted. */
  days: Weekday[];
  /** At most this many papers per digest. */
  top: number;
  /** Papers below this many upvotes are left out. */
  minUpvotes: number;
  /** What an empty day does: post nothing, or one short line saying why. */
  emptyDays: EmptyDays;
}

export const DEFAULT_CHANNEL_SETTINGS = {
  time: '09:00',
  timezone: 'UTC',
  days: [1, 2, 3, 4, 5],
  top: 10,
  minUpvotes: 0,
  emptyDays: 'silent',
} as const satisfies ChannelSettings;

export interface Topic {
  id: number;
  /** The query as the person typed it (normalised whitespace); parsed again when used. */
  query: string;
  createdAt: string;
}

/** A channel known to Paperboy: its settings and, when subscribed, what it follows. */
export interface Channel {
  pk: number;
  ref: ChannelRef;
  settings: ChannelSettings;
  /** True when the channel gets every paper of the day (subscribe without a topic). */
  everything: boolean;
  topics: Topic[];
  /** Set when delivery stopped for a reason people must fix (bot removed, missing permission). */
  paused: { reason: string; at: string } | null;
  /** When the channel first subscribed; occurrences before it are never due. */
  subscribedAt: string | null;
}

export function isSubscribed(channel: Channel): boolean {
  return channel.everything || channel.topics.length > 0;
}

/** A stable text key for logs and maps. */
export function channelKey(ref: ChannelRef): string {
  return `${ref.platform}:${ref.workspaceId}:${ref.channelId}`;
}

export type { Day };
