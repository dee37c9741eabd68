import type { RESTOptions } from 'discord.js';
import type { CommandDeps } from '../../../commands/command.js';
import type { Config } from '../../config/schema.js';
import type { DigestPublisher, PlatformAdapter } from '../../core/digest/publisher.js';
import type { HttpServer } from '../../http/http-server.js';
import { type Clock, systemClock } from '../../shared/clock.js';
import { AppError, describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { syncCommands } from './commands.js';
import { createGateway } from './gateway.js';
import { mountInteractionsEndpoint } from './http-endpoint.js';
import { createDiscordPublisher } from './publisher.js';
import { closeDiscordRest, createDiscordRest } from './rest.js';

export { buildPapersCommand, registerCommands, syncCommands } from './commands.js';
export { INTERACTIONS_PATH } from './http-endpoint.js';
export { inviteUrl } from './invite.js';
export { INVITE_PERMISSIONS } from './permissions.js';
export { createDiscordPublisher } from './publisher.js';
export { createDiscordRest } from './rest.js';

/** Tuning with production defaults; tests shrink the timeouts. */
export interface DiscordAdapterOptions {
  /** Extra discord.js REST options, for the adapter's REST and the gateway Client's. */
  rest: Partial<RESTOptions>;
  /** Answer interactions directly when done within this many ms, else defer (0: always defer). */
  deferAfterMs: number;
  /** Longer rate-limit waits are returned to the delivery engine instead of waited out. */
  maxRateLimitWaitMs: number;
  /** Re-register `/papers` at start when the definitions changed (GET, compare, PUT). */
  registerOnStart: boolean;
  /** Register at start in this guild instead of globally. */
  commandGuildId: string | undefined;
}

export const DEFAULT_DISCORD_OPTIONS = {
  rest: {},
  deferAfterMs: 2_000,
  maxRateLimitWaitMs: 10_000,
  registerOnStart: true,
  commandGuildId: undefined,
} as const satisfies DiscordAdapterOptions;

export interface DiscordAdapterDeps {
  config: Config['discord'];
  /** The bot's HTTP server; HTTP mode mounts `POST /discord/interactions` on it. */
  http: HttpServer;
  commandDeps: CommandDeps;
  logger: Logger;
  /** For signature freshness (default: the system clock). */
  clock?: Clock;
  options?: Partial<DiscordAdapterOptions>;
}

export interface DiscordAdapter extends PlatformAdapter {
  readonly mode: 'http' | 'gateway';
  readonly publisher: DigestPublisher;
}

/**
 * The Discord platform: the digest publisher, and slash commands received in one of two modes,
 * both feeding the same handlers. HTTP mode (DISCORD_PUBLIC_KEY set) mounts the signed
 * interactions endpoint on the bot's HTTP server now; gateway mode (the default) connects a
 * discord.js Client on `start()`. `start()` also re-registers `/papers` when it changed.
 */
export function createDiscordAdapter(deps: DiscordAdapterDeps): DiscordAdapter {
  const { config } = deps;
  if (!config.token || !config.applicationId) {
    throw new AppError(
      'config.invalid',
      'Discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (Developer Portal → your application).',
    );
  }
  const token = config.token;
  const applicationId = config.applicationId;
  const options: DiscordAdapterOptions = { ...DEFAULT_DISCORD_OPTIONS, ...deps.options };
  const logger = deps.logger.child({ platform: 'discord' });
  const rest = createDiscordRest(
    {
      token,
      apiBaseUrl: config.apiBaseUrl,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs,
      rest: options.rest,
    },
    logger,
  );
  const publisher = createDiscordPublisher({ rest, logger });
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const handler = { commandDeps: deps.commandDeps, logger, deferAfterMs: options.deferAfterMs };
  const mode = config.publicKey ? 'http' : 'gateway';
  let stopped = false;

  if (config.publicKey) {
    mountInteractionsEndpoint({
      http: deps.http,
      publicKey: config.publicKey,
      rest,
      handler,
      logger,
      clock: deps.clock ?? systemClock,
      track,
      isStopped: () => stopped,
    });
  }
  const gateway =
    mode === 'gateway'
      ? createGateway({
          token,
          apiBaseUrl: config.apiBaseUrl,
          rest: options.rest,
          handler,
          logger,
          track,
        })
      : null;

  return {
    platform: 'discord',
    mode,
    publisher,
    start: async () => {
      if (options.registerOnStart) {
        try {
          await syncCommands(rest, applicationId, logger, options.commandGuildId);
        } catch (error) {
          // Digests still work; the commands keep their previous definition.
          logger.error('discord command registration failed', { error: describeError(error) });
        }
      }
      await gateway?.start();
      logger.info('discord adapter started', { mode });
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await gateway?.stop();
      await Promise.allSettled([...inFlight]);
      closeDiscordRest(rest);
    },
  };
}
