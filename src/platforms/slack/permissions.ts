import type { webApi } from '@slack/bolt';
import type { Logger } from '../../shared/logger.js';
import { slackErrorCode } from './errors.js';

/** Who may change a channel's subscriptions and settings (`SLACK_MANAGERS`). */
export type SlackManagers = 'members' | 'admins';

export type ManageCheck = { allowed: true } | { allowed: false; reason: string };

/**
 * Decides whether a user may manage a channel's digests.
 *
 * - `members` (default): anyone in the channel. Slack only lets people who are in a conversation
 *   type in it, so whoever ran the command there is a member; no API call is needed.
 * - `admins`: workspace admins and owners only, checked with `users.info` (`is_admin`,
 *   `is_owner`, `is_primary_owner`), which needs the `users:read` scope.
 * @see https://docs.slack.dev/reference/methods/users.info
 */
export function createManagerCheck(deps: {
  managers: SlackManagers;
  client: webApi.WebClient;
  logger: Logger;
}) {
  return async (userId: string): Promise<ManageCheck> => {
    if (deps.managers === 'members') return { allowed: true };
    try {
      const result = await deps.client.users.info({ user: userId });
      const user = result.user;
      if (user?.is_admin || user?.is_owner || user?.is_primary_owner) return { allowed: true };
      return {
        allowed: false,
        reason:
          "In this workspace only Slack workspace admins and owners can change Paperboy's subscriptions and settings (Paperboy runs with SLACK_MANAGERS=admins). Ask an admin to run the command, or use /papers preview to see what the digest would look like.",
      };
    } catch (error) {
      const code = slackErrorCode(error);
      deps.logger.warn('slack users.info failed', { userId, code, error: String(error) });
      const fix =
        code === 'missing_scope'
          ? ' The app lacks the users:read scope: add it (see `paperboy slack manifest`) and reinstall the app.'
          : ' Try again in a minute.';
      return {
        allowed: false,
        reason: `Paperboy could not check whether you are a workspace admin or owner (Slack said: ${code ?? 'no answer'}), which this workspace requires for changing subscriptions.${fix}`,
      };
    }
  };
}

export type MembershipCheck = { member: true } | { member: false; reason: string };

/**
 * Whether the bot can post in a channel: `conversations.info` → `is_member`. A private channel
 * the bot was never invited to answers `channel_not_found`, which means the same to the user.
 * @see https://docs.slack.dev/reference/methods/conversations.info
 */
export function createMembershipCheck(deps: { client: webApi.WebClient; logger: Logger }) {
  const invite =
    'Invite it first: type /invite @Paperboy in this channel (or mention @Paperboy and choose "Add to channel"), then run the command again.';
  return async (channelId: string): Promise<MembershipCheck> => {
    try {
      const result = await deps.client.conversations.info({ channel: channelId });
      const channel = result.channel;
      if (channel?.is_member || channel?.is_im) return { member: true };
      if (channel?.is_archived) {
        return {
          member: false,
          reason: 'This channel is archived, so Paperboy cannot post digests here.',
        };
      }
      return {
        member: false,
        reason: `Paperboy is not in this channel yet, so it could not post digests here. ${invite}`,
      };
    } catch (error) {
      const code = slackErrorCode(error);
      deps.logger.warn('slack conversations.info failed', {
        channelId,
        code,
        error: String(error),
      });
      if (code === 'channel_not_found') {
        return {
          member: false,
          reason: `Paperboy cannot see this channel (it is private, or a direct message Paperboy is not part of). ${invite}`,
        };
      }
      if (code === 'missing_scope') {
        return {
          member: false,
          reason:
            'Paperboy cannot check its channel membership: the app lacks the channels:read / groups:read scopes. Add them (see `paperboy slack manifest`), reinstall the app, and try again.',
        };
      }
      return {
        member: false,
        reason: `Paperboy could not check this channel (Slack said: ${code ?? 'no answer'}). Try again in a minute.`,
      };
    }
  };
}
