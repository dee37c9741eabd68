import type { CommandContext, CommandDeps } from '../../../commands/command.js';
import {
  GENERIC_FAILURE,
  permissionRefusal,
  runAction,
  runCommand,
  suggest,
  unknownCommandReply,
} from '../../../commands/dispatch.js';
import { findCommand } from '../../../commands/index.js';
import { type Reply, callerReply, text } from '../../core/reply.js';
import { describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { COMMAND_NAME } from './commands.js';
import { clipRaw, oneLine } from './escape.js';
import { DISCORD_LIMITS } from './limits.js';
import {
  MANAGE_CHANNELS_HINT,
  canManageChannel,
  checkBotPermissions,
  missingPermissionsReply,
  recommendedPermissionsNote,
} from './permissions.js';
import { type DiscordMessage, renderReply } from './render.js';

/**
 * The handling both inbound modes share. The HTTP endpoint and the gateway each turn what they
 * receive into an `InboundInteraction` and give a responder for their transport; everything
 * else (commands, buttons, autocomplete, permissions, deferring, rendering) happens here.
 */

/** An option as Discord sends it (the HTTP payload and discord.js's `options.data` agree). */
export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: readonly RawOption[] | undefined;
  focused?: boolean | undefined;
}

/** Where an interaction happened and who may do what there. */
export interface InteractionOrigin {
  guildId: string | null;
  channelId: string | null;
  /** Channel type (threads need Send Messages in Threads), when known. */
  channelType: number | null;
  userId: string;
  memberPermissions: bigint | null;
  appPermissions: bigint | null;
}

export type InboundInteraction =
  | {
      kind: 'command';
      origin: InteractionOrigin;
      commandName: string;
      options: readonly RawOption[];
    }
  | {
      kind: 'autocomplete';
      origin: InteractionOrigin;
      commandName: string;
      options: readonly RawOption[];
    }
  | { kind: 'component'; origin: InteractionOrigin; customId: string };

export type Choice = { name: string; value: string };

/**
 * How answers reach Discord. The first call of reply/update/suggest/defer/deferUpdate is the
 * interaction response (types 4, 7, 8, 5, 6); editOriginal and followUp use the interaction
 * webhook afterwards.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
export interface InteractionResponder {
  reply(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  update(message: DiscordMessage): Promise<void>;
  suggest(choices: Choice[]): Promise<void>;
  defer(ephemeral: boolean): Promise<void>;
  deferUpdate(): Promise<void>;
  editOriginal(message: DiscordMessage): Promise<void>;
  followUp(message: DiscordMessage, ephemeral: boolean): Promise<void>;
}

export interface InteractionHandlerDeps {
  commandDeps: CommandDeps;
  logger: Logger;
  /**
   * Answer directly when the work finishes within this many ms, else defer and edit later
   * (Discord allows 3 s for the first response). 0 always defers.
   */
  deferAfterMs: number;
}

const SUBCOMMAND = 1;

const NOT_IN_SERVER = callerReply([
  '/papers works in server channels only, not in direct messages.',
]);

function contextOf(origin: InteractionOrigin): CommandContext | null {
  if (!origin.guildId || !origin.channelId) return null;
  return {
    channel: { platform: 'discord', workspaceId: origin.guildId, channelId: origin.channelId },
    userId: origin.userId,
    canManageChannel: canManageChannel(origin.memberPermissions),
  };
}

const inputOf = (sub: RawOption): Record<string, unknown> =>
  Object.fromEntries(
    (sub.options ?? [])
      .filter((o) => o.value !== undefined && o.value !== null)
      .map((o) => [o.name, o.value]),
  );

/** `/papers <sub>`: the Discord-specific checks first, then the neutral dispatcher. */
async function commandReply(
  inbound: Extract<InboundInteraction, { kind: 'command' }>,
  ctx: CommandContext,
  deps: InteractionHandlerDeps,
): Promise<Reply> {
  if (inbound.commandName !== COMMAND_NAME) return unknownCommandReply(inbound.commandName);
  const sub = inbound.options.find((o) => o.type === SUBCOMMAND);
  if (!sub) return runCommand('help', {}, ctx, deps.commandDeps, { logger: deps.logger });
  const input = inputOf(sub);
  const command = findCommand(sub.name);
  if (command?.mutates && !ctx.canManageChannel) {
    const parsed = command.schema.safeParse(input);
    if (parsed.success && (command.mutatesWith?.(parsed.data) ?? true)) {
      return permissionRefusal(MANAGE_CHANNELS_HINT);
    }
  }
  const bot = checkBotPermissions(inbound.origin.appPermissions, inbound.origin.channelType);
  const subscribing = sub.name === 'subscribe' && ctx.canManageChannel;
  if (subscribing && bot.missing.length > 0) {
    return missingPermissionsReply(bot, inbound.origin.channelType);
  }
  const reply = await runCommand(sub.name, input, ctx, deps.commandDeps, { logger: deps.logger });
  const note = subscribing ? recommendedPermissionsNote(bot) : null;
  return note ? { ...reply, blocks: [...reply.blocks, text(note)] } : reply;
}

async function replyFor(inbound: InboundInteraction, deps: InteractionHandlerDeps): Promise<Reply> {
  const ctx = contextOf(inbound.origin);
  if (!ctx) return NOT_IN_SERVER;
  try {
    if (inbound.kind === 'component') {
      return await runAction(inbound.customId, ctx, deps.commandDeps, { logger: deps.logger });
    }
    if (inbound.kind === 'command') return await commandReply(inbound, ctx, deps);
    return callerReply(['Nothing to do.']);
  } catch (error) {
    deps.logger.error('discord interaction failed', { error: describeError(error) });
    return callerReply([GENERIC_FAILURE]);
  }
}

const clipChoice = (s: string, max: number): string => (s.length <= max ? s : clipRaw(s, max - 1));

/** Autocomplete: at most 25 choices, names 1–100 and values up to 100 characters. */
export function choicesFor(
  inbound: Extract<InboundInteraction, { kind: 'autocomplete' }>,
  deps: InteractionHandlerDeps,
): Choice[] {
  const ctx = contextOf(inbound.origin);
  const sub = inbound.options.find((o) => o.type === SUBCOMMAND);
  const focused = sub?.options?.find((o) => o.focused);
  if (!ctx || !sub || !focused || inbound.commandName !== COMMAND_NAME) return [];
  return suggest(sub.name, focused.name, String(focused.value ?? ''), ctx, deps.commandDeps, {
    logger: deps.logger,
  })
    .filter((c) => c.value.length <= DISCORD_LIMITS.choiceValue)
    .slice(0, DISCORD_LIMITS.choices)
    .map((c) => ({
      name: clipChoice(oneLine(c.name) || c.value, DISCORD_LIMITS.choiceName),
      value: c.value,
    }))
    .filter((c) => c.name.length > 0);
}

/** The reply, answered directly (types 4 or 7) with follow-ups for extra messages. */
async function answer(
  inbound: InboundInteraction,
  reply: Reply,
  responder: InteractionResponder,
): Promise<void> {
  const [first, ...more] = renderReply(reply);
  const ephemeral = reply.visibility === 'caller';
  if (!first) return;
  if (inbound.kind === 'component' && reply.replaceOriginal) await responder.update(first);
  else await responder.reply(first, ephemeral);
  for (const message of more) await responder.followUp(message, ephemeral);
}

/** The reply after a deferral: edit the deferred message, or follow up when visibility differs. */
async function answerDeferred(
  inbound: InboundInteraction,
  reply: Reply,
  responder: InteractionResponder,
): Promise<void> {
  const messages = renderReply(reply);
  const ephemeral = reply.visibility === 'caller';
  const editsOriginal = inbound.kind === 'component' ? reply.replaceOriginal === true : ephemeral;
  const [first, ...more] = messages;
  if (editsOriginal && first) {
    await responder.editOriginal(first);
    for (const message of more) await responder.followUp(message, ephemeral);
    return;
  }
  if (inbound.kind === 'command') {
    // Deferred as "only you", but the answer is for everyone: say so, then post it.
    await responder.editOriginal(
      renderReply(callerReply(['Posted in the channel.']))[0] as DiscordMessage,
    );
  }
  for (const message of messages) await responder.followUp(message, ephemeral);
}

function timeout(ms: number): { promise: Promise<'late'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Handles one interaction end to end. Commands and buttons answer directly when the work is
 * done within `deferAfterMs`; otherwise they defer (commands as "only you", the default of every
 * command reply; buttons without a visible state) and edit or follow up once done. Never throws.
 */
export async function handleInteraction(
  inbound: InboundInteraction,
  responder: InteractionResponder,
  deps: InteractionHandlerDeps,
): Promise<void> {
  try {
    if (inbound.kind === 'autocomplete') {
      await responder.suggest(choicesFor(inbound, deps));
      return;
    }
    const work = replyFor(inbound, deps);
    if (deps.deferAfterMs > 0) {
      const timer = timeout(deps.deferAfterMs);
      const first = await Promise.race([work, timer.promise]);
      timer.cancel();
      if (first !== 'late') {
        await answer(inbound, first, responder);
        return;
      }
    }
    if (inbound.kind === 'component') await responder.deferUpdate();
    else await responder.defer(true);
    await answerDeferred(inbound, await work, responder);
  } catch (error) {
    deps.logger.error('discord interaction response failed', {
      kind: inbound.kind,
      error: describeError(error),
    });
  }
}
