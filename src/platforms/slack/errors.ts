import type { PublishResult } from '../../core/digest/publisher.js';
import { describeError } from '../../shared/errors.js';

/**
 * Slack Web API failures → the core's publish outcomes. Errors are recognised by their `code`
 * (as bolt's `asCodedError` does) rather than `instanceof`, so a second copy of @slack/web-api
 * cannot break the classification.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#errors
 */

type Failure = Exclude<PublishResult, { ok: true }>;

interface SlackErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown; needed?: unknown; response_metadata?: { retryAfter?: unknown } };
}

const shape = (error: unknown): SlackErrorShape =>
  typeof error === 'object' && error !== null ? (error as SlackErrorShape) : {};

/** The Slack error string of a platform error (`not_in_channel`, …), else undefined. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = shape(error);
  return e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string'
    ? e.data.error
    : undefined;
}

const RESUME = 'then run /papers subscribe in the channel to resume';

/** What each permanent error means and how a person fixes it. */
export const PERMANENT_ERRORS: Record<
  string,
  { code: 'forbidden' | 'not_found' | 'auth' | 'archived'; message: (needed?: string) => string }
> = {
  not_in_channel: {
    code: 'forbidden',
    message: () =>
      `Paperboy is not a member of this channel. Invite it with /invite @Paperboy, ${RESUME}.`,
  },
  channel_not_found: {
    code: 'not_found',
    message: () =>
      `Slack cannot find this channel for Paperboy: it was deleted, or it is private and Paperboy was never invited. Invite it with /invite @Paperboy, ${RESUME}.`,
  },
  is_archived: {
    code: 'archived',
    message: () => `The channel is archived. Unarchive it, ${RESUME}.`,
  },
  missing_scope: {
    code: 'forbidden',
    message: (needed) =>
      `The Slack app lacks the ${needed ? `"${needed}" ` : ''}permission. Add the scopes from \`paperboy slack manifest\` (OAuth & Permissions), reinstall the app to the workspace, ${RESUME}.`,
  },
  restricted_action: {
    code: 'forbidden',
    message: () =>
      `Workspace settings do not let Paperboy post in this channel. Ask a workspace admin to allow apps to post here, ${RESUME}.`,
  },
  invalid_auth: {
    code: 'auth',
    message: () =>
      `Slack rejected the bot token. Copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page into SLACK_BOT_TOKEN, restart Paperboy, ${RESUME}.`,
  },
  not_authed: {
    code: 'auth',
    message: () =>
      `Paperboy sent no Slack token. Set SLACK_BOT_TOKEN (xoxb-…), restart Paperboy, ${RESUME}.`,
  },
  token_revoked: {
    code: 'auth',
    message: () =>
      `The Slack bot token was revoked (the app was uninstalled?). Reinstall the app, put the new Bot User OAuth Token into SLACK_BOT_TOKEN, restart Paperboy, ${RESUME}.`,
  },
  account_inactive: {
    code: 'auth',
    message: () =>
      `Slack says the bot's account is inactive (the app was uninstalled or its bot user deactivated). Reinstall the app, update SLACK_BOT_TOKEN, restart Paperboy, ${RESUME}.`,
  },
};

/** Our own messages that Slack refused: retrying will not help, but pausing the channel is wrong. */
const OUR_BUGS = new Set([
  'invalid_blocks',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'invalid_arguments',
]);

/** Classifies anything a Web API call threw. */
export function classifySlackError(error: unknown): Failure {
  const e = shape(error);
  if (e.code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : 1;
    return {
      ok: false,
      kind: 'rate_limited',
      retryAfterMs: Math.max(0, seconds) * 1_000,
      message: `Slack rate limit: retry after ${seconds} s`,
    };
  }
  const slackCode = slackErrorCode(error);
  if (slackCode === 'ratelimited' || slackCode === 'rate_limited') {
    const after = e.data?.response_metadata?.retryAfter;
    const seconds = typeof after === 'number' ? after : 1;
    return {
      ok: false,
      kind: 'rate_limited',
      retryAfterMs: seconds * 1_000,
      message: `Slack rate limit (${slackCode}): retry after ${seconds} s`,
    };
  }
  if (slackCode) {
    const permanent = PERMANENT_ERRORS[slackCode];
    if (permanent) {
      const needed = typeof e.data?.needed === 'string' ? e.data.needed : undefined;
      return {
        ok: false,
        kind: 'permanent',
        code: permanent.code,
        message: permanent.message(needed),
      };
    }
    if (OUR_BUGS.has(slackCode)) {
      return {
        ok: false,
        kind: 'transient',
        message: `Slack refused the message (${slackCode}); this is a Paperboy bug, please report it`,
      };
    }
    return { ok: false, kind: 'transient', message: `Slack error: ${slackCode}` };
  }
  if (e.code === 'slack_webapi_http_error') {
    return { ok: false, kind: 'transient', message: `Slack answered HTTP ${String(e.statusCode)}` };
  }
  return { ok: false, kind: 'transient', message: `Slack unreachable: ${describeError(error)}` };
}
