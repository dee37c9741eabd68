import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../../src/app.js';
import type { CliIo, WithApp } from '../../../../src/cli/cli-io.js';
import { registerDiscordCommands } from '../../../../src/cli/discord-command.js';
import { loadConfig } from '../../../../src/config/load-config.js';
import { UserFacingError } from '../../../../src/shared/errors.js';
import {
  type FakeDiscordApi,
  createFakeDiscordApi,
  discordError,
} from '../../../fakes/fake-discord-api.js';
import { createTestLogger } from '../../../helpers/test-logger.js';
import { IDS } from './discord-kit.js';

/** Runs `paperboy discord …` the way src/cli/program.ts does, with captured output. */
async function run(argv: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CliIo = { env, stdout, stderr, waitForShutdown: () => new Promise(() => {}) };
  let code = 0;
  const withApp: WithApp = async (fn) => {
    const app = createApp(loadConfig(env), { logger: createTestLogger() });
    try {
      code = await fn(app);
    } finally {
      await app.stop();
    }
  };
  const program = new Command('paperboy').exitOverride();
  registerDiscordCommands(program, io, withApp);
  await program.parseAsync(argv, { from: 'user' });
  return { code, stdout: out, stderr: err };
}

describe('paperboy discord', () => {
  let api: FakeDiscordApi;
  afterEach(async () => api?.close());

  const env = (extra: Record<string, string> = {}) => ({
    PAPERBOY_DB_PATH: ':memory:',
    LOG_LEVEL: 'silent',
    INGEST_ON_START: 'false',
    DISCORD_TOKEN: 'test-bot-token',
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_API_BASE_URL: api.baseUrl,
    ...extra,
  });

  it('register bulk-overwrites /papers globally or in one guild', async () => {
    api = await createFakeDiscordApi();
    const global = await run(['discord', 'register'], env());
    expect(global.code).toBe(0);
    expect(global.stdout).toMatch(
      /^Registered \/papers globally with 11 subcommands: search, today/,
    );
    const put = await api.waitFor((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${IDS.application}/commands`);
    expect(put.headers.authorization).toBe('Bot test-bot-token');
    expect((put.body as Array<{ name: string }>).map((c) => c.name)).toEqual(['papers']);

    const guild = await run(['discord', 'register', '--guild', IDS.guild], env());
    expect(guild.stdout).toContain(`in server ${IDS.guild}`);
    expect(api.commands(`${IDS.application}:${IDS.guild}`)).toHaveLength(1);
    await run(['discord', 'register', '--guild', IDS.guild, '--clear'], env());
    expect(api.commands(`${IDS.application}:${IDS.guild}`)).toHaveLength(0);
  });

  it('explains a rejected token', async () => {
    api = await createFakeDiscordApi();
    api.script('PUT', /commands$/, discordError(401, 0, '401: Unauthorized'));
    const res = await run(['discord', 'register'], env());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Discord rejected the token (401)');
  });

  it('prints the invite URL, and says which variable is missing', async () => {
    api = await createFakeDiscordApi();
    const res = await run(['discord', 'invite-url'], env());
    expect(res.stdout.split('\n')[0]).toBe(
      `https://discord.com/oauth2/authorize?client_id=${IDS.application}&scope=bot+applications.commands&permissions=274877991936&integration_type=0`,
    );
    await expect(
      run(['discord', 'invite-url'], { PAPERBOY_DB_PATH: ':memory:' }),
    ).rejects.toBeInstanceOf(UserFacingError);
  });
});
