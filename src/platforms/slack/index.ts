import { webApi } from '@slack/bolt';
import type { CommandDeps } from '../../../commands/command.js';
import type { Config } from '../../config/schema.js';
import type { PlatformAdapter } from '../../core/digest/publisher.js';
import type { HttpServer } from '../../http/http-server.js';
import { AppError, describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { toBoltLogger } from './bolt-logger.js';
import { PERMANENT_ERRORS, slackErrorCode } from './errors.js';
import { registerHandlers } from './handlers.js';
import { createManagerCheck, createMembershipCheck } from './permissions.js';
import { createSlackPublisher } from './publisher.js';
import { SLACK_EVENTS_PATH, createBoltApp } from './receivers.js';

export { buildManifest, formatManifest, BOT_SCOPES, type ManifestOptions } from './manifest.js';
export { SLACK_EVENTS_PATH } from './receivers.js';

export interface SlackAdapterDeps {
  /** `config.slack`: botToken required; appToken → Socket Mode, else signingSecret → HTTP mode. */
  config: Config['slack'];
  /** The bot's one HTTP server; HTTP mode mounts POST /slack/events on it. */
  http: HttpServer;
  commandDeps: CommandDeps;
  logger: Logger;
  /**
   * WebClient retries for Web API reads and command lookups (and Socket Mode's
   * `apps.connections.open`). Default `fiveRetriesInFiveMinutes`; tests pass a tiny one.
   * Digest posts never retry inside the WebClient: the delivery engine retries them after
   * checking `findPublished`, so a post is never sent twice.
   */
  retryConfig?: webApi.RetryOptions;
  /** Per-request timeout of Web API calls in ms; default 30 000. */
  requestTimeoutMs?: number;
  /** The slash command configured in the Slack app; default `/papers`. */
  commandName?: string;
}

/** A start failure that says which token Slack refused, or that Slack was not reachable. */
function startError(
  error: unknown,
  token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
  apiBaseUrl: string,
): AppError {
  const code = slackErrorCode(error);
  if (!code) {
    return new AppError(
      'internal',
      `Could not reach Slack at ${apiBaseUrl}: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  const fix =
    token === 'SLACK_BOT_TOKEN'
      ? (PERMANENT_ERRORS[code]?.message() ?? '')
          .replace(/^Slack rejected the bot token\. /, '')
          .replace(/, then run \/papers subscribe.*$/, '.')
      : 'Create an app-level token with the connections:write scope (Basic Information → App-Level Tokens), put it in SLACK_APP_TOKEN (xapp-…) and make sure Socket Mode is enabled.';
  return new AppError('config.invalid', `Slack refused ${token} (${code}). ${fix}`.trim(), {
    cause: error,
  });
}

/** How long stop() waits for interactions in flight. */
const STOP_GRACE_MS = 5_000;

/** The Slack adapter; `mode` says which inbound receiver runs. */
export interface SlackAdapter extends PlatformAdapter {
  readonly mode: 'socket' | 'http';
}

export const DEFAULT_SLACK_OPTIONS = {
  retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
  requestTimeoutMs: 30_000,
  commandName: '/papers',
} as const satisfies Required<
  Pick<SlackAdapterDeps, 'retryConfig' | 'requestTimeoutMs' | 'commandName'>
>;

/**
 * The Slack platform: one Bolt App (Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode on the
 * bot's server at /slack/events), the `/papers` listeners, and the digest publisher.
 * `start()` verifies the token (`auth.test`) and, in Socket Mode, connects; `stop()` disconnects.
 */
export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { config } = deps;
  if (!config.botToken)
    throw new AppError('config.invalid', 'SLACK_BOT_TOKEN is required for Slack.');
  const mode: SlackAdapter['mode'] = config.appToken ? 'socket' : 'http';
  if (mode === 'http' && !config.signingSecret) {
    throw new AppError(
      'config.invalid',
      'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).',
    );
  }
  const logger = deps.logger.child({ platform: 'slack', mode });
  const boltLogger = toBoltLogger(logger);
  const retryConfig = deps.retryConfig ?? DEFAULT_SLACK_OPTIONS.retryConfig;
  const timeoutMs = deps.requestTimeoutMs ?? DEFAULT_SLACK_OPTIONS.requestTimeoutMs;
  const { app, setReady } = createBoltApp({
    mode,
    botToken: config.botToken,
    ...(config.appToken ? { appToken: config.appToken } : {}),
    ...(config.signingSecret ? { signingSecret: config.signingSecret } : {}),
    apiBaseUrl: config.apiBaseUrl,
    retryConfig,
    timeoutMs,
    logger: boltLogger,
    http: deps.http,
  });

  const postClient = new webApi.WebClient(config.botToken, {
    slackApiUrl: config.apiBaseUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logger: boltLogger,
  });
  const publisher = createSlackPublisher({ postClient, readClient: app.client, logger });

  const handlers = registerHandlers(app, {
    commandDeps: deps.commandDeps,
    logger,
    commandName: deps.commandName ?? DEFAULT_SLACK_OPTIONS.commandName,
    membersManage: config.managers === 'members',
    canManage: createManagerCheck({ managers: config.managers, client: app.client, logger }),
    botIsMember: createMembershipCheck({ client: app.client, logger }),
  });
  app.error(async (error) => {
    logger.error('slack listener failed', { code: error.code, error: error.message });
  });

  let state: 'new' | 'started' | 'stopped' = 'new';
  return {
    platform: 'slack',
    publisher,
    mode,
    start: async () => {
      if (state !== 'new') return;
      try {
        await app.init();
      } catch (error) {
        throw startError(error, 'SLACK_BOT_TOKEN', config.apiBaseUrl);
      }
      state = 'started';
      setReady(true);
      if (mode === 'socket') {
        try {
          await app.start();
        } catch (error) {
          throw startError(error, 'SLACK_APP_TOKEN', config.apiBaseUrl);
        }
      }
      logger.info('slack ready', { mode, ...(mode === 'http' ? { path: SLACK_EVENTS_PATH } : {}) });
    },
    stop: async () => {
      if (state !== 'started') {
        state = 'stopped';
        return;
      }
      state = 'stopped';
      setReady(false);
      if (mode === 'socket') await app.stop();
      // Let answers already being worked on reach Slack before the caller closes the database.
      await Promise.race([
        handlers.idle(),
        new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref()),
      ]);
    },
  };
}
