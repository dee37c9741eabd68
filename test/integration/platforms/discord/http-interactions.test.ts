import { afterEach, describe, expect, it } from 'vitest';
import { validateMessage } from '../../../fakes/fake-discord-api.js';
import {
  APP,
  IDS,
  MEMBER,
  autocompletePayload,
  buttonPayload,
  commandPayload,
  createHttpWorld,
  createSigner,
  type DiscordWorld,
} from './discord-kit.js';

interface ResponseBody {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<{ title?: string; description?: string }>;
    components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
    allowed_mentions?: unknown;
    choices?: Array<{ name: string; value: string }>;
  };
}

const buttonIds = (body: ResponseBody): string[] =>
  (body.data?.components ?? []).flatMap((row) => row.components.map((b) => b.custom_id));
const textOf = (body: ResponseBody): string => JSON.stringify(body.data ?? {});

const seedDiffusion = (world: DiscordWorld, n: number) =>
  world.harness.seedDay(
    '2025-12-04',
    Array.from({ length: n }, (_, i) => ({
      id: `2512.${String(40000 + i)}`,
      title: `Diffusion study number ${i + 1}`,
      abstract: 'We study diffusion models. They work.',
      upvotes: 100 - i,
    })),
  );

describe('HTTP interactions endpoint', () => {
  let world: DiscordWorld;
  afterEach(async () => world.close());

  it('answers PING with PONG', async () => {
    world = await createHttpWorld();
    const res = await world.post({
      id: '1250000000000000009',
      application_id: IDS.application,
      type: 1,
      token: 't',
      version: 1,
    });
    expect(res).toEqual({ status: 200, json: { type: 1 } });
  });

  it('refuses missing, bad, foreign, tampered and stale signatures with 401', async () => {
    world = await createHttpWorld();
    const body = JSON.stringify({
      id: '1250000000000000009',
      application_id: IDS.application,
      type: 1,
      version: 1,
    });
    const good = world.signer.headers(body);
    const cases: Array<Record<string, string>> = [
      { 'Content-Type': 'application/json' },
      { ...good, 'X-Signature-Ed25519': 'zz' },
      { ...good, 'X-Signature-Ed25519': '0'.repeat(128) },
      createSigner().headers(body),
      world.signer.headers(body, Math.floor(Date.now() / 1000) - 301),
      world.signer.headers(body, Math.floor(Date.now() / 1000) + 400),
    ];
    for (const headers of cases) expect((await world.post(body, headers)).status).toBe(401);
    expect((await world.post(body.replace('"type":1', '"type":1 '), good)).status).toBe(401);
    expect((await world.post(body, good)).status).toBe(200);
    expect(world.logger.lines.filter((l) => l.msg === 'discord interaction refused')).toHaveLength(
      7,
    );
  });

  it('answers malformed and unsupported payloads with 400', async () => {
    world = await createHttpWorld();
    expect((await world.post('{not json')).status).toBe(400);
    expect((await world.post({ type: 2 })).status).toBe(400);
    expect((await world.post({ ...commandPayload('search'), type: 5 })).status).toBe(400);
  });

  it('searches with Share and paging buttons, pages in place, and shares to the channel', async () => {
    world = await createHttpWorld();
    seedDiffusion(world, 12);
    const first = (await world.post(commandPayload('search', { query: 'diffusion' })))
      .json as ResponseBody;
    expect(first.type).toBe(4);
    expect(first.data?.flags).toBe(64);
    expect(first.data?.allowed_mentions).toEqual({ parse: [] });
    expect(validateMessage(first.data ?? {})).toBeNull();
    expect(textOf(first)).toContain('Results 1–5');
    const ids = buttonIds(first);
    expect(ids.slice(0, 5)).toEqual(
      Array.from({ length: 5 }, (_, i) => `search:share:2512.${40000 + i}`),
    );
    const next = ids.find((id) => id.startsWith('search:page:'));
    expect(next).toMatch(/^search:page:[\w-]+:2$/);

    const page2 = (await world.post(buttonPayload(next as string))).json as ResponseBody;
    expect(page2.type).toBe(7);
    expect(textOf(page2)).toContain('Results 6–10');
    expect(page2.data?.content).toBeDefined();
    expect(validateMessage(page2.data ?? {})).toBeNull();
    const labels = (page2.data?.components ?? []).flatMap((r) => r.components.map((b) => b.label));
    expect(labels).toEqual(expect.arrayContaining(['Previous', 'Next']));

    const shared = (await world.post(buttonPayload('search:share:2512.40003')))
      .json as ResponseBody;
    expect(shared.type).toBe(4);
    expect(shared.data?.flags).toBeUndefined();
    expect(shared.data?.embeds?.[0]?.title).toBe('Diffusion study number 4');
    expect(validateMessage(shared.data ?? {})).toBeNull();
  });

  it('lets a member with Manage Channels subscribe, and refuses others with the Discord permission name', async () => {
    world = await createHttpWorld();
    const refused = (
      await world.post(commandPayload('subscribe', {}, { memberPermissions: MEMBER.regular }))
    ).json as ResponseBody;
    expect(refused.data?.flags).toBe(64);
    expect(textOf(refused)).toContain('Manage Channels');
    expect(world.harness.count('channels')).toBe(0);

    const ok = (await world.post(commandPayload('subscribe', { topic: 'diffusion' })))
      .json as ResponseBody;
    expect(textOf(ok)).toContain('Subscribed to');
    const channel = world.harness.deps.channels.get({
      platform: 'discord',
      workspaceId: IDS.guild,
      channelId: IDS.channel,
    });
    expect(channel?.topics.map((t) => t.query)).toEqual(['diffusion']);

    const byAdmin = (
      await world.post(commandPayload('subscribe', {}, { memberPermissions: MEMBER.admin }))
    ).json as ResponseBody;
    expect(textOf(byAdmin)).toContain('full digest');
  });

  it('says exactly which bot permission is missing on subscribe, and subscribes nothing', async () => {
    world = await createHttpWorld();
    const res = (
      await world.post(commandPayload('subscribe', {}, { appPermissions: APP.noEmbeds }))
    ).json as ResponseBody;
    expect(textOf(res)).toContain('**Embed Links**');
    expect(textOf(res)).not.toContain('**Send Messages');
    expect(textOf(res)).toContain('Edit Channel → Permissions');
    expect(world.harness.count('channels')).toBe(0);
    const thread = (
      await world.post(
        commandPayload('subscribe', {}, { appPermissions: APP.noEmbeds, channelType: 11 }),
      )
    ).json as ResponseBody;
    expect(textOf(thread)).toContain('Send Messages in Threads');
  });

  it('gates unsubscribe and settings changes, but lets anyone read the settings', async () => {
    world = await createHttpWorld();
    await world.post(commandPayload('subscribe', { topic: 'diffusion' }));
    const deny = (
      await world.post(
        commandPayload(
          'unsubscribe',
          { topic: 'diffusion' },
          { memberPermissions: MEMBER.regular },
        ),
      )
    ).json as ResponseBody;
    expect(textOf(deny)).toContain('Manage Channels');
    const show = (
      await world.post(commandPayload('settings', {}, { memberPermissions: MEMBER.regular }))
    ).json as ResponseBody;
    expect(textOf(show)).toContain('Settings');
    expect(textOf(show)).not.toContain('Manage Channels');
    const change = (
      await world.post(
        commandPayload('settings', { time: '08:30' }, { memberPermissions: MEMBER.regular }),
      )
    ).json as ResponseBody;
    expect(textOf(change)).toContain('Manage Channels');
    const changed = (await world.post(commandPayload('settings', { time: '08:30', top: 5 })))
      .json as ResponseBody;
    expect(textOf(changed)).toContain('Changed');
    const gone = (await world.post(commandPayload('unsubscribe', { topic: 'diffusion' })))
      .json as ResponseBody;
    expect(textOf(gone)).toContain('Unsubscribed from');
  });

  it('autocompletes the unsubscribe topic with what the channel follows', async () => {
    world = await createHttpWorld();
    await world.post(commandPayload('subscribe', { topic: 'speculative decoding' }));
    await world.post(commandPayload('subscribe', { topic: 'diffusion' }));
    const res = (await world.post(autocompletePayload('unsubscribe', 'topic', 'spec')))
      .json as ResponseBody;
    expect(res.type).toBe(8);
    expect(res.data?.choices).toEqual([
      { name: 'speculative decoding', value: 'speculative decoding' },
    ]);
    const all = (await world.post(autocompletePayload('unsubscribe', 'topic', '')))
      .json as ResponseBody;
    expect(all.data?.choices?.map((c) => c.value)).toEqual(
      expect.arrayContaining(['diffusion', 'all']),
    );
  });

  it('defers and then edits @original through the webhook when told to always defer', async () => {
    world = await createHttpWorld({ deferAfterMs: 0 });
    seedDiffusion(world, 7);
    const payload = commandPayload('search', { query: 'diffusion' }, { token: 'deferred-token-1' });
    const res = (await world.post(payload)).json as ResponseBody;
    expect(res).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await world.api.waitFor(
      (r) =>
        r.method === 'PATCH' &&
        r.path === `/webhooks/${IDS.application}/deferred-token-1/messages/@original`,
    );
    expect(edit.status).toBe(200);
    expect(edit.headers.authorization).toBeUndefined();
    expect(JSON.stringify(edit.body)).toContain('Results 1–5');

    const next = buttonIds({ type: 4, data: edit.body as NonNullable<ResponseBody['data']> }).find(
      (id) => id.startsWith('search:page:'),
    );
    const press = (await world.post(buttonPayload(next as string, { token: 'deferred-token-2' })))
      .json as ResponseBody;
    expect(press).toEqual({ type: 6 });
    const edit2 = await world.api.waitFor(
      (r) => r.method === 'PATCH' && r.path.includes('deferred-token-2'),
    );
    expect(JSON.stringify(edit2.body)).toContain('Results 6–7');
  });

  it('answers with the first message and follows up with the rest, both only for the caller', async () => {
    world = await createHttpWorld();
    world.harness.seedDay(
      '2025-12-04',
      Array.from({ length: 10 }, (_, i) => ({
        id: `2512.${String(41000 + i)}`,
        title: `A long title about diffusion ${i} ${'and more words '.repeat(14)}`,
        aiSummary: 'A long AI summary sentence. '.repeat(12),
        upvotes: 50 - i,
      })),
    );
    const payload = commandPayload('today', {}, { token: 'today-token' });
    const res = (await world.post(payload)).json as ResponseBody;
    expect(res.type).toBe(4);
    expect(res.data?.flags).toBe(64);
    const first = res.data?.embeds?.length ?? 0;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(10);
    const follow = await world.api.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.application}/today-token`,
    );
    expect(follow.status).toBe(200);
    expect(follow.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect((follow.body as { embeds: unknown[] }).embeds).toHaveLength(10 - first);
  });

  it('posts a shared paper for everyone after a deferred button press', async () => {
    world = await createHttpWorld({ deferAfterMs: 0 });
    seedDiffusion(world, 2);
    const res = (
      await world.post(buttonPayload('search:share:2512.40001', { token: 'share-token' }))
    ).json;
    expect(res).toEqual({ type: 6 });
    const post = await world.api.waitFor(
      (r) => r.method === 'POST' && r.path.endsWith('/share-token'),
    );
    expect(post.body).not.toHaveProperty('flags');
    expect(JSON.stringify(post.body)).toContain('Diffusion study number 2');
  });

  it('suggests Read Message History after subscribing when the bot lacks it', async () => {
    world = await createHttpWorld();
    const withoutHistory = String((1n << 10n) | (1n << 11n) | (1n << 14n));
    const res = (
      await world.post(commandPayload('subscribe', {}, { appPermissions: withoutHistory }))
    ).json as ResponseBody;
    expect(textOf(res)).toContain('full digest');
    expect(textOf(res)).toContain('Read Message History');
  });

  it('refuses interactions once stopped', async () => {
    world = await createHttpWorld();
    await world.adapter.stop();
    expect((await world.post(commandPayload('help'))).status).toBe(503);
  });
});
