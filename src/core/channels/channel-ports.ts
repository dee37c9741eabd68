import type { Day } from '../day.js';
import type { DigestView } from '../digest/digest-view.js';
import type { Channel, ChannelRef, ChannelSettings, Platform } from './channel.js';

/** Port: channels, their settings and what they follow. Synchronous (SQLite). */
export interface ChannelStore {
  get(ref: ChannelRef): Channel | null;
  getByPk(pk: number): Channel | null;
  /** Creates the channel with default settings when new; returns it. */
  ensure(ref: ChannelRef, now: Date): Channel;
  updateSettings(ref: ChannelRef, patch: Partial<ChannelSettings>, now: Date): Channel;
  /** Subscribes to everything (no topic) or adds a topic; resumes a paused channel. */
  subscribe(ref: ChannelRef, topic: string | null, now: Date): { channel: Channel; added: boolean };
  /** Removes one topic (matched case-insensitively), `everything`, or all. Returns whether it existed. */
  unsubscribe(
    ref: ChannelRef,
    what: { topic: string } | { everything: true } | { all: true },
    now: Date,
  ): { channel: Channel; removed: boolean };
  pause(pk: number, reason: string, now: Date): void;
  /** Subscribed, not paused channels of the given platforms. */
  listActive(platforms: Platform[]): Channel[];
}

export type DeliveryStatus = 'pending' | 'planned' | 'sent' | 'empty' | 'skipped' | 'failed';
export type PartStatus = 'pending' | 'sending' | 'sent';

/** What a digest was built from, kept so `why` can explain it later. */
export interface DeliverySnapshot {
  settings: ChannelSettings;
  everything: boolean;
  topics: string[];
  /** Papers listed that day when the digest was built. */
  listed: number;
  /** Papers that matched topics and min upvotes, before `top` and already-posted filtering. */
  eligible: number;
}

export interface DeliveryPart {
  index: number;
  view: DigestView;
  status: PartStatus;
  messageId: string | null;
  sentAt: string | null;
}

export interface Delivery {
  id: number;
  channelPk: number;
  day: Day;
  scheduledFor: string;
  status: DeliveryStatus;
  reason: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  plannedAt: string | null;
  finishedAt: string | null;
  snapshot: DeliverySnapshot | null;
  parts: DeliveryPart[];
}

/** Port: durable delivery state, the heart of exactly-once posting. */
export interface DeliveryStore {
  /**
   * Creates the delivery row for (channel, day) unless one exists (unique); returns the row and
   * whether it was created. `status` is `pending`, or `skipped` with a reason for missed runs.
   */
  create(input: {
    channelPk: number;
    day: Day;
    scheduledFor: Date;
    status: 'pending' | 'skipped';
    reason?: string;
    now: Date;
  }): { delivery: Delivery; created: boolean };
  get(id: number): Delivery | null;
  forChannelDay(channelPk: number, day: Day): Delivery | null;
  /** Cheap existence check for the scheduler, which asks it for every channel every minute. */
  has(channelPk: number, day: Day): boolean;
  /** The most recent deliveries of a channel, newest first. */
  recentForChannel(channelPk: number, limit: number): Delivery[];
  /** Deliveries waiting for work (`pending`, `planned`) whose next attempt is due. */
  due(now: Date, limit: number): Delivery[];
  /** Stores the planned parts and snapshot in one transaction; status becomes `planned`. */
  plan(id: number, parts: DigestView[], snapshot: DeliverySnapshot, now: Date): Delivery;
  /** Finishes a delivery without posting: `empty` (silent empty day), `skipped` or `failed`. */
  finish(
    id: number,
    status: 'empty' | 'skipped' | 'failed' | 'sent',
    reason: string | null,
    now: Date,
  ): void;
  /** Marks a part as being sent, before the platform call. */
  markSending(id: number, index: number): void;
  /** Marks a part sent and records its papers as posted to the channel, in one transaction. */
  markSent(id: number, index: number, messageId: string, now: Date): void;
  /** Records a failed attempt and when to try again. */
  retryLater(id: number, at: Date, reason: string): void;
  /** Paper ids already posted to a channel (optionally only these ids). */
  postedPaperIds(channelPk: number): Set<string>;
  /** When and in which delivery a paper was posted to a channel. */
  postedPaper(
    channelPk: number,
    paperId: string,
  ): { day: Day; postedAt: string; deliveryId: number } | null;
}
