import { webApi } from '@slack/bolt';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { BOT_SCOPES, buildManifest, formatManifest } from '../platforms/slack/index.js';
import { toBoltLogger } from '../platforms/slack/bolt-logger.js';
import { slackErrorCode } from '../platforms/slack/errors.js';
import { UserFacingError } from '../shared/errors.js';
import { silentLogger } from '../shared/logger.js';
import { type CliIo, EXIT, type WithApp } from './cli-io.js';

function httpsUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return value;
  } catch {
    // explained below
  }
  throw new InvalidArgumentError(
    'Use the public https:// address of Paperboy, e.g. https://paperboy.example.com',
  );
}

/**
 * `paperboy slack manifest` prints the app manifest to paste into api.slack.com/apps;
 * `paperboy slack check` verifies the bot token and its scopes against the Web API.
 */
export function registerSlackCommands(program: Command, io: CliIo, withApp: WithApp): void {
  const slack = program.command('slack').description('Set up the Slack app.');

  slack
    .command('manifest')
    .description(
      'Print the Slack app manifest (scopes, the /papers command, interactivity) to paste at https://api.slack.com/apps → Create New App → From a manifest.',
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'socket: no public URL needed (SLACK_APP_TOKEN); http: Slack calls --url',
      )
        .choices(['socket', 'http'])
        .default('socket'),
    )
    .option(
      '--url <https-url>',
      'http mode: the public address of Paperboy; /slack/events is added',
      httpsUrl,
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'),
    )
    .option('--name <name>', 'app and bot name', 'Paperboy')
    .action(
      (flags: { mode: 'socket' | 'http'; url?: string; format: 'yaml' | 'json'; name: string }) => {
        if (flags.mode === 'http' && !flags.url) {
          throw new UserFacingError(
            'input.invalid',
            'HTTP mode needs --url https://<your host> (Slack posts commands to <url>/slack/events). Use --mode socket when Paperboy has no public address.',
          );
        }
        if (flags.mode === 'socket' && flags.url) {
          throw new UserFacingError(
            'input.invalid',
            '--url is only for --mode http; Socket Mode needs no public address.',
          );
        }
        const manifest = buildManifest({
          mode: flags.mode,
          name: flags.name,
          ...(flags.url ? { url: flags.url } : {}),
        });
        io.stdout.write(formatManifest(manifest, flags.format));
      },
    );

  slack
    .command('check')
    .description('Check SLACK_BOT_TOKEN with Slack (auth.test) and list missing scopes.')
    .action(async () =>
      withApp(async (app) => {
        const { slack: config } = app.config;
        if (!config.botToken) {
          io.stderr.write(
            "SLACK_BOT_TOKEN is not set. Copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.\n",
          );
          return EXIT.usage;
        }
        const client = new webApi.WebClient(config.botToken, {
          slackApiUrl: config.apiBaseUrl,
          retryConfig: { retries: 1 },
          timeout: 15_000,
          logger: toBoltLogger(silentLogger),
        });
        try {
          const auth = await client.auth.test();
          const granted = new Set(auth.response_metadata?.scopes ?? []);
          const missing = Object.keys(BOT_SCOPES).filter((s) => !granted.has(s));
          const mode = config.appToken
            ? 'Socket Mode (SLACK_APP_TOKEN)'
            : config.signingSecret
              ? 'HTTP mode (/slack/events)'
              : 'no inbound mode: set SLACK_APP_TOKEN or SLACK_SIGNING_SECRET';
          io.stdout.write(
            `Slack: ${auth.team ?? '?'} (${auth.team_id ?? '?'}) as @${auth.user ?? '?'}; ${mode}; managers: ${config.managers}.\n`,
          );
          if (granted.size > 0 && missing.length > 0) {
            io.stdout.write(
              `Missing scopes: ${missing.join(', ')}. Add them under OAuth & Permissions (or recreate the app from \`paperboy slack manifest\`) and reinstall the app.\n`,
            );
            return EXIT.failed;
          }
          return EXIT.ok;
        } catch (error) {
          io.stderr.write(
            `Slack did not accept SLACK_BOT_TOKEN (${slackErrorCode(error) ?? String(error)}).\n`,
          );
          return EXIT.failed;
        }
      }),
    );
}
