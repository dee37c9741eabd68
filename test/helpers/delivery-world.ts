import type { ChannelRef } from '../../src/core/channels/channel.js';
import type { ChannelSettings } from '../../src/core/channels/channel.js';
import {
  DEFAULT_DELIVERY_OPTIONS,
  type DeliveryOptions,
  createDeliveryEngine,
} from '../../src/core/delivery/delivery-engine.js';
import type { Day } from '../../src/core/day.js';
import type { SourcePaper } from '../../src/core/paper.js';
import type { DigestPublisher } from '../../src/core/digest/publisher.js';
import { type ManualClock, createManualClock } from '../../src/shared/clock.js';
import { createSqliteChannelStore } from '../../src/storage/sqlite-channel-store.js';
import { createSqliteDeliveryStore } from '../../src/storage/sqlite-delivery-store.js';
import { createSqlitePaperStore } from '../../src/storage/sqlite-paper-store.js';
import { ProcessKilled, createFakePublisher } from '../fakes/fake-publisher.js';
import { openTestDb } from './papers.js';
import { createTestLogger } from './test-logger.js';

/** Wraps every method so that, once the "process" is dead, any call throws like a killed process. */
export function killable<T extends object>(target: T, isDead: () => boolean): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (isDead()) throw new ProcessKilled('the process is dead');
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

/**
 * A whole delivery world over one real SQLite database: stores, a manual clock, a fake platform,
 * and `boot()` to start (or restart after a simulated kill) the engine, as a fresh process would.
 */
export function createDeliveryWorld(
  start: string,
  options: Partial<DeliveryOptions> = {},
  setup: {
    /** A real platform publisher, made fresh on every boot (as a restarted process would). */
    publisher?: (clock: ManualClock) => DigestPublisher;
  } = {},
) {
  const db = openTestDb();
  const clock = createManualClock(start);
  const logger = createTestLogger();
  const papers = createSqlitePaperStore(db);
  let dead = false;
  const sleeps: number[] = [];
  const refreshed: Day[] = [];
  const fake = createFakePublisher({ now: () => clock.now(), onCrash: () => (dead = true) });
  const channelsRaw = createSqliteChannelStore(db);

  const boot = () => {
    dead = false;
    const publisher = setup.publisher?.(clock) ?? fake.publisher;
    return createDeliveryEngine({
      channels: killable(createSqliteChannelStore(db), () => dead),
      deliveries: killable(createSqliteDeliveryStore(db), () => dead),
      papers: killable(createSqlitePaperStore(db), () => dead),
      publishers: new Map([[publisher.platform, publisher]]),
      refreshDay: async (day) => {
        refreshed.push(day);
      },
      clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
      logger,
      options: { ...DEFAULT_DELIVERY_OPTIONS, ...options },
    });
  };

  return {
    db,
    clock,
    logger,
    fake,
    sleeps,
    refreshed,
    papers,
    channels: channelsRaw,
    deliveries: createSqliteDeliveryStore(db),
    boot,
    /** From now on every store call throws: the process died. */
    kill: () => {
      dead = true;
    },
    /** Lists papers on a day (an ok ingest run). */
    listDay: (day: Day, list: SourcePaper[]) =>
      papers.saveDay({
        day,
        papers: list,
        skipped: 0,
        startedAt: clock.now(),
        finishedAt: clock.now(),
      }),
    /**
     * Subscribes a channel (everything, or topics) with settings. The subscription is dated a
     * week back, so the current occurrence counts; pass `since` to date it otherwise.
     */
    subscribe: (
      ref: ChannelRef,
      settings: Partial<ChannelSettings>,
      topics: string[] = [],
      since: Date = new Date(clock.now().getTime() - 7 * 86_400_000),
    ) => {
      channelsRaw.updateSettings(ref, settings, since);
      if (topics.length === 0) channelsRaw.subscribe(ref, null, since);
      for (const t of topics) channelsRaw.subscribe(ref, t, since);
      return channelsRaw.get(ref);
    },
  };
}

export const discordChannel = (id: string): ChannelRef => ({
  platform: 'discord',
  workspaceId: 'g1',
  channelId: id,
});
