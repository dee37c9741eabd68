import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import type { CommandOption } from '../../../commands/command.js';
import { type AnyCommand, COMMANDS } from '../../../commands/index.js';
import type { Logger } from '../../shared/logger.js';
import { clipRaw, oneLine } from './escape.js';
import { DISCORD_LIMITS } from './limits.js';

/** The one top-level slash command; every neutral command is one of its subcommands. */
export const COMMAND_NAME = 'papers';

const DESCRIPTION =
  'Hugging Face Daily Papers: search, top papers, and a daily digest for this channel';

const describe = (text: string): string =>
  clipRaw(oneLine(text), DISCORD_LIMITS.commandDescription - 1) || 'No description';

function toOption(option: CommandOption): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    description: describe(option.description),
    required: option.required ?? false,
  };
  if (option.type === 'integer') {
    return {
      ...base,
      type: ApplicationCommandOptionType.Integer,
      ...(option.choices
        ? { choices: option.choices.map((c) => ({ name: c.name, value: Number(c.value) })) }
        : {}),
      ...(option.minValue !== undefined ? { min_value: option.minValue } : {}),
      ...(option.maxValue !== undefined ? { max_value: option.maxValue } : {}),
    };
  }
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(option.choices
      ? { choices: option.choices.map((c) => ({ name: c.name, value: c.value })) }
      : option.autocomplete
        ? { autocomplete: true }
        : {}),
    ...(option.maxLength !== undefined ? { max_length: option.maxLength } : {}),
  };
}

function toSubcommand(command: AnyCommand): APIApplicationCommandSubcommandOption {
  // Discord requires the required options first.
  const options = [...command.options].sort(
    (a, b) => Number(b.required ?? false) - Number(a.required ?? false),
  );
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: describe(command.description),
    options: options.slice(0, DISCORD_LIMITS.optionsPerLevel).map(toOption),
  };
}

/**
 * `/papers` with one subcommand per neutral command definition: string and integer options,
 * fixed choices, autocomplete (the unsubscribe topic), min/max values and lengths. Usable in
 * servers only (`contexts: [0]`). No `default_member_permissions`: everyone may search, and the
 * changing subcommands check Manage Channels at run time (a per-subcommand default does not exist).
 * @see https://discord.com/developers/docs/interactions/application-commands#application-command-object
 */
export function buildPapersCommand(
  commands: readonly AnyCommand[] = COMMANDS,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND_NAME,
    description: DESCRIPTION,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: commands.slice(0, DISCORD_LIMITS.optionsPerLevel).map(toSubcommand),
  };
}

/** Fields Discord fills in or leaves out are normalised so equal definitions compare equal. */
function canonicalOption(o: Record<string, unknown>): unknown {
  const choices = Array.isArray(o.choices)
    ? (o.choices as Array<{ name: unknown; value: unknown }>).map((c) => [c.name, c.value])
    : [];
  return [
    o.type,
    o.name,
    o.description,
    o.required ?? false,
    o.autocomplete ?? false,
    choices,
    o.min_value ?? null,
    o.max_value ?? null,
    o.min_length ?? null,
    o.max_length ?? null,
    Array.isArray(o.options)
      ? (o.options as Array<Record<string, unknown>>).map(canonicalOption)
      : [],
  ];
}

function canonicalCommand(c: Record<string, unknown>): unknown {
  return [
    c.name,
    c.type ?? ApplicationCommandType.ChatInput,
    c.description,
    c.default_member_permissions ?? null,
    c.contexts ?? null,
    c.integration_types ?? null,
    c.nsfw ?? false,
    Array.isArray(c.options)
      ? (c.options as Array<Record<string, unknown>>).map(canonicalOption)
      : [],
  ];
}

/** Whether the registered commands are exactly the wanted ones (same order of options). */
export function sameCommands(current: readonly unknown[], wanted: readonly unknown[]): boolean {
  const key = (list: readonly unknown[]) =>
    JSON.stringify(
      list
        .map((c) => canonicalCommand(c as Record<string, unknown>))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  return key(current) === key(wanted);
}

const commandsRoute = (applicationId: string, guildId?: string) =>
  guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);

/**
 * Bulk-overwrites the application's commands with `/papers` (global, or one guild for testing:
 * guild commands update instantly). This replaces every command of the application.
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  guildId?: string,
  commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] = [buildPapersCommand()],
): Promise<Array<{ id: string; name: string }>> {
  return (await rest.put(commandsRoute(applicationId, guildId), {
    body: commands,
  })) as Array<{ id: string; name: string }>;
}

/**
 * Registers `/papers` only when what Discord has differs from the definitions (a GET first),
 * so a restart does not spend one of the daily command creates.
 */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  logger: Logger,
  guildId?: string,
): Promise<'unchanged' | 'registered'> {
  const current = (await rest.get(commandsRoute(applicationId, guildId))) as unknown[];
  if (sameCommands(current, [buildPapersCommand()])) {
    logger.debug('discord commands unchanged', { scope: guildId ?? 'global' });
    return 'unchanged';
  }
  await registerCommands(rest, applicationId, guildId);
  logger.info('discord commands registered', { scope: guildId ?? 'global' });
  return 'registered';
}
