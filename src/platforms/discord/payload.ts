import { z } from 'zod';
import type { InboundInteraction, InteractionOrigin, RawOption } from './interactions.js';
import { parsePermissions } from './permissions.js';

/**
 * The parts of an interaction payload (HTTP mode) Paperboy reads, checked at the boundary. Other
 * fields pass through untouched; the signature already proved the payload comes from Discord.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */

const snowflake = z.string().regex(/^\d{1,20}$/);

const optionSchema: z.ZodType<RawOption> = z.lazy(() =>
  z.object({
    name: z.string().max(32),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    options: z.array(optionSchema).max(25).optional(),
    focused: z.boolean().optional(),
  }),
);

const userSchema = z.object({ id: snowflake });

export const interactionSchema = z.object({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z.string().min(1).max(1000).optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake, type: z.number().int().optional() }).optional(),
  member: z.object({ user: userSchema, permissions: z.string().optional() }).optional(),
  user: userSchema.optional(),
  app_permissions: z.string().optional(),
  data: z
    .object({
      name: z.string().optional(),
      type: z.number().int().optional(),
      options: z.array(optionSchema).max(25).optional(),
      custom_id: z.string().max(100).optional(),
      component_type: z.number().int().optional(),
    })
    .optional(),
});

export type InteractionPayload = z.infer<typeof interactionSchema>;

/** Interaction types. */
export const INTERACTION = { ping: 1, command: 2, component: 3, autocomplete: 4 } as const;

const CHAT_INPUT = 1;
const BUTTON = 2;

/** A payload as the neutral inbound shape; null for kinds Paperboy does not handle. */
export function fromPayload(payload: InteractionPayload): InboundInteraction | null {
  const origin: InteractionOrigin = {
    guildId: payload.guild_id ?? null,
    channelId: payload.channel?.id ?? payload.channel_id ?? null,
    channelType: payload.channel?.type ?? null,
    userId: payload.member?.user.id ?? payload.user?.id ?? '',
    memberPermissions: parsePermissions(payload.member?.permissions),
    appPermissions: parsePermissions(payload.app_permissions),
  };
  const data = payload.data;
  if (!data) return null;
  if (
    payload.type === INTERACTION.command &&
    (data.type ?? CHAT_INPUT) === CHAT_INPUT &&
    data.name
  ) {
    return { kind: 'command', origin, commandName: data.name, options: data.options ?? [] };
  }
  if (payload.type === INTERACTION.autocomplete && data.name) {
    return { kind: 'autocomplete', origin, commandName: data.name, options: data.options ?? [] };
  }
  if (payload.type === INTERACTION.component && data.component_type === BUTTON && data.custom_id) {
    return { kind: 'component', origin, customId: data.custom_id };
  }
  return null;
}
