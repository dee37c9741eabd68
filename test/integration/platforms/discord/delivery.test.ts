import { afterEach, describe, expect, it } from 'vitest';
import { partKey } from '../../../../src/core/delivery/delivery-engine.js';
import { ProcessKilled } from '../../../fakes/fake-publisher.js';
import { discordError, rateLimited } from '../../../fakes/fake-discord-api.js';
import { makeSourcePaper } from '../../../helpers/papers.js';
import { IDS } from './discord-kit.js';
import { DISCORD_CHANNEL, createDiscordDeliveryWorld } from './delivery-kit.js';

const FRIDAY = '2025-12-05';
const MONDAY_0900 = '2025-12-08T09:00:30Z';
const MESSAGES = /^\/channels\/\d+\/messages$/;

const papers = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeSourcePaper({
      id: `2512.${String(50000 + i)}`,
      title: `Paper ${i + 1}: @everyone look at <@${IDS.user}> and [this](https://evil.example) ||now||`,
      aiSummary: `${'A long and detailed summary of the findings. '.repeat(12)}End ${i + 1}.`,
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
      githubRepo: 'https://github.com/example/repo',
      githubStars: 2345,
      projectPage: 'https://example.org/project',
      thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2512.${50000 + i}.png`,
      upvotes: 200 - i,
    }),
  );

interface PostedBody {
  content: string;
  nonce: string;
  enforce_nonce: boolean;
  allowed_mentions: unknown;
  embeds: Array<{ title: string; description: string; footer?: { text: string } }>;
}

describe('scheduled digests through the REST stand-in', () => {
  let world: Awaited<ReturnType<typeof createDiscordDeliveryWorld>>;
  afterEach(async () => world.close());

  it('posts the digest as embeds split between whole papers, with nonce, key footer and no mentions', async () => {
    world = await createDiscordDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, papers(14));
    world.subscribe(DISCORD_CHANNEL, { time: '09:00', timezone: 'UTC', top: 14 });
    expect(await world.boot().tick()).toMatchObject({ created: 1, sent: 1 });

    const posts = world.posts();
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((p) => p.status === 200)).toBe(true);
    const bodies = posts.map((p) => p.body as PostedBody);
    const delivery = world.deliveries.forChannelDay(
      world.channels.get(DISCORD_CHANNEL)!.pk,
      FRIDAY,
    )!;
    bodies.forEach((body, i) => {
      const key = partKey(delivery.id, i);
      expect(body.nonce).toBe(key);
      expect(body.enforce_nonce).toBe(true);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.embeds.at(-1)?.footer?.text.endsWith(` · ${key}`)).toBe(true);
      expect(body.embeds.length).toBeLessThanOrEqual(10);
    });
    const titles = bodies.flatMap((b) => b.embeds.map((e) => e.title));
    expect(titles).toHaveLength(14);
    expect(titles.map((t) => /^Paper (\d+):/.exec(t)?.[1])).toEqual(
      papers(14).map((_, i) => String(i + 1)),
    );
    expect(bodies[0]?.content).toContain('Hugging Face Daily Papers');
    const json = JSON.stringify(bodies);
    expect(json).not.toMatch(/@everyone|<@\d|\|\|now/);
    expect(json).not.toMatch(/[^\\]\]\(https:\/\/evil/); // the masked link stays escaped text
    expect(delivery.parts.map((p) => p.messageId)).toEqual(
      world.api.messagesIn(IDS.channel).map((m) => m.id),
    );
  });

  it('waits out a short 429 (per-route and global) inside discord.js, then delivers', async () => {
    world = await createDiscordDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, papers(2));
    world.subscribe(DISCORD_CHANNEL, { time: '09:00', timezone: 'UTC' });
    world.api.script('POST', MESSAGES, rateLimited(0.05), rateLimited(0.02, { global: true }));
    const started = Date.now();
    expect(await world.boot().tick()).toMatchObject({ sent: 1, deferred: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(world.posts().map((p) => p.status)).toEqual([429, 429, 200]);
    expect(world.api.messagesIn(IDS.channel)).toHaveLength(1);
    expect(
      world.logger.lines.filter((l) => l.msg === 'discord rate limited').length,
    ).toBeGreaterThan(0);
  });

  it('hands a long 429 back to the engine, which reschedules and delivers later', async () => {
    world = await createDiscordDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, papers(1));
    world.subscribe(DISCORD_CHANNEL, { time: '09:00', timezone: 'UTC' });
    world.api.script('POST', MESSAGES, rateLimited(30));
    expect(await world.boot().tick()).toMatchObject({ deferred: 1 });
    const delivery = world.deliveries.forChannelDay(
      world.channels.get(DISCORD_CHANNEL)!.pk,
      FRIDAY,
    )!;
    expect(delivery.nextAttemptAt).toBe(new Date(Date.parse(MONDAY_0900) + 30_000).toISOString());
    world.clock.advance(31_000);
    expect(await world.boot().tick()).toMatchObject({ sent: 1 });
    expect(world.api.messagesIn(IDS.channel)).toHaveLength(1);
  });

  it('retries a 5xx inside discord.js, and leaves repeated 5xx to the engine as transient', async () => {
    world = await createDiscordDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, papers(1));
    world.subscribe(DISCORD_CHANNEL, { time: '09:00', timezone: 'UTC' });
    const bad = { status: 502, body: { message: 'Bad Gateway', code: 0 } };
    world.api.script('POST', MESSAGES, bad, bad);
    expect(await world.boot().tick()).toMatchObject({ deferred: 1 });
    const delivery = world.deliveries.forChannelDay(
      world.channels.get(DISCORD_CHANNEL)!.pk,
      FRIDAY,
    )!;
    expect(delivery.reason).toMatch(/HTTP 502/);
    expect(world.channels.get(DISCORD_CHANNEL)?.paused).toBeNull();
  });

  it('pauses the subscription on 403 Missing Permissions, saying what to grant', async () => {
    world = await createDiscordDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, papers(3));
    world.subscribe(DISCORD_CHANNEL, { time: '09:00', timezone: 'UTC' });
    world.api.script('POST', MESSAGES, discordError(403, 50013, 'Missing Permissions'));
    expect(await world.boot().tick()).toMatchObject({ failed: 1 });
    const channel = world.channels.get(DISCORD_CHANNEL);
    expect(channel?.paused?.reason).toContain('Missing Permissions');
    expect(channel?.paused?.reason).toContain('Embed Links');
    expect(world.api.messagesIn(IDS.channel)).toHaveLength(0);
  });

  it('pauses on Missing Access and Unknown Channel with their own reasons', async () => {
    for (const [code, status, text] of [
      [50001, 403, 'cannot see this channel'],
      [10003, 404, 'no longer exists'],
    ] as const) {
      world = await createDiscordDeliveryWorld(MONDAY_0900);
      world.listDay(FRIDAY, papers(1));
      world.subscribe(DISCORD_CHANNEL, { time: '09:00', timezone: 'UTC' });
      world.api.script('POST', MESSAGES, discordError(status, code, 'nope'));
      await world.boot().tick();
      expect(world.channels.get(DISCORD_CHANNEL)?.paused?.reason).toContain(text);
      await world.close();
    }
    world = await createDiscordDeliveryWorld(MONDAY_0900);
  });

  it('never posts twice after a crash right after sending: findPublished finds the key', async () => {
    world = await createDiscordDeliveryWorld(MONDAY_0900);
    world.api.state.nonceWindowMs = 0; // Discord's nonce memory has expired: only findPublished helps
    world.listDay(FRIDAY, papers(14));
    world.subscribe(DISCORD_CHANNEL, { time: '09:00', timezone: 'UTC', top: 14 });
    world.api.onMessageCreated(() => world.kill());
    await expect(world.boot().tick()).rejects.toBeInstanceOf(ProcessKilled);
    world.api.onMessageCreated(undefined);
    expect(world.api.messagesIn(IDS.channel)).toHaveLength(1);

    world.clock.advance(60_000);
    expect(await world.boot().tick()).toMatchObject({ sent: 1 });
    const messages = world.api.messagesIn(IDS.channel);
    const delivery = world.deliveries.forChannelDay(
      world.channels.get(DISCORD_CHANNEL)!.pk,
      FRIDAY,
    )!;
    expect(messages.length).toBe(delivery.parts.length);
    expect(new Set(messages.map((m) => m.nonce)).size).toBe(messages.length);
    expect(delivery.parts[0]?.messageId).toBe(messages[0]?.id);
    const lookup = world.api.requests.find((r) => r.method === 'GET' && MESSAGES.test(r.path));
    expect(lookup?.query.get('limit')).toBe('50');
    expect(world.api.requests.some((r) => r.method === 'GET' && r.path === '/users/@me')).toBe(
      true,
    );
  });

  it('returns the existing message when the same key is sent again (nonce + enforce_nonce)', async () => {
    world = await createDiscordDeliveryWorld(MONDAY_0900);
    const publisher = world.newPublisher();
    const view = {
      day: FRIDAY,
      title: 'Hugging Face Daily Papers · Fri 5 Dec 2025',
      subtitle: '0 of 0 papers',
      topics: [],
      entries: [],
      emptyReason: 'Hugging Face listed no papers.',
      footer: 'Paperboy',
    };
    const first = await publisher.publish(DISCORD_CHANNEL, view, 'pb7p0');
    const again = await publisher.publish(DISCORD_CHANNEL, view, 'pb7p0');
    expect(first).toMatchObject({ ok: true });
    expect(again).toEqual(first);
    expect(world.api.messagesIn(IDS.channel)).toHaveLength(1);
    expect(await publisher.findPublished(DISCORD_CHANNEL, 'pb7p0', world.clock.now())).toBe(
      first.ok ? first.messageId : '',
    );
    expect(await publisher.findPublished(DISCORD_CHANNEL, 'pb7p1', world.clock.now())).toBeNull();
  });
});
