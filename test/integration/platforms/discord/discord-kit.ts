import { generateKeyPairSync, sign } from 'node:crypto';
import { PermissionFlagsBits } from 'discord.js';
import type { Config } from '../../../../src/config/schema.js';
import { type HttpServer, createHttpServer } from '../../../../src/http/http-server.js';
import {
  type DiscordAdapter,
  type DiscordAdapterOptions,
  createDiscordAdapter,
} from '../../../../src/platforms/discord/index.js';
import { type FakeDiscordApi, createFakeDiscordApi } from '../../../fakes/fake-discord-api.js';
import { type CommandHarness, createCommandHarness } from '../../../helpers/command-harness.js';
import { createTestLogger } from '../../../helpers/test-logger.js';

/** Realistic snowflakes (17–19 digits): discord.js buckets rate limits by them. */
export const IDS = {
  application: '1240000000000000001',
  guild: '290926798626357999',
  channel: '645027906669510667',
  user: '53908232506183680',
} as const;

const bits = (...flags: bigint[]): string => flags.reduce((a, b) => a | b, 0n).toString();

/** Member permission sets (`member.permissions`). */
export const MEMBER = {
  /** Manage Channels among ordinary permissions. */
  manager: bits(
    PermissionFlagsBits.ViewChannel,
    PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.ManageChannels,
  ),
  admin: bits(PermissionFlagsBits.Administrator),
  regular: bits(
    PermissionFlagsBits.ViewChannel,
    PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.EmbedLinks,
  ),
} as const;

/** The bot's permission sets (`app_permissions`). */
export const APP = {
  full: bits(
    PermissionFlagsBits.ViewChannel,
    PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.EmbedLinks,
    PermissionFlagsBits.ReadMessageHistory,
  ),
  noEmbeds: bits(
    PermissionFlagsBits.ViewChannel,
    PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.ReadMessageHistory,
  ),
} as const;

/** Fast, deterministic discord.js REST settings for loopback stand-ins. */
export const TEST_REST = { offset: 0, timeout: 2_000, retries: 1 } as const;

/** A fresh Ed25519 key pair, and signing exactly like Discord does. */
export function createSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const publicKeyHex = Buffer.from(jwk.x as string, 'base64url').toString('hex');
  return {
    publicKeyHex,
    headers: (body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> => ({
      'Content-Type': 'application/json',
      'X-Signature-Ed25519': sign(null, Buffer.from(`${timestamp}${body}`), privateKey).toString(
        'hex',
      ),
      'X-Signature-Timestamp': String(timestamp),
    }),
  };
}

let interactionCounter = 0;

interface PayloadOptions {
  memberPermissions?: string;
  appPermissions?: string;
  token?: string;
  channelType?: number;
}

/** Fields every interaction carries (the shape of the constructed subcommand fixture). */
function base(type: number, options: PayloadOptions) {
  interactionCounter += 1;
  return {
    id: `12500000000000${String(10000 + interactionCounter)}`,
    application_id: IDS.application,
    type,
    token: options.token ?? `interaction-token-${interactionCounter}`,
    version: 1,
    guild_id: IDS.guild,
    guild: { id: IDS.guild, locale: 'en-US', features: [] },
    channel_id: IDS.channel,
    channel: {
      id: IDS.channel,
      type: options.channelType ?? 0,
      name: 'papers',
      guild_id: IDS.guild,
      flags: 0,
    },
    member: {
      user: {
        id: IDS.user,
        username: 'mason',
        discriminator: '0',
        avatar: null,
        global_name: 'Mason',
        public_flags: 0,
      },
      roles: [],
      premium_since: null,
      permissions: options.memberPermissions ?? MEMBER.manager,
      pending: false,
      nick: null,
      mute: false,
      deaf: false,
      joined_at: '2017-03-13T19:19:14.040000+00:00',
      flags: 0,
    },
    app_permissions: options.appPermissions ?? APP.full,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}

type OptionValue = string | number;

/** `/papers <sub> option:value …` (APPLICATION_COMMAND, CHAT_INPUT). */
export function commandPayload(
  sub: string,
  input: Record<string, OptionValue> = {},
  options: PayloadOptions = {},
) {
  return {
    ...base(2, options),
    data: {
      id: '771825006014889984',
      name: 'papers',
      type: 1,
      guild_id: IDS.guild,
      options: [
        {
          type: 1,
          name: sub,
          options: Object.entries(input).map(([name, value]) => ({
            type: typeof value === 'number' ? 4 : 3,
            name,
            value,
          })),
        },
      ],
    },
  };
}

/** A button press on a message (MESSAGE_COMPONENT). */
export function buttonPayload(customId: string, options: PayloadOptions = {}) {
  return {
    ...base(3, options),
    message: {
      id: '1260000000000000001',
      channel_id: IDS.channel,
      type: 20,
      content: '',
      embeds: [],
      components: [],
      author: {
        id: IDS.application,
        username: 'Paperboy',
        discriminator: '0000',
        avatar: null,
        bot: true,
      },
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: '2025-12-05T11:00:00.000000+00:00',
      edited_timestamp: null,
      flags: 64,
    },
    data: { custom_id: customId, component_type: 2, id: 2 },
  };
}

/** The person is typing `option` of `/papers <sub>` (APPLICATION_COMMAND_AUTOCOMPLETE). */
export function autocompletePayload(
  sub: string,
  option: string,
  partial: string,
  options: PayloadOptions = {},
) {
  return {
    ...base(4, options),
    data: {
      id: '771825006014889984',
      name: 'papers',
      type: 1,
      options: [
        { type: 1, name: sub, options: [{ type: 3, name: option, value: partial, focused: true }] },
      ],
    },
  };
}

export function discordConfig(apiBaseUrl: string, publicKey?: string): Config['discord'] {
  return {
    token: 'test-bot-token',
    applicationId: IDS.application,
    publicKey,
    apiBaseUrl,
    commandGuildId: undefined,
  };
}

export interface DiscordWorld {
  api: FakeDiscordApi;
  harness: CommandHarness;
  adapter: DiscordAdapter;
  http: HttpServer;
  logger: ReturnType<typeof createTestLogger>;
  signer: ReturnType<typeof createSigner>;
  port: number;
  /** POSTs a payload to the interactions endpoint, signed unless `headers` are given. */
  post(
    payload: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

/** HTTP interactions mode against the REST stand-in, with the command harness's stores. */
export async function createHttpWorld(
  options: Partial<DiscordAdapterOptions> = {},
): Promise<DiscordWorld> {
  const api = await createFakeDiscordApi();
  const harness = createCommandHarness();
  const logger = createTestLogger();
  const signer = createSigner();
  const http = createHttpServer({ host: '127.0.0.1', port: 0, logger });
  const adapter = createDiscordAdapter({
    config: discordConfig(api.baseUrl, signer.publicKeyHex),
    http,
    commandDeps: harness.deps,
    logger,
    options: { rest: TEST_REST, registerOnStart: false, ...options },
  });
  const port = await http.listen();
  await adapter.start();
  return {
    api,
    harness,
    adapter,
    http,
    logger,
    signer,
    port,
    post: async (payload, headers) => {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const res = await fetch(`http://127.0.0.1:${port}/discord/interactions`, {
        method: 'POST',
        headers: headers ?? signer.headers(body),
        body,
      });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
    },
    close: async () => {
      await adapter.stop();
      await http.close();
      await api.close();
      harness.db.close();
    },
  };
}
