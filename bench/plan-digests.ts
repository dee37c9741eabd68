import type { Channel, Platform } from '../src/core/channels/channel.js';
import {
  DEFAULT_DELIVERY_OPTIONS,
  createDeliveryEngine,
} from '../src/core/delivery/delivery-engine.js';
import { buildChannelDigest } from '../src/core/digest/channel-digest.js';
import type { DigestPublisher } from '../src/core/digest/publisher.js';
import { createTopicCompiler, prepareCandidates } from '../src/core/digest/select-papers.js';
import { createManualClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { splitDigest as splitDiscord } from '../src/platforms/discord/render-digest.js';
import { splitDigest as splitSlack } from '../src/platforms/slack/render.js';
import { openDatabase } from '../src/storage/db.js';
import { migrate } from '../src/storage/migrate.js';
import { createSqliteChannelStore } from '../src/storage/sqlite-channel-store.js';
import { createSqliteDeliveryStore } from '../src/storage/sqlite-delivery-store.js';
import { createSqlitePaperStore } from '../src/storage/sqlite-paper-store.js';
import { type Vocabulary, createRng, generateCorpus } from './corpus.js';

export interface PlanDigestsResult {
  channels: number;
  topicsPerChannel: number;
  distinctTopics: number;
  papers: number;
  /** Planning: the day's candidates once, then every channel's selection and digest view. */
  planMs: number;
  /** Rendering-aware splitting of those digests into Discord / Slack messages. */
  splitMs: number;
  /** One real scheduler tick: due rows, planning, SQLite writes, and posting to an instant publisher. */
  tickMs: number;
  delivered: number;
}

/** A publisher that accepts every message at once: measures Paperboy, not a platform. */
function instantPublisher(platform: Platform): DigestPublisher {
  let n = 0;
  return {
    platform,
    split: platform === 'discord' ? splitDiscord : splitSlack,
    publish: async () => ({ ok: true, messageId: `m${(n += 1)}` }),
    findPublished: async () => null,
  };
}

/**
 * Digest planning at scale: `channels` subscribed channels (half Discord, half Slack) with
 * `topicsPerChannel` topics each, drawn from a pool of realistic one-to-three-word queries, for
 * one day of `papers` papers. Issue target: 10 000 channels × 3 topics, 300 papers, ≤ 1 s.
 */
export async function benchPlanDigests(
  vocab: Vocabulary,
  options: { channels: number; topicsPerChannel: number; papers: number },
): Promise<PlanDigestsResult> {
  const day = '2025-12-05';
  const [corpus] = generateCorpus(vocab, {
    size: options.papers,
    papersPerDay: options.papers,
    lastDay: day,
    relistRate: 0,
    seed: 7,
  });
  const rng = createRng(11);
  const word = (): string => vocab.words[Math.floor(rng() ** 2.5 * vocab.words.length)] as string;
  const pool: string[] = [];
  for (let i = 0; i < 3_000; i += 1) {
    const r = rng();
    pool.push(
      r < 0.4
        ? word()
        : r < 0.7
          ? `"${word()} ${word()}"`
          : r < 0.85
            ? `${word()} OR ${word()}`
            : `${word()} -${word()}`,
    );
  }

  const db = openDatabase(':memory:');
  migrate(db);
  const clock = createManualClock('2025-12-06T00:00:00Z');
  const papers = createSqlitePaperStore(db);
  const channels = createSqliteChannelStore(db);
  const deliveries = createSqliteDeliveryStore(db);
  papers.saveDay({
    day,
    papers: corpus?.papers ?? [],
    skipped: 0,
    startedAt: clock.now(),
    finishedAt: clock.now(),
  });
  const used = new Set<string>();
  const weekAgo = new Date('2025-11-28T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < options.channels; i += 1) {
      const ref = {
        platform: (i % 2 === 0 ? 'discord' : 'slack') as Platform,
        workspaceId: `w${i % 50}`,
        channelId: `c${i}`,
      };
      channels.updateSettings(ref, { time: '09:00', timezone: 'UTC', minUpvotes: i % 3 }, weekAgo);
      for (let t = 0; t < options.topicsPerChannel; t += 1) {
        const topic = pool[Math.floor(rng() * pool.length)] as string;
        used.add(topic);
        channels.subscribe(ref, topic, weekAgo);
      }
    }
  })();
  const active: Channel[] = channels.listActive(['discord', 'slack']);

  // 1. Pure planning, as the engine does it per tick.
  const listed = papers.topPapers({ from: day, to: day, limit: 2_000 }).map((t) => t.paper);
  const started = performance.now();
  const candidates = prepareCandidates(listed);
  const compile = createTopicCompiler();
  const views = active.map((channel) => ({
    platform: channel.ref.platform,
    view: buildChannelDigest({
      channel,
      day,
      candidates,
      compile,
      alreadyPosted: new Set(),
      lastRun: null,
    }).view,
  }));
  const planMs = performance.now() - started;
  const splitStart = performance.now();
  let parts = 0;
  for (const { platform, view } of views) {
    parts += (platform === 'discord' ? splitDiscord : splitSlack)(view).length;
  }
  const splitMs = performance.now() - splitStart;
  if (parts === 0) throw new Error('planned nothing');

  // 2. One real tick of the delivery engine at 09:00 on Monday.
  clock.set('2025-12-08T09:00:10Z');
  const engine = createDeliveryEngine({
    channels,
    deliveries,
    papers,
    publishers: new Map([
      ['discord', instantPublisher('discord')],
      ['slack', instantPublisher('slack')],
    ]),
    refreshDay: async () => {},
    clock,
    sleep: async () => {},
    logger: silentLogger,
    options: { ...DEFAULT_DELIVERY_OPTIONS, concurrency: 16 },
  });
  const tickStart = performance.now();
  const report = await engine.tick();
  const tickMs = performance.now() - tickStart;
  db.close();
  return {
    channels: options.channels,
    topicsPerChannel: options.topicsPerChannel,
    distinctTopics: used.size,
    papers: listed.length,
    planMs,
    splitMs,
    tickMs,
    delivered: report.sent + report.empty,
  };
}
