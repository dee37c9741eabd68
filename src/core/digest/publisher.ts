import type { ChannelRef, Platform } from '../channels/channel.js';
import type { DigestView } from './digest-view.js';

/** The outcome of posting one message. Each adapter classifies its platform's errors into these. */
export type PublishResult =
  | { ok: true; messageId: string }
  /** Told to wait: try again after `retryAfterMs`. */
  | { ok: false; kind: 'rate_limited'; retryAfterMs: number; message: string }
  /** Will not work until a person acts (bot removed, channel gone, permission missing): pause. */
  | {
      ok: false;
      kind: 'permanent';
      code: 'forbidden' | 'not_found' | 'auth' | 'archived';
      message: string;
    }
  /** May work later (5xx, network): bounded backoff. */
  | { ok: false; kind: 'transient'; message: string };

/**
 * Port: posts digests to one platform. Exactly-once delivery relies on `key`: the adapter attaches
 * it to the message with the platform's own means (Discord `nonce` + `enforce_nonce` and a marker
 * the bot can read back; Slack message metadata) so `findPublished` can tell, after a crash,
 * whether a part already reached the channel.
 */
export interface DigestPublisher {
  readonly platform: Platform;
  /** Splits a digest into messages within the platform's limits; every entry stays whole. */
  split(digest: DigestView): DigestView[];
  publish(channel: ChannelRef, part: DigestView, key: string): Promise<PublishResult>;
  /** The id of a message posted with `key` at or after `since`, or null when there is none. */
  findPublished(channel: ChannelRef, key: string, since: Date): Promise<string | null>;
}

/**
 * Port: one chat platform as the composition root sees it: a digest publisher plus the inbound
 * side (gateway / socket connections, or HTTP routes mounted on the bot's server).
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  readonly publisher: DigestPublisher;
  /** Which inbound mode runs, for logs and /healthz (e.g. "gateway", "http", "socket"). */
  readonly mode: string;
  /** Connects (gateway, Socket Mode); HTTP routes are mounted when the adapter is created. */
  start(): Promise<void>;
  /** Disconnects; safe to call twice. */
  stop(): Promise<void>;
}
