import { type Command, InvalidArgumentError } from 'commander';
import { DiscordAPIError } from 'discord.js';
import { loadConfig } from '../config/load-config.js';
import { buildPapersCommand, inviteUrl, registerCommands } from '../platforms/discord/index.js';
import { closeDiscordRest, createDiscordRest } from '../platforms/discord/rest.js';
import { UserFacingError, describeError } from '../shared/errors.js';
import { type CliIo, EXIT, type WithApp } from './cli-io.js';

const NEEDS_APP_ID =
  'Set DISCORD_APPLICATION_ID to your application id (Developer Portal → your application → General Information → Application ID).';
const NEEDS_TOKEN =
  'Set DISCORD_TOKEN to the bot token (Developer Portal → your application → Bot → Reset Token).';

function parseGuildId(value: string): string {
  if (!/^\d{17,20}$/.test(value)) {
    throw new InvalidArgumentError(
      'a server (guild) id is a 17–20 digit number (right-click the server → Copy Server ID).',
    );
  }
  return value;
}

function explainFailure(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return `Discord rejected the token (401). ${NEEDS_TOKEN}`;
    if (error.code === 50001) {
      return 'Discord answered Missing Access: the bot is not in that server. Invite it first (paperboy discord invite-url).';
    }
    return `Discord refused: ${error.message} (HTTP ${error.status}, code ${String(error.code)}).`;
  }
  return `Could not reach Discord: ${describeError(error)}.`;
}

/**
 * `paperboy discord register [--guild ID]` (bulk-overwrites the application's commands with
 * `/papers`) and `paperboy discord invite-url` (the link that adds the bot to a server).
 */
export function registerDiscordCommands(program: Command, io: CliIo, withApp: WithApp): void {
  const discord = program
    .command('discord')
    .description('Discord setup: register the /papers slash command, print the invite link.');

  discord
    .command('register')
    .description(
      'Register /papers with Discord (replaces all commands of the application). Global by default; --guild registers in one server only, which shows up instantly (for testing). The bot also does this at start when the command changed.',
    )
    .option('--guild <id>', 'register in this server (guild) only', parseGuildId)
    .option('--clear', 'remove the commands instead (e.g. a guild copy after testing)')
    .action(async (flags: { guild?: string; clear?: boolean }) =>
      withApp(async (app) => {
        const { token, applicationId, apiBaseUrl } = app.config.discord;
        if (!applicationId) throw new UserFacingError('config.invalid', NEEDS_APP_ID);
        if (!token) throw new UserFacingError('config.invalid', NEEDS_TOKEN);
        const rest = createDiscordRest(
          { token, apiBaseUrl, maxRateLimitWaitMs: 60_000 },
          app.logger.child({ component: 'discord' }),
        );
        try {
          const where = flags.guild ? `in server ${flags.guild}` : 'globally';
          if (flags.clear) {
            await registerCommands(rest, applicationId, flags.guild, []);
            io.stdout.write(`Removed every command of the application ${where}.\n`);
            return EXIT.ok;
          }
          const registered = await registerCommands(rest, applicationId, flags.guild);
          const subcommands = (buildPapersCommand().options ?? []).map((o) => o.name);
          io.stdout.write(
            `Registered ${registered.map((c) => `/${c.name}`).join(', ')} ${where} with ${subcommands.length} subcommands: ${subcommands.join(', ')}.\n`,
          );
          if (flags.guild) {
            io.stdout.write(
              'Guild commands show up at once. If /papers is also registered globally, that server lists it twice: remove the guild copy with --guild ID --clear when done testing.\n',
            );
          }
          return EXIT.ok;
        } catch (error) {
          io.stderr.write(`Registering /papers failed. ${explainFailure(error)}\n`);
          return EXIT.failed;
        } finally {
          closeDiscordRest(rest);
        }
      }),
    );

  discord
    .command('invite-url')
    .description(
      'Print the link that adds Paperboy to a server, with the bot and applications.commands scopes and the permissions it needs.',
    )
    .action(() => {
      const { applicationId } = loadConfig(io.env).discord;
      if (!applicationId) throw new UserFacingError('config.invalid', NEEDS_APP_ID);
      io.stdout.write(`${inviteUrl(applicationId)}\n`);
      io.stdout.write(
        'Permissions asked: View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History.\n',
      );
    });
}
