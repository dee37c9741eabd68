import type { REST } from 'discord.js';
import type { ChannelRef, ChannelSettings } from '../../../../src/core/channels/channel.js';
import type { DeliveryOptions } from '../../../../src/core/delivery/delivery-engine.js';
import type { DigestPublisher } from '../../../../src/core/digest/publisher.js';
import { createDiscordPublisher } from '../../../../src/platforms/discord/publisher.js';
import { closeDiscordRest, createDiscordRest } from '../../../../src/platforms/discord/rest.js';
import { createFakeDiscordApi } from '../../../fakes/fake-discord-api.js';
import { createDeliveryWorld } from '../../../helpers/delivery-world.js';
import { IDS, TEST_REST } from './discord-kit.js';

export const DISCORD_CHANNEL: ChannelRef = {
  platform: 'discord',
  workspaceId: IDS.guild,
  channelId: IDS.channel,
};

/**
 * The core's delivery engine over an in-memory SQLite (the shared delivery world), with the real
 * Discord publisher posting to the REST stand-in. `boot()` starts a fresh "process" (new REST
 * client and engine) over the same database and the same stand-in, as a restart would.
 */
export async function createDiscordDeliveryWorld(
  start: string,
  options: Partial<DeliveryOptions> = {},
) {
  const rests: REST[] = [];
  const newPublisher = (): DigestPublisher => {
    const rest = createDiscordRest(
      {
        token: 'test-bot-token',
        apiBaseUrl: api.baseUrl,
        maxRateLimitWaitMs: 1_000,
        rest: TEST_REST,
      },
      world.logger,
    );
    rests.push(rest);
    return createDiscordPublisher({ rest, logger: world.logger });
  };
  const world = createDeliveryWorld(start, options, { publisher: newPublisher });
  const api = await createFakeDiscordApi({ now: () => world.clock.now().getTime() });
  return {
    ...world,
    api,
    newPublisher,
    /** Subscribes a channel to everything a week ago (so today's run is due), with settings. */
    subscribe: (ref: ChannelRef, settings: Partial<ChannelSettings>) =>
      world.subscribe(ref, settings),
    /** POSTs of messages to the channel that Discord accepted. */
    posts: () =>
      api.requests.filter(
        (r) => r.method === 'POST' && r.path === `/channels/${IDS.channel}/messages`,
      ),
    close: async () => {
      rests.forEach(closeDiscordRest);
      await api.close();
      world.db.close();
    },
  };
}
