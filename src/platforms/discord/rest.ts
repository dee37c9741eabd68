import { REST, type RESTOptions, RESTEvents } from 'discord.js';
import type { Logger } from '../../shared/logger.js';

export interface DiscordRestSettings {
  token: string;
  /** Base URL without the version, e.g. `https://discord.com/api` (tests: a loopback stand-in). */
  apiBaseUrl: string;
  /**
   * Rate-limit waits up to this long happen inside discord.js's queue; a longer one rejects with
   * a `RateLimitError` so the caller can reschedule instead of holding a delivery slot.
   */
  maxRateLimitWaitMs: number;
  /** Extra REST options (tests: `offset: 0`, a short `timeout`, `retries: 1`). */
  rest?: Partial<RESTOptions>;
}

/**
 * The one discord.js REST client of the adapter (digests, command registration, interaction
 * follow-ups). discord.js keeps the per-route buckets, the global limit and the 5xx retries; its
 * events become log lines.
 * @see https://discord.com/developers/docs/topics/rate-limits
 */
export function createDiscordRest(settings: DiscordRestSettings, logger: Logger): REST {
  const rest = new REST({
    ...settings.rest,
    api: settings.apiBaseUrl,
    rejectOnRateLimit: (info) => info.retryAfter > settings.maxRateLimitWaitMs,
  }).setToken(settings.token);
  rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn('discord rate limited', {
      route: info.route,
      method: info.method,
      retryAfterMs: info.retryAfter,
      global: info.global,
      scope: info.scope,
      limit: info.limit,
    }),
  );
  rest.on(RESTEvents.InvalidRequestWarning, (info) =>
    logger.warn('discord invalid requests piling up', {
      count: info.count,
      remainingMs: info.remainingTime,
    }),
  );
  rest.on(RESTEvents.Debug, (detail) => logger.debug('discord rest', { detail }));
  return rest;
}

/** Stops the REST client's sweeper timers. */
export function closeDiscordRest(rest: REST): void {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
}
