import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { type FakeHfApi, startFakeHfApi } from '../../fakes/fake-hf-api.js';
import { createFakeDiscordApi } from '../../fakes/fake-discord-api.js';
import { loadHfFixture } from '../../helpers/hf-fixtures.js';
import { makeTestConfig } from '../../helpers/test-config.js';
import { createTestLogger } from '../../helpers/test-logger.js';
import { IDS, TEST_REST, commandPayload, createSigner } from '../platforms/discord/discord-kit.js';

/**
 * The whole bot as `npm start` builds it, with Discord in HTTP mode: the command is registered at
 * start, a signed `/papers subscribe` reaches the bot's one HTTP server, and one scheduler tick
 * posts the digest through the REST stand-in.
 */
describe('the bot with Discord configured', () => {
  let app: App | undefined;
  let hf: FakeHfApi | undefined;
  let closeDiscord: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await app?.stop();
    await closeDiscord?.();
    await hf?.close();
  });

  it('registers /papers, subscribes over signed HTTP and posts the digest on schedule', async () => {
    const clock = createManualClock('2025-12-02T08:00:00Z');
    hf = await startFakeHfApi({ days: { '2025-12-01': loadHfFixture('day-2025-12-01') } });
    const discord = await createFakeDiscordApi({ now: () => clock.now().getTime() });
    closeDiscord = discord.close;
    const signer = createSigner();
    app = createApp(
      makeTestConfig({
        HF_API_BASE_URL: hf.baseUrl,
        DISCORD_TOKEN: 'test-bot-token',
        DISCORD_APPLICATION_ID: IDS.application,
        DISCORD_PUBLIC_KEY: signer.publicKeyHex,
        DISCORD_API_BASE_URL: discord.baseUrl,
      }),
      { clock, logger: createTestLogger(), sleep: async () => {}, discord: { rest: TEST_REST } },
    );
    const { port } = await app.start();
    expect(discord.commands(IDS.application)).toHaveLength(1);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      mode: string;
    };
    expect(health.mode).toBe('discord:http');

    const body = JSON.stringify(commandPayload('subscribe'));
    const res = await fetch(`http://127.0.0.1:${port}/discord/interactions`, {
      method: 'POST',
      headers: signer.headers(body, Math.floor(clock.now().getTime() / 1000)),
      body,
    });
    expect(res.status).toBe(200);
    const text = JSON.stringify(await res.json());
    expect(text).toContain('Next digest: Tue 2 Dec, 09:00 UTC, covering Mon 1 Dec');

    clock.set('2025-12-02T09:00:20Z');
    expect(await app.delivery.tick()).toMatchObject({ created: 1, sent: 1 });
    const posted = discord.messagesIn(IDS.channel);
    expect(posted.length).toBeGreaterThan(0);
    expect(JSON.stringify(posted[0])).toContain('Mon 1 Dec 2025');
    clock.advance(60_000);
    await app.delivery.tick();
    expect(discord.messagesIn(IDS.channel)).toHaveLength(posted.length);
  });

  it('registers /papers in one server when DISCORD_COMMAND_GUILD_ID is set', async () => {
    const discord = await createFakeDiscordApi();
    closeDiscord = discord.close;
    app = createApp(
      makeTestConfig({
        DISCORD_TOKEN: 'test-bot-token',
        DISCORD_APPLICATION_ID: IDS.application,
        DISCORD_PUBLIC_KEY: createSigner().publicKeyHex,
        DISCORD_API_BASE_URL: discord.baseUrl,
        DISCORD_COMMAND_GUILD_ID: IDS.guild,
      }),
      { logger: createTestLogger(), discord: { rest: TEST_REST } },
    );
    await app.start();
    expect(discord.commands(`${IDS.application}:${IDS.guild}`)).toHaveLength(1);
    expect(discord.commands(IDS.application)).toHaveLength(0);
  });
});
