import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../../src/core/channels/channel.js';
import {
  DEFAULT_DELIVERY_OPTIONS,
  createDeliveryEngine,
} from '../../../../src/core/delivery/delivery-engine.js';
import type { DigestPublisher } from '../../../../src/core/digest/publisher.js';
import { createHttpServer } from '../../../../src/http/http-server.js';
import { createSlackAdapter } from '../../../../src/platforms/slack/index.js';
import { createManualClock } from '../../../../src/shared/clock.js';
import { silentLogger } from '../../../../src/shared/logger.js';
import { createSqliteChannelStore } from '../../../../src/storage/sqlite-channel-store.js';
import { createSqliteDeliveryStore } from '../../../../src/storage/sqlite-delivery-store.js';
import { createSqliteInteractionState } from '../../../../src/storage/sqlite-interaction-state.js';
import { createSqlitePaperSearch } from '../../../../src/storage/sqlite-paper-search.js';
import { createSqlitePaperStore } from '../../../../src/storage/sqlite-paper-store.js';
import {
  type FakeSlackApi,
  createFakeSlackApi,
  validateMessage,
} from '../../../fakes/fake-slack-api.js';
import { newSigningSecret } from '../../../fakes/fake-slack-socket.js';
import { ProcessKilled } from '../../../fakes/fake-publisher.js';
import { makeSourcePaper, openTestDb } from '../../../helpers/papers.js';
import { makeTestConfig } from '../../../helpers/test-config.js';
import { TEAM, TINY_RETRY } from './slack-world.js';

const FRIDAY = '2025-12-05';
const MONDAY_0900 = '2025-12-08T09:00:30Z';
const REF: ChannelRef = { platform: 'slack', workspaceId: TEAM, channelId: 'C0DIGEST01' };

/** Long titles and summaries, so 25 papers need more than one Slack message. */
const papers = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeSourcePaper({
      id: `2512.${String(50000 + i)}`,
      upvotes: 500 - i,
      title: `${'A very long title about scaling laws & <tricks> '.repeat(5)}${i}`,
      aiSummary: `${'This summary is long on purpose so that digests must split. '.repeat(6)}`,
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
      githubRepo: `https://github.com/example/repo-${i}`,
      githubStars: 1234,
    }),
  );

/** A delivery world over one database: the real Slack publisher against the Web API stand-in. */
async function createWorld() {
  const clock = createManualClock(MONDAY_0900);
  const api = createFakeSlackApi({ teamId: TEAM, now: () => clock.now() });
  await api.listen();
  const db = openTestDb();
  const paperStore = createSqlitePaperStore(db);
  const channels = createSqliteChannelStore(db);
  const deliveries = createSqliteDeliveryStore(db);
  const http = createHttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger });
  const config = makeTestConfig({
    SLACK_BOT_TOKEN: api.botToken,
    SLACK_SIGNING_SECRET: newSigningSecret(),
    SLACK_API_BASE_URL: api.apiUrl,
  }).slack;
  const adapter = createSlackAdapter({
    config,
    http,
    commandDeps: {
      papers: paperStore,
      search: createSqlitePaperSearch(db),
      channels,
      deliveries,
      state: createSqliteInteractionState(db),
      clock,
    },
    logger: silentLogger,
    retryConfig: TINY_RETRY,
  });
  const sleeps: number[] = [];
  const boot = (publisher: DigestPublisher = adapter.publisher) =>
    createDeliveryEngine({
      channels,
      deliveries,
      papers: paperStore,
      publishers: new Map([['slack', publisher]]),
      refreshDay: async () => {},
      clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
      logger: silentLogger,
      options: { ...DEFAULT_DELIVERY_OPTIONS, retryBaseMs: 1_000 },
    });
  const at = clock.now();
  paperStore.saveDay({
    day: FRIDAY,
    papers: papers(25),
    skipped: 0,
    startedAt: at,
    finishedAt: at,
  });
  const weekAgo = new Date(at.getTime() - 7 * 86_400_000);
  channels.updateSettings(REF, { time: '09:00', timezone: 'UTC', top: 25 }, weekAgo);
  channels.subscribe(REF, null, weekAgo);
  return {
    api,
    clock,
    channels,
    deliveries,
    adapter,
    sleeps,
    boot,
    close: async () => {
      await api.close();
      db.close();
    },
  };
}

const posted = (api: FakeSlackApi) =>
  api.calls('chat.postMessage').filter((r) => r.response.ok === true);
const postedKeys = (api: FakeSlackApi) =>
  posted(api).map((r) => (r.args.metadata as { event_payload: { key: string } }).event_payload.key);

let world: Awaited<ReturnType<typeof createWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('scheduled Slack digests through the delivery engine', () => {
  it('posts a long digest as several valid messages, every paper once, each with its key in metadata', async () => {
    world = await createWorld();
    const report = await world.boot().tick();
    expect(report).toMatchObject({ created: 1, sent: 1 });
    const messages = posted(world.api);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(validateMessage(m.args)).toBeNull();
      expect(m.contentType).toBe('application/x-www-form-urlencoded');
      expect(m.args).toMatchObject({
        channel: REF.channelId,
        unfurl_links: 'false',
        unfurl_media: 'false',
      });
      expect(m.args.metadata).toMatchObject({ event_type: 'paperboy_digest' });
      expect(m.args.text).toEqual(expect.stringContaining('Hugging Face Daily Papers'));
    }
    expect(postedKeys(world.api)).toEqual(
      messages.map((_, i) => expect.stringMatching(new RegExp(`^pb\\d+p${i}$`))),
    );
    const ids = messages.flatMap(
      (m) => JSON.stringify(m.args.blocks).match(/papers\/2512\.\d+/g) ?? [],
    );
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(JSON.stringify(messages[0]?.args.blocks)).toContain('(1/');
  });

  it('waits as Slack says on a 429 (Retry-After) and then delivers', async () => {
    world = await createWorld();
    world.api.fail('chat.postMessage', { status: 429, retryAfter: 2 });
    const report = await world.boot().tick();
    expect(report.sent).toBe(1);
    expect(world.sleeps).toEqual([2_000]);
    const attempts = world.api.calls('chat.postMessage');
    expect(attempts[0]?.status).toBe(429);
    expect(new Set(postedKeys(world.api)).size).toBe(postedKeys(world.api).length);
  });

  it('pauses the subscription with a reason that says how to fix it on not_in_channel', async () => {
    world = await createWorld();
    world.api.channel(REF.channelId, { isMember: false });
    const report = await world.boot().tick();
    expect(report.failed).toBe(1);
    const channel = world.channels.get(REF);
    expect(channel?.paused?.reason).toContain('/invite @Paperboy');
    expect(channel?.paused?.reason).toContain('slack forbidden');
    expect(posted(world.api)).toHaveLength(0);
    // A paused channel is not tried again.
    world.clock.advance(60_000);
    await world.boot().tick();
    expect(world.api.calls('chat.postMessage')).toHaveLength(1);
  });

  it('after a crash right after a post, finds the message by its metadata key and does not post it again', async () => {
    world = await createWorld();
    const real = world.adapter.publisher;
    let crashed = false;
    const crashing: DigestPublisher = {
      ...real,
      publish: async (ref, part, key) => {
        const result = await real.publish(ref, part, key);
        if (!crashed) {
          crashed = true;
          throw new ProcessKilled('killed after the message was sent, before it was recorded');
        }
        return result;
      },
    };
    await world.boot(crashing).tick();
    expect(posted(world.api)).toHaveLength(1);
    world.clock.advance(5 * 60_000);
    const report = await world.boot().tick();
    expect(report.sent).toBe(1);
    const history = world.api.calls('conversations.history');
    expect(history[0]?.args).toMatchObject({
      channel: REF.channelId,
      include_all_metadata: 'true',
    });
    const keys = postedKeys(world.api);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = posted(world.api).flatMap(
      (m) => JSON.stringify(m.args.blocks).match(/papers\/2512\.\d+/g) ?? [],
    );
    expect(new Set(ids).size).toBe(25);
    expect(ids).toHaveLength(25);
  });
});
