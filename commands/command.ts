import type { z } from 'zod';
import type { ChannelRef } from '../src/core/channels/channel.js';
import type { ChannelStore, DeliveryStore } from '../src/core/channels/channel-ports.js';
import type { PaperSearch, PaperStore } from '../src/core/ports.js';
import type { Reply } from '../src/core/reply.js';
import type { Clock } from '../src/shared/clock.js';

/** One option of a slash command, as the adapters register it. */
export interface CommandOption {
  name: string;
  description: string;
  type: 'string' | 'integer';
  required?: boolean;
  /** Fixed choices (Discord shows a picker; Slack parses the word). */
  choices?: ReadonlyArray<{ name: string; value: string }>;
  /** Values are suggested while typing (Discord autocomplete) by `CommandDefinition.suggest`. */
  autocomplete?: boolean;
  minValue?: number;
  maxValue?: number;
  maxLength?: number;
}

/** Who typed the command, and where. Supplied by the adapters. */
export interface CommandContext {
  channel: ChannelRef;
  userId: string;
  /** Whether this user may change the channel's subscriptions and settings (adapter decides). */
  canManageChannel: boolean;
}

/** Short-lived state behind buttons (search paging), referenced by a short token. */
export interface InteractionStateStore {
  save(payload: unknown, now: Date): string;
  load(token: string): unknown;
}

/** What handlers may use. Built once by the composition root. */
export interface CommandDeps {
  papers: PaperStore;
  search: PaperSearch;
  channels: ChannelStore;
  deliveries: DeliveryStore;
  state: InteractionStateStore;
  clock: Clock;
}

/**
 * A slash command: data the adapters register plus a platform-neutral handler. `input` has
 * already passed `schema`; a schema failure is answered by the adapter with the issue messages.
 */
export interface CommandDefinition<I = Record<string, unknown>> {
  name: string;
  description: string;
  options: readonly CommandOption[];
  schema: z.ZodType<I>;
  /** Changes channel settings: refused unless `canManageChannel`. */
  mutates: boolean;
  /** Narrows `mutates` to some inputs (`/papers settings` with no option only shows them). */
  mutatesWith?(input: I): boolean;
  /** One example shown by `help`, e.g. `/papers search "video diffusion" -survey`. */
  example: string;
  handle(input: I, ctx: CommandContext, deps: CommandDeps): Reply | Promise<Reply>;
  /** Button presses whose actionId starts with `${name}:` come here. */
  action?(actionId: string, ctx: CommandContext, deps: CommandDeps): Reply | Promise<Reply>;
  /** Autocomplete suggestions for an option. */
  suggest?(
    option: string,
    partial: string,
    ctx: CommandContext,
    deps: CommandDeps,
  ): Array<{ name: string; value: string }>;
}
