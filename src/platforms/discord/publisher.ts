import { type APIMessage, type APIUser, type REST, Routes } from 'discord.js';
import type { ChannelRef } from '../../core/channels/channel.js';
import type { DigestPublisher, PublishResult } from '../../core/digest/publisher.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { DISCORD_LIMITS } from './limits.js';
import { classifyPublishError } from './publish-errors.js';
import { renderDigestPart, splitDigest } from './render.js';
import { keyOfFooter } from './render-digest.js';

/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes count milliseconds from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The smallest snowflake of a moment: messages created at or after it have larger ids. */
export function snowflakeAt(at: Date): string {
  const ms = BigInt(Math.floor(at.getTime()));
  return ms <= DISCORD_EPOCH ? '0' : ((ms - DISCORD_EPOCH) << 22n).toString();
}

/** Clocks differ a little between us and Discord; the key is unique, so looking earlier is safe. */
const CLOCK_SKEW_MS = 60_000;
/** Messages per page of Get Channel Messages (its maximum). */
const PAGE = 50;

export interface DiscordPublisherDeps {
  rest: REST;
  logger: Logger;
  /** How many pages of 50 recent messages `findPublished` reads at most (default 10). */
  maxScanPages?: number;
}

/**
 * Digests to Discord channels through discord.js REST (its rate-limit queue, its retries).
 *
 * Exactly-once: each message carries the core's key twice. As `nonce` with `enforce_nonce`, so
 * Discord itself returns the existing message when the same part is sent again within a few
 * minutes; and at the end of the last embed's footer (`… · pb12p0`), because Discord does not
 * return nonces when listing messages: after a crash `findPublished` reads the bot's messages
 * posted since the part was planned and looks for the key there.
 * @see https://discord.com/developers/docs/resources/message#create-message
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 */
export function createDiscordPublisher(deps: DiscordPublisherDeps): DigestPublisher {
  const { rest, logger } = deps;
  let me: Promise<string> | null = null;
  /** The bot's own user id (Get Current User), once. */
  const botUserId = (): Promise<string> => {
    me ??= (rest.get(Routes.user()) as Promise<APIUser>).then((user) => user.id);
    me.catch(() => (me = null));
    return me;
  };

  const publish = async (
    channel: ChannelRef,
    part: Parameters<DigestPublisher['publish']>[1],
    key: string,
  ): Promise<PublishResult> => {
    const message = renderDigestPart(part, key);
    const body =
      key.length <= DISCORD_LIMITS.nonce
        ? { ...message, nonce: key, enforce_nonce: true }
        : message;
    try {
      const created = (await rest.post(Routes.channelMessages(channel.channelId), {
        body,
      })) as APIMessage;
      return { ok: true, messageId: created.id };
    } catch (error) {
      const result = classifyPublishError(error);
      logger.warn('discord publish failed', {
        channelId: channel.channelId,
        guildId: channel.workspaceId,
        key,
        kind: result.kind,
        ...(result.kind === 'permanent' ? { code: result.code } : {}),
        reason: result.message,
      });
      return result;
    }
  };

  const carriesKey = (message: APIMessage, key: string): boolean =>
    message.nonce === key || keyOfFooter(message.embeds.at(-1)?.footer?.text) === key;

  const findPublished = async (
    channel: ChannelRef,
    key: string,
    since: Date,
  ): Promise<string | null> => {
    try {
      const self = await botUserId();
      let after = snowflakeAt(new Date(since.getTime() - CLOCK_SKEW_MS));
      for (let page = 0; page < (deps.maxScanPages ?? 10); page += 1) {
        const query = new URLSearchParams({ limit: String(PAGE), after });
        const batch = (await rest.get(Routes.channelMessages(channel.channelId), {
          query,
        })) as APIMessage[];
        const found = batch.find((m) => m.author.id === self && carriesKey(m, key));
        if (found) return found.id;
        if (batch.length < PAGE) return null;
        after = batch.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
      }
      logger.warn('discord: key not found in the scanned messages', {
        channelId: channel.channelId,
        key,
      });
      return null;
    } catch (error) {
      throw new AppError(
        'publish.failed',
        'Could not read the channel to check for an earlier post',
        { cause: error },
      );
    }
  };

  return { platform: 'discord', split: splitDigest, publish, findPublished };
}
