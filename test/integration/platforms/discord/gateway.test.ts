import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../../src/http/http-server.js';
import {
  type DiscordAdapterOptions,
  createDiscordAdapter,
} from '../../../../src/platforms/discord/index.js';
import { createFakeDiscordApi, validateMessage } from '../../../fakes/fake-discord-api.js';
import { createFakeDiscordGateway } from '../../../fakes/fake-discord-gateway.js';
import { createCommandHarness } from '../../../helpers/command-harness.js';
import { createTestLogger } from '../../../helpers/test-logger.js';
import {
  IDS,
  TEST_REST,
  autocompletePayload,
  buttonPayload,
  commandPayload,
  discordConfig,
} from './discord-kit.js';

interface CallbackBody {
  type: number;
  data?: Record<string, unknown> & {
    components?: Array<{ components: Array<{ custom_id: string }> }>;
  };
}

describe('gateway mode (the real discord.js Client through the gateway stand-in)', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup.length = 0;
  });

  async function connect(options: Partial<DiscordAdapterOptions> = {}) {
    const api = await createFakeDiscordApi();
    cleanup.push(() => api.close());
    const gateway = await createFakeDiscordGateway({
      botUser: api.bot,
      applicationId: IDS.application,
      heartbeatIntervalMs: 50,
    });
    cleanup.push(() => gateway.close());
    api.setGatewayUrl(gateway.url);
    const harness = createCommandHarness();
    cleanup.push(() => {
      harness.db.close();
    });
    const logger = createTestLogger();
    const adapter = createDiscordAdapter({
      config: discordConfig(api.baseUrl),
      http: createHttpServer({ host: '127.0.0.1', port: 0, logger }),
      commandDeps: harness.deps,
      logger,
      options: { rest: TEST_REST, ...options },
    });
    cleanup.push(() => adapter.stop());
    harness.seedDay(
      '2025-12-04',
      Array.from({ length: 7 }, (_, i) => ({
        id: `2512.${String(60000 + i)}`,
        title: `Speculative decoding at scale, part ${i + 1}`,
        upvotes: 50 - i,
      })),
    );
    await adapter.start();
    await gateway.ready;
    return { api, gateway, adapter, harness, logger };
  }

  it('connects via GET /gateway/bot with the Guilds intent only, and heartbeats are acknowledged', async () => {
    const { api, gateway, adapter } = await connect();
    expect(adapter.mode).toBe('gateway');
    expect(api.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
    expect(gateway.identifies[0]).toMatchObject({ token: 'test-bot-token', intents: 1 });
    await expect.poll(() => gateway.heartbeatAcks, { timeout: 2_000 }).toBeGreaterThan(0);
  });

  it('receives /papers search and replies through the interaction callback, then pages with a button', async () => {
    const { api, gateway } = await connect();
    gateway.dispatch(
      'INTERACTION_CREATE',
      commandPayload('search', { query: 'speculative' }, { token: 'gw-1' }),
    );
    const reply = await api.waitFor(
      (r) => r.method === 'POST' && r.path.endsWith('/gw-1/callback'),
    );
    const body = reply.body as CallbackBody;
    expect(reply.headers.authorization).toBeUndefined();
    expect(body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(validateMessage(body.data ?? {})).toBeNull();
    expect(JSON.stringify(body)).toContain('Speculative decoding at scale, part 1');

    const next = (body.data?.components ?? [])
      .flatMap((row) => row.components.map((b) => b.custom_id))
      .find((id) => id.startsWith('search:page:'));
    gateway.dispatch('INTERACTION_CREATE', buttonPayload(next as string, { token: 'gw-2' }));
    const update = await api.waitFor(
      (r) => r.method === 'POST' && r.path.endsWith('/gw-2/callback'),
    );
    expect(update.body).toMatchObject({ type: 7 });
    expect(JSON.stringify(update.body)).toContain('Results 6–7');
  });

  it('answers autocomplete with the channel topics', async () => {
    const { api, gateway, harness } = await connect();
    harness.deps.channels.subscribe(
      { platform: 'discord', workspaceId: IDS.guild, channelId: IDS.channel },
      'speculative decoding',
      harness.clock.now(),
    );
    gateway.dispatch(
      'INTERACTION_CREATE',
      autocompletePayload('unsubscribe', 'topic', 'spec', { token: 'gw-3' }),
    );
    const res = await api.waitFor((r) => r.method === 'POST' && r.path.endsWith('/gw-3/callback'));
    expect(res.body).toEqual({
      type: 8,
      data: { choices: [{ name: 'speculative decoding', value: 'speculative decoding' }] },
    });
  });

  it('defers with deferReply and edits the reply when told to always defer', async () => {
    const { api, gateway } = await connect({ deferAfterMs: 0 });
    gateway.dispatch(
      'INTERACTION_CREATE',
      commandPayload('search', { query: 'speculative' }, { token: 'gw-4' }),
    );
    const deferred = await api.waitFor(
      (r) => r.method === 'POST' && r.path.endsWith('/gw-4/callback'),
    );
    expect(deferred.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await api.waitFor(
      (r) =>
        r.method === 'PATCH' && r.path === `/webhooks/${IDS.application}/gw-4/messages/@original`,
    );
    expect(edit.status).toBe(200);
    expect(JSON.stringify(edit.body)).toContain('Results 1–5');
  });

  it('registers /papers at start only when the definition changed', async () => {
    const { api, adapter } = await connect();
    const puts = () =>
      api.requests.filter(
        (r) => r.method === 'PUT' && r.path === `/applications/${IDS.application}/commands`,
      );
    expect(puts()).toHaveLength(1);
    await adapter.stop();

    const other = createCommandHarness();
    cleanup.push(() => {
      other.db.close();
    });
    const again = createDiscordAdapter({
      config: discordConfig(api.baseUrl, 'a'.repeat(64)),
      http: createHttpServer({ host: '127.0.0.1', port: 0, logger: createTestLogger() }),
      commandDeps: other.deps,
      logger: createTestLogger(),
      options: { rest: TEST_REST },
    });
    await again.start();
    await again.stop();
    expect(
      api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/commands')),
    ).toHaveLength(2);
    expect(puts()).toHaveLength(1);
  });
});
