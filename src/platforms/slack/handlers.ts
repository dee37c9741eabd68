import type { App, RespondFn } from '@slack/bolt';
import type { CommandContext, CommandDeps } from '../../../commands/command.js';
import {
  GENERIC_FAILURE,
  runAction,
  runCommand,
  unknownCommandReply,
} from '../../../commands/dispatch.js';
import { type AnyCommand, COMMANDS, findCommand } from '../../../commands/index.js';
import type { ChannelRef } from '../../core/channels/channel.js';
import { type Reply, callerReply } from '../../core/reply.js';
import { describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { ManageCheck, MembershipCheck } from './permissions.js';
import { renderReply } from './render.js';
import { closestCommand, parseCommandText } from './text-parser.js';

/**
 * The `/papers` slash command and button listeners, shared by Socket Mode and HTTP mode. Every
 * listener calls `ack()` first (Slack waits at most 3 s), then does the work and answers through
 * `respond()` (the response_url, usable 5 times in 30 minutes): caller-only replies are ephemeral,
 * channel replies `in_channel`.
 */

export interface HandlerDeps {
  commandDeps: CommandDeps;
  logger: Logger;
  /** The slash command as configured in the Slack app (default `/papers`). */
  commandName: string;
  /** Whether members may manage without a lookup (`SLACK_MANAGERS=members`). */
  membersManage: boolean;
  canManage(userId: string): Promise<ManageCheck>;
  botIsMember(channelId: string): Promise<MembershipCheck>;
}

/** Where a command or button press came from. */
interface Origin {
  teamId: string;
  channelId: string;
  userId: string;
}

/** A response_url takes at most five messages. */
const RESPONSE_URL_USES = 5;

/** Whether running `command` with `input` changes something (so needs a manager). */
function changes(command: AnyCommand, input: Record<string, unknown>): boolean {
  if (!command.mutates) return false;
  const parsed = command.schema.safeParse(input);
  // Invalid input is answered by the dispatcher with the input errors, before any permission.
  if (!parsed.success) return false;
  return command.mutatesWith?.(parsed.data) ?? true;
}

const refuse = (reason: string): Reply => callerReply([reason]);

/** `/papers …` text → the reply, with Slack's own permission and membership checks first. */
export async function answerCommand(
  text: string,
  origin: Origin,
  deps: HandlerDeps,
): Promise<Reply> {
  const parsed = parseCommandText(text, COMMANDS);
  if (parsed.kind === 'unknown') {
    const reply = unknownCommandReply(parsed.name);
    const close = closestCommand(parsed.name, COMMANDS);
    return close
      ? {
          ...reply,
          blocks: [...reply.blocks, ...callerReply([`Did you mean /papers ${close}?`]).blocks],
        }
      : reply;
  }
  if (parsed.kind === 'invalid') return refuse(parsed.message);
  const command = findCommand(parsed.name);
  if (!command) return unknownCommandReply(parsed.name);

  let canManageChannel = deps.membersManage;
  if (changes(command, parsed.input)) {
    const check = await deps.canManage(origin.userId);
    if (!check.allowed) return refuse(check.reason);
    canManageChannel = true;
    if (command.name === 'subscribe') {
      const membership = await deps.botIsMember(origin.channelId);
      if (!membership.member) return refuse(`Not subscribed: ${membership.reason}`);
    }
  }
  return runCommand(
    parsed.name,
    parsed.input,
    context(origin, canManageChannel),
    deps.commandDeps,
    {
      logger: deps.logger,
    },
  );
}

/** A button press → the reply. */
export async function answerAction(
  actionId: string,
  origin: Origin,
  deps: HandlerDeps,
): Promise<Reply> {
  const command = findCommand(actionId.split(':')[0] ?? '');
  let canManageChannel = deps.membersManage;
  if (command?.mutates && !canManageChannel) {
    const check = await deps.canManage(origin.userId);
    if (!check.allowed) return refuse(check.reason);
    canManageChannel = true;
  }
  return runAction(actionId, context(origin, canManageChannel), deps.commandDeps, {
    logger: deps.logger,
  });
}

function context(origin: Origin, canManageChannel: boolean): CommandContext {
  const channel: ChannelRef = {
    platform: 'slack',
    workspaceId: origin.teamId,
    channelId: origin.channelId,
  };
  return { channel, userId: origin.userId, canManageChannel };
}

/** Sends a reply through respond(): ephemeral or in_channel, replacing the original if asked. */
export async function sendReply(respond: RespondFn, reply: Reply, logger: Logger): Promise<void> {
  const messages = renderReply(reply);
  if (messages.length > RESPONSE_URL_USES) {
    logger.warn('slack reply cut to the response_url limit', { messages: messages.length });
  }
  const responseType = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
  for (const [i, message] of messages.slice(0, RESPONSE_URL_USES).entries()) {
    await respond({
      response_type: responseType,
      text: message.text,
      ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
      ...(i === 0 && reply.replaceOriginal
        ? { replace_original: true }
        : { replace_original: false }),
      unfurl_links: false,
      unfurl_media: false,
    });
  }
}

/** Answers through respond(), and falls back to a generic line if the work itself failed. */
async function work(
  respond: RespondFn,
  logger: Logger,
  fields: Record<string, unknown>,
  run: () => Promise<Reply>,
): Promise<void> {
  let reply: Reply;
  try {
    reply = await run();
  } catch (error) {
    logger.error('slack interaction failed', { ...fields, error: describeError(error) });
    reply = callerReply([GENERIC_FAILURE]);
  }
  try {
    await sendReply(respond, reply, logger);
  } catch (error) {
    logger.error('slack respond failed', { ...fields, error: describeError(error) });
  }
}

/** Registers the listeners on a Bolt App; `idle()` resolves when no interaction is in flight. */
export function registerHandlers(app: App, deps: HandlerDeps): { idle(): Promise<void> } {
  const { logger } = deps;
  const inFlight = new Set<Promise<void>>();
  const track = async (task: Promise<void>): Promise<void> => {
    inFlight.add(task);
    try {
      await task;
    } finally {
      inFlight.delete(task);
    }
  };

  app.command(deps.commandName, async ({ command, ack, respond }) => {
    await ack();
    const origin = {
      teamId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
    };
    const fields = { ...origin, subcommand: command.text.trim().split(/\s+/)[0] ?? '' };
    logger.debug('slack command', fields);
    await track(work(respond, logger, fields, () => answerCommand(command.text, origin, deps)));
  });

  // Button ids are `<command>:<rest>` (see core/reply.ts Button).
  app.action(/^[a-z][a-z_-]*:/, async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action))
      return;
    const channelId = body.channel?.id;
    const teamId = body.team?.id ?? body.user.team_id;
    const origin = { teamId: teamId ?? '', channelId: channelId ?? '', userId: body.user.id };
    const fields = { ...origin, actionId: action.action_id };
    logger.debug('slack button', fields);
    const answer =
      channelId && teamId
        ? () => answerAction(action.action_id, origin, deps)
        : async () =>
            callerReply(['This button only works in a channel; run the command again there.']);
    await track(work(respond, logger, fields, answer));
  });

  return {
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
