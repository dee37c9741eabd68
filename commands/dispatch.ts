import type { z } from 'zod';
import { channelKey } from '../src/core/channels/channel.js';
import { type Reply, callerReply } from '../src/core/reply.js';
import { UserFacingError, describeError, toAppError } from '../src/shared/errors.js';
import type { Logger } from '../src/shared/logger.js';
import type { CommandContext, CommandDeps } from './command.js';
import { type AnyCommand, findCommand } from './index.js';

/**
 * The platform-neutral entry points the Discord and Slack adapters call. Each one always answers:
 * bad input, missing permission and our own failures all become a short caller-only reply, and
 * nothing is stored unless the input was valid and the caller allowed.
 */

export interface DispatchOptions {
  /** Failures that are our fault are logged here with the command and channel. */
  logger?: Logger;
}

export const PERMISSION_REFUSAL =
  'Only people who can manage this channel can change its subscriptions. Ask a channel manager, or use /papers preview to try settings.';

export const GENERIC_FAILURE =
  'Something went wrong on our side; it has been logged. Try again in a minute.';

/** Button ids are capped by the platforms (Discord 100 characters). */
const ACTION_ID_MAX = 100;
/** Autocomplete never needs more than a topic's length. */
const PARTIAL_MAX = 200;

/**
 * The refusal for a changing command run without permission. Adapters may add how permission is
 * granted on their platform (e.g. "Manage Channels" on Discord).
 */
export function permissionRefusal(platformHint?: string): Reply {
  return callerReply([platformHint ? `${PERMISSION_REFUSAL} ${platformHint}` : PERMISSION_REFUSAL]);
}

/** The answer to a subcommand that does not exist. */
export function unknownCommandReply(name: string): Reply {
  const shown = name.length > 30 ? `${name.slice(0, 29)}…` : name;
  return callerReply([`There is no /papers ${shown} command. /papers help lists every command.`]);
}

/** One line per option that failed validation (its first problem), in option order. */
export function inputErrorReply(issues: readonly z.core.$ZodIssue[]): Reply {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(
      key === '' ? 'That input was not understood. /papers help shows examples.' : issue.message,
    );
  }
  return callerReply(...lines.map((line) => [line]));
}

/** Options as the schema expects them: absent options are left out, never null. */
function presentOptions(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== null));
}

function failureReply(
  error: unknown,
  where: { command: string; ctx: CommandContext; what: string },
  options: DispatchOptions,
): Reply {
  if (error instanceof UserFacingError) return callerReply([error.message]);
  const appError = toAppError(error);
  options.logger?.error(`${where.what} failed`, {
    command: where.command,
    channel: channelKey(where.ctx.channel),
    platform: where.ctx.channel.platform,
    workspaceId: where.ctx.channel.workspaceId,
    channelId: where.ctx.channel.channelId,
    code: appError.code,
    error: describeError(error),
  });
  return callerReply([GENERIC_FAILURE]);
}

const refuses = (command: AnyCommand, input: unknown, ctx: CommandContext): boolean =>
  command.mutates && (command.mutatesWith?.(input) ?? true) && !ctx.canManageChannel;

/**
 * Runs `/papers <name>` with the options as the platform sent them. Unknown command → a pointer
 * to help; invalid options → one message per option; a changing command without permission → the
 * refusal; any error → its message when it is meant for people, else a generic reply (logged).
 */
export async function runCommand(
  name: string,
  rawInput: Record<string, unknown>,
  ctx: CommandContext,
  deps: CommandDeps,
  options: DispatchOptions = {},
): Promise<Reply> {
  const command = findCommand(name);
  if (!command) return unknownCommandReply(name);
  try {
    const parsed = command.schema.safeParse(presentOptions(rawInput));
    if (!parsed.success) return inputErrorReply(parsed.error.issues);
    if (refuses(command, parsed.data, ctx)) return permissionRefusal();
    return await command.handle(parsed.data, ctx, deps);
  } catch (error) {
    return failureReply(error, { command: command.name, ctx, what: 'command' }, options);
  }
}

/**
 * Handles a button press. Button ids are `<command>:<rest>`; the command's `action` decides.
 * Unknown or stale buttons get a caller-only hint.
 */
export async function runAction(
  actionId: string,
  ctx: CommandContext,
  deps: CommandDeps,
  options: DispatchOptions = {},
): Promise<Reply> {
  const stale = callerReply(['That button no longer works; run the command again.']);
  if (actionId.length > ACTION_ID_MAX) return stale;
  const name = actionId.slice(0, Math.max(0, actionId.indexOf(':')));
  const command = name ? findCommand(name) : undefined;
  if (!command?.action || command.name !== name) return stale;
  if (command.mutates && !ctx.canManageChannel) return permissionRefusal();
  try {
    return await command.action(actionId, ctx, deps);
  } catch (error) {
    return failureReply(error, { command: command.name, ctx, what: 'button' }, options);
  }
}

/**
 * Autocomplete for one option while the person types. Never throws: a failure suggests nothing
 * (and is logged), since autocomplete cannot show an error.
 */
export function suggest(
  name: string,
  option: string,
  partial: string,
  ctx: CommandContext,
  deps: CommandDeps,
  options: DispatchOptions = {},
): Array<{ name: string; value: string }> {
  const command = findCommand(name);
  if (!command?.suggest) return [];
  try {
    return command.suggest(option, partial.slice(0, PARTIAL_MAX), ctx, deps);
  } catch (error) {
    failureReply(error, { command: command.name, ctx, what: 'autocomplete' }, options);
    return [];
  }
}
