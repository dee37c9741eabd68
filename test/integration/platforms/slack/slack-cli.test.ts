import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../../src/app.js';
import { EXIT, type WithApp } from '../../../../src/cli/cli-io.js';
import { registerSlackCommands } from '../../../../src/cli/slack-command.js';
import { UserFacingError } from '../../../../src/shared/errors.js';
import { silentLogger } from '../../../../src/shared/logger.js';
import { createFakeSlackApi } from '../../../fakes/fake-slack-api.js';
import { makeTestConfig } from '../../../helpers/test-config.js';

/** Runs `paperboy slack …` through the real commander wiring, with captured output. */
async function runSlack(argv: string[], env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  let code: number = EXIT.ok;
  const withApp: WithApp = async (fn) => {
    const app = createApp(makeTestConfig(env), { logger: silentLogger });
    try {
      code = await fn(app);
    } finally {
      await app.stop();
    }
  };
  const program = new Command('paperboy')
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerSlackCommands(
    program,
    { env, stdout, stderr, waitForShutdown: () => new Promise(() => {}) },
    withApp,
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    code = error instanceof UserFacingError ? EXIT.usage : EXIT.failed;
    err += error instanceof Error ? error.message : String(error);
  }
  return { code, stdout: out, stderr: err };
}

describe('paperboy slack', () => {
  it('prints a Socket Mode manifest as YAML by default', async () => {
    const run = await runSlack(['slack', 'manifest']);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain('socket_mode_enabled: true');
    expect(run.stdout).toContain('- "chat:write"');
  });

  it('prints an HTTP-mode manifest with the request URL, as JSON on request', async () => {
    const run = await runSlack([
      'slack',
      'manifest',
      '--mode',
      'http',
      '--url',
      'https://paperboy.example.com',
      '--format',
      'json',
    ]);
    const manifest = JSON.parse(run.stdout) as {
      settings: { interactivity: { request_url: string } };
    };
    expect(manifest.settings.interactivity.request_url).toBe(
      'https://paperboy.example.com/slack/events',
    );
  });

  it('explains what HTTP mode needs', async () => {
    const run = await runSlack(['slack', 'manifest', '--mode', 'http']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--url https://');
  });

  it('checks the bot token and reports missing scopes', async () => {
    const api = createFakeSlackApi({ scopes: ['commands', 'chat:write'] });
    await api.listen();
    try {
      const run = await runSlack(['slack', 'check'], {
        SLACK_BOT_TOKEN: api.botToken,
        SLACK_APP_TOKEN: api.appToken,
        SLACK_API_BASE_URL: api.apiUrl,
      });
      expect(run.stdout).toContain('Paperboy Test (T0TEST001) as @paperboy; Socket Mode');
      expect(run.stdout).toContain(
        'Missing scopes: channels:read, groups:read, channels:history, groups:history, users:read',
      );
      expect(run.code).toBe(EXIT.failed);
      const bad = await runSlack(['slack', 'check'], {
        SLACK_BOT_TOKEN: 'xoxb-wrong',
        SLACK_APP_TOKEN: api.appToken,
        SLACK_API_BASE_URL: api.apiUrl,
      });
      expect(bad.stderr).toContain('invalid_auth');
      expect(bad.code).toBe(EXIT.failed);
    } finally {
      await api.close();
    }
  });
});
