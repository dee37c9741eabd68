import type { webApi } from '@slack/bolt';
import type { ChannelRef } from '../../core/channels/channel.js';
import type { DigestPublisher, PublishResult } from '../../core/digest/publisher.js';
import type { Logger } from '../../shared/logger.js';
import { classifySlackError } from './errors.js';
import { renderDigest, splitDigest } from './render.js';

/** The message metadata event type that carries a digest part's key. */
export const DIGEST_EVENT_TYPE = 'paperboy_digest';

/** How far back findPublished pages through a channel (pages of 200 messages). */
const HISTORY_PAGES = 10;

export interface SlackPublisherDeps {
  /**
   * Posts digests. Built without retries and with `rejectRateLimitedCalls`, so a 429 comes back as
   * `rate_limited` for the delivery engine to wait on, and a failed post is retried by the engine
   * only after `findPublished` confirmed it did not land (a WebClient retry after a 5xx or timeout
   * could post twice).
   */
  postClient: webApi.WebClient;
  /** Reads channel history for findPublished (ordinary retries are fine for reads). */
  readClient: webApi.WebClient;
  logger: Logger;
}

/** Slack timestamps are seconds with six decimals. */
export const toSlackTs = (at: Date): string => (at.getTime() / 1_000).toFixed(6);

/**
 * DigestPublisher for Slack: `chat.postMessage` with the key in message metadata, and
 * `conversations.history` (with `include_all_metadata`) to find a part after a crash.
 * @see https://docs.slack.dev/messaging/message-metadata
 */
export function createSlackPublisher(deps: SlackPublisherDeps): DigestPublisher {
  const { postClient, readClient, logger } = deps;
  return {
    platform: 'slack',
    split: splitDigest,
    publish: async (channel: ChannelRef, part, key): Promise<PublishResult> => {
      const message = renderDigest(part);
      try {
        const result = await postClient.chat.postMessage({
          channel: channel.channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { key } },
        });
        if (!result.ts)
          return { ok: false, kind: 'transient', message: 'Slack returned no message ts' };
        return { ok: true, messageId: result.ts };
      } catch (error) {
        const failure = classifySlackError(error);
        logger.warn('slack post failed', {
          channelId: channel.channelId,
          workspaceId: channel.workspaceId,
          key,
          kind: failure.kind,
          reason: failure.message,
        });
        return failure;
      }
    },
    findPublished: async (channel, key, since) => {
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page += 1) {
        const result = await readClient.conversations.history({
          channel: channel.channelId,
          oldest: toSlackTs(since),
          inclusive: true,
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        for (const m of result.messages ?? []) {
          const payload = m.metadata?.event_payload as { key?: unknown } | undefined;
          if (m.metadata?.event_type === DIGEST_EVENT_TYPE && payload?.key === key && m.ts) {
            return m.ts;
          }
        }
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return null;
    },
  };
}
