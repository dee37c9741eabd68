import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { PublishResult } from '../../core/digest/publisher.js';
import { describeError } from '../../shared/errors.js';

export type PublishFailure = Exclude<PublishResult, { ok: true }>;

/**
 * The Discord error codes that need a person to act, with what to tell them. The core pauses the
 * channel with this text, and `/papers subscriptions` shows it.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
const PERMANENT: Record<
  number,
  { code: 'forbidden' | 'not_found' | 'auth' | 'archived'; message: string }
> = {
  50001: {
    code: 'forbidden',
    message:
      'Paperboy cannot see this channel (Discord: Missing Access). Allow the Paperboy role View Channel, Send Messages and Embed Links in the channel (Edit Channel → Permissions); if Paperboy was removed from the server, invite it again (the command paperboy discord invite-url prints the link).',
  },
  50013: {
    code: 'forbidden',
    message:
      'Paperboy may not post here (Discord: Missing Permissions). Allow the Paperboy role View Channel, Send Messages and Embed Links in the channel (Edit Channel → Permissions).',
  },
  10003: {
    code: 'not_found',
    message:
      'This channel no longer exists (Discord: Unknown Channel). Run /papers subscribe in the channel that should get the digest.',
  },
  10004: {
    code: 'not_found',
    message:
      'Paperboy is no longer in this server (Discord: Unknown Guild). Invite it again (the command paperboy discord invite-url prints the link), then run /papers subscribe.',
  },
  50083: {
    code: 'archived',
    message:
      'This thread is archived (Discord code 50083). Unarchive it, or subscribe another channel.',
  },
  40001: {
    code: 'auth',
    message:
      'Discord rejected the bot token (Unauthorized). Set DISCORD_TOKEN to the current token (Developer Portal → Bot → Reset Token) and restart Paperboy.',
  },
};

const AUTH = PERMANENT[40001] as { code: 'auth'; message: string };

/**
 * Classifies anything discord.js threw while posting: a long rate limit (`RateLimitError`, see
 * rest.ts) → `rate_limited`; missing access or permissions, unknown channel, bad token →
 * `permanent` with a reason people can act on; 5xx (after discord.js's retries), network errors,
 * timeouts and other 4xx → `transient` (retried with backoff, then given up without pausing).
 */
export function classifyPublishError(error: unknown): PublishFailure {
  if (error instanceof RateLimitError) {
    return {
      ok: false,
      kind: 'rate_limited',
      retryAfterMs: Math.max(0, Math.ceil(error.retryAfter)),
      message: `Discord rate limit (${error.global ? 'global' : error.scope}) on ${error.route}`,
    };
  }
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? PERMANENT[error.code] : undefined;
    if (known) return { ok: false, kind: 'permanent', ...known };
    if (error.status === 401) return { ok: false, kind: 'permanent', ...AUTH };
    if (error.status === 429) {
      return {
        ok: false,
        kind: 'rate_limited',
        retryAfterMs: 1_000,
        message: 'Discord rate limit',
      };
    }
    return {
      ok: false,
      kind: 'transient',
      message: `Discord rejected the message: ${error.message} (HTTP ${error.status}, code ${String(error.code)})`,
    };
  }
  if (error instanceof HTTPError) {
    return {
      ok: false,
      kind: 'transient',
      message: `Discord answered HTTP ${error.status} ${error.message}`,
    };
  }
  // discord.js drops the token after any 401; later calls fail with this before any request.
  if (error instanceof Error && /Expected token to be set/.test(error.message)) {
    return { ok: false, kind: 'permanent', ...AUTH };
  }
  return {
    ok: false,
    kind: 'transient',
    message: `Could not reach Discord: ${describeError(error)}`,
  };
}
