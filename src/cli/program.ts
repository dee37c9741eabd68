import { Command, CommanderError } from 'commander';
import { VERSION, createApp } from '../app.js';
import { loadConfig } from '../config/load-config.js';
import { AppError, UserFacingError, describeError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { type CliIo, EXIT, type WithApp } from './cli-io.js';
import { registerDiscordCommands } from './discord-command.js';
import { registerIngestCommand } from './ingest-command.js';
import { registerSearchCommand } from './search-command.js';
import { registerSlackCommands } from './slack-command.js';
import { registerStatusAndDigestCommands } from './status-command.js';

/**
 * Runs one `paperboy` command line and returns the exit code. Never calls process.exit, so
 * tests run it in process with their own environment, output streams and fakes.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('paperboy')
    .description(
      "Paperboy brings the day's research papers (Hugging Face Daily Papers) to Discord and Slack.",
    )
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run `paperboy --help` for the commands)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  /** Loads config, builds the app, runs `fn`, and always closes the app. */
  const withApp: WithApp = async (fn, options = {}) => {
    const config = loadConfig(io.env);
    // One-shot commands log warnings only (errors only when quiet), unless LOG_LEVEL says otherwise.
    const level = io.env.LOG_LEVEL ? config.log.level : options.quiet ? 'error' : 'warn';
    const logger =
      io.overrides?.logger ?? createLogger({ ...config.log, level, destination: io.stderr });
    const app = createApp(config, { ...io.overrides, logger });
    try {
      exitCode = await fn(app);
    } finally {
      await app.stop();
    }
  };

  program
    .command('start')
    .description(
      'Run the bot: migrations, the ingest schedule, the HTTP server (GET /healthz) and, with no platform configured, preview mode that prints digests here.',
    )
    .action(async () => {
      const config = loadConfig(io.env);
      const logger =
        io.overrides?.logger ?? createLogger({ ...config.log, destination: io.stderr });
      const app = createApp(config, { ...io.overrides, logger });
      try {
        await app.start();
      } catch (error) {
        await app.stop();
        throw error;
      }
      const signal = await io.waitForShutdown();
      logger.info('shutting down', { signal });
      await app.stop();
    });

  registerIngestCommand(program, io, withApp);
  registerSearchCommand(program, io, withApp);
  registerStatusAndDigestCommands(program, io, withApp);
  registerDiscordCommands(program, io, withApp);
  registerSlackCommands(program, io, withApp);

  program
    .command('migrate')
    .description('Apply database migrations and exit (start and every command also do this).')
    .action(async () =>
      withApp(async (app) => {
        const version = app.db.pragma('user_version', { simple: true });
        io.stdout.write(`Database ${app.config.dbPath} is at schema version ${String(version)}.\n`);
        return EXIT.ok;
      }),
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (
      error instanceof UserFacingError ||
      (error instanceof AppError && error.code === 'config.invalid')
    ) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`paperboy failed: ${describeError(error)}\n`);
    return EXIT.failed;
  }
}
