import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  type RESTOptions,
} from 'discord.js';
import { describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import {
  type InboundInteraction,
  type InteractionHandlerDeps,
  type InteractionOrigin,
  type InteractionResponder,
  handleInteraction,
} from './interactions.js';
import type { DiscordMessage } from './render.js';

export interface GatewayDeps {
  token: string;
  apiBaseUrl: string;
  rest?: Partial<RESTOptions>;
  handler: InteractionHandlerDeps;
  logger: Logger;
  track: (work: Promise<void>) => void;
}

type Handled = ChatInputCommandInteraction | ButtonInteraction | AutocompleteInteraction;

/** A discord.js interaction as the neutral inbound shape (discord.js options are API-shaped). */
function toInbound(interaction: Handled): InboundInteraction {
  const origin: InteractionOrigin = {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    channelType: interaction.channel?.type ?? null,
    userId: interaction.user.id,
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
    appPermissions: interaction.appPermissions?.bitfield ?? null,
  };
  if (interaction.isButton()) return { kind: 'component', origin, customId: interaction.customId };
  return {
    kind: interaction.isAutocomplete() ? 'autocomplete' : 'command',
    origin,
    commandName: interaction.commandName,
    options: interaction.options.data,
  };
}

const options = (m: DiscordMessage) => ({
  content: m.content ?? '',
  embeds: m.embeds,
  components: m.components,
  allowedMentions: { parse: [] },
});

const ephemeralFlag = (ephemeral: boolean) =>
  ephemeral ? ({ flags: MessageFlags.Ephemeral } as const) : {};

const unsupported = (what: string) => async (): Promise<never> => {
  throw new Error(`${what} is not possible for this interaction`);
};

/** Answers through discord.js's own interaction methods. */
function responderFor(interaction: Handled): InteractionResponder {
  if (interaction.isAutocomplete()) {
    return {
      suggest: (choices) => interaction.respond(choices),
      reply: unsupported('reply'),
      update: unsupported('update'),
      defer: unsupported('defer'),
      deferUpdate: unsupported('deferUpdate'),
      editOriginal: unsupported('editOriginal'),
      followUp: unsupported('followUp'),
    };
  }
  const common = {
    reply: async (m: DiscordMessage, ephemeral: boolean) => {
      await interaction.reply({ ...options(m), ...ephemeralFlag(ephemeral) });
    },
    defer: async (ephemeral: boolean) => {
      await interaction.deferReply(ephemeralFlag(ephemeral));
    },
    editOriginal: async (m: DiscordMessage) => {
      await interaction.editReply(options(m));
    },
    followUp: async (m: DiscordMessage, ephemeral: boolean) => {
      await interaction.followUp({ ...options(m), ...ephemeralFlag(ephemeral) });
    },
    suggest: unsupported('suggest'),
  };
  if (interaction.isButton()) {
    return {
      ...common,
      update: async (m) => {
        await interaction.update(options(m));
      },
      deferUpdate: async () => {
        await interaction.deferUpdate();
      },
    };
  }
  return { ...common, update: unsupported('update'), deferUpdate: unsupported('deferUpdate') };
}

const handled = (interaction: Interaction): interaction is Handled =>
  interaction.isChatInputCommand() || interaction.isButton() || interaction.isAutocomplete();

/**
 * Gateway mode: a discord.js Client with the Guilds intent only (interactions need no
 * privileged intents), connecting through `GET /gateway/bot` on the configured REST base.
 * Each `interactionCreate` goes to the shared handler.
 * @see https://discord.com/developers/docs/events/gateway
 */
export function createGateway(deps: GatewayDeps) {
  let client: Client | null = null;
  const log = deps.logger;
  return {
    start: async (): Promise<void> => {
      const created = new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { ...deps.rest, api: deps.apiBaseUrl },
      });
      created.on(Events.InteractionCreate, (interaction) => {
        if (!handled(interaction)) return;
        deps.track(
          handleInteraction(toInbound(interaction), responderFor(interaction), deps.handler),
        );
      });
      created.on(Events.Error, (error) =>
        log.error('discord gateway error', { error: describeError(error) }),
      );
      created.on(Events.Warn, (message) =>
        log.warn('discord gateway warning', { detail: message }),
      );
      created.on(Events.ShardDisconnect, (event, shardId) =>
        log.warn('discord gateway disconnected', { code: event.code, shardId }),
      );
      created.on(Events.ShardResume, (shardId) => log.info('discord gateway resumed', { shardId }));
      client = created;
      await created.login(deps.token);
      log.info('discord gateway connected', { botUserId: created.user?.id });
    },
    stop: async (): Promise<void> => {
      const current = client;
      client = null;
      await current?.destroy();
    },
  };
}
