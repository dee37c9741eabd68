import type { REST } from 'discord.js';
import type { ChannelRef, ChannelSettings } from '../../../../src/core/channels/channel.js';
import {
  DEFAULT_DELIVERY_OPTIONS,
  type DeliveryOptions,
  createDeliveryEngine,
} from '../../../../src/core/delivery/delivery-engine.js';
import type { Day } from '../../../../src/core/day.js';
import type { DigestPublisher } from '../../../../src/core/digest/publisher.js';
import type { SourcePaper } from '../../../../src/core/paper.js';
import { createManualClock } from '../../../../src/shared/clock.js';
import { createDiscordPublisher } from '../../../../src/platforms/discord/publisher.js';
import { closeDiscordRest, createDiscordRest } from '../../../../src/platforms/discord/rest.js';
import { createSqliteChannelStore } from '../../../../src/storage/sqlite-channel-store.js';
import { createSqliteDeliveryStore } from '../../../../src/storage/sqlite-delivery-store.js';
import { createSqlitePaperStore } from '../../../../src/storage/sqlite-paper-store.js';
import { createFakeDiscordApi } from '../../../fakes/fake-discord-api.js';
import { ProcessKilled } from '../../../fakes/fake-publisher.js';
import { openTestDb } from '../../../helpers/papers.js';
import { createTestLogger } from '../../../helpers/test-logger.js';
import { IDS, TEST_REST } from './discord-kit.js';

export const DISCORD_CHANNEL: ChannelRef = {
  platform: 'discord',
  workspaceId: IDS.guild,
  channelId: IDS.channel,
};

/** Every method throws once the "process" is dead, as after a kill. */
function killable<T extends object>(target: T, isDead: () => boolean): T {
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
 * The core's delivery engine over an in-memory SQLite, with the real Discord publisher posting
 * to the REST stand-in. `boot()` starts a fresh "process" (new REST client and engine) over the
 * same database and the same stand-in, as a restart would.
 */
export async function createDiscordDeliveryWorld(
  start: string,
  options: Partial<DeliveryOptions> = {},
) {
  const clock = createManualClock(start);
  const api = await createFakeDiscordApi({ now: () => clock.now().getTime() });
  const db = openTestDb();
  const logger = createTestLogger();
  const papers = createSqlitePaperStore(db);
  const channels = createSqliteChannelStore(db);
  const sleeps: number[] = [];
  let dead = false;
  const rests: REST[] = [];

  const newPublisher = (): DigestPublisher => {
    const rest = createDiscordRest(
      {
        token: 'test-bot-token',
        apiBaseUrl: api.baseUrl,
        maxRateLimitWaitMs: 1_000,
        rest: TEST_REST,
      },
      logger,
    );
    rests.push(rest);
    return createDiscordPublisher({ rest, logger });
  };

  const boot = () => {
    dead = false;
    return createDeliveryEngine({
      channels: killable(createSqliteChannelStore(db), () => dead),
      deliveries: killable(createSqliteDeliveryStore(db), () => dead),
      papers: killable(createSqlitePaperStore(db), () => dead),
      publishers: new Map([['discord', newPublisher()]]),
      refreshDay: async () => {},
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
    api,
    db,
    clock,
    logger,
    sleeps,
    channels,
    deliveries: createSqliteDeliveryStore(db),
    boot,
    newPublisher,
    /** From now on every store call throws: the process died. */
    kill: () => {
      dead = true;
    },
    listDay: (day: Day, list: SourcePaper[]) =>
      papers.saveDay({
        day,
        papers: list,
        skipped: 0,
        startedAt: clock.now(),
        finishedAt: clock.now(),
      }),
    /** Subscribes a channel to everything a week ago (so today's run is due), with settings. */
    subscribe: (ref: ChannelRef, settings: Partial<ChannelSettings>) => {
      const since = new Date(clock.now().getTime() - 7 * 86_400_000);
      channels.updateSettings(ref, settings, since);
      channels.subscribe(ref, null, since);
      return channels.get(ref);
    },
    /** POSTs of messages to the channel that Discord accepted. */
    posts: () =>
      api.requests.filter(
        (r) => r.method === 'POST' && r.path === `/channels/${IDS.channel}/messages`,
      ),
    close: async () => {
      rests.forEach(closeDiscordRest);
      await api.close();
      db.close();
    },
  };
}
