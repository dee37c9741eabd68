import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { type Reply, bold, callerReply, code } from '../../core/reply.js';

/**
 * Permissions, read from the interaction itself: `member.permissions` is the member's total
 * permissions in the channel (overwrites applied) and `app_permissions` the bot's. Nothing is
 * fetched, and command-level defaults (which server admins can change) are never relied on.
 * @see https://discord.com/developers/docs/topics/permissions
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */

/** A permission bit set as Discord sends it (a decimal string), or null when absent or invalid. */
export function parsePermissions(value: string | null | undefined): bigint | null {
  if (typeof value !== 'string' || !/^\d{1,40}$/.test(value)) return null;
  return BigInt(value);
}

const has = (set: bigint, flag: bigint): boolean => (set & flag) === flag;

/** Managing a channel's digest needs Manage Channels there; Administrator implies it. */
export function canManageChannel(memberPermissions: bigint | null): boolean {
  if (memberPermissions === null) return false;
  return (
    has(memberPermissions, PermissionFlagsBits.Administrator) ||
    has(memberPermissions, PermissionFlagsBits.ManageChannels)
  );
}

/** Added to the neutral refusal: what the permission is called on Discord. */
export const MANAGE_CHANNELS_HINT =
  'On Discord that is the Manage Channels permission for this channel (Administrator also counts).';

interface NamedPermission {
  flag: bigint;
  name: string;
}

const VIEW = { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' };
const SEND = { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' };
const SEND_IN_THREADS = {
  flag: PermissionFlagsBits.SendMessagesInThreads,
  name: 'Send Messages in Threads',
};
const EMBED = { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' };
const HISTORY = { flag: PermissionFlagsBits.ReadMessageHistory, name: 'Read Message History' };

const THREADS: ReadonlySet<number> = new Set([
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
]);

/**
 * What the bot needs to post digests in a channel: View Channel, Send Messages (Send Messages in
 * Threads in a thread) and Embed Links, since every digest is embeds. Read Message History is
 * recommended: after a crash the bot reads its recent messages to avoid posting a part twice.
 */
export function requiredPermissions(channelType: number | null): NamedPermission[] {
  return [VIEW, channelType !== null && THREADS.has(channelType) ? SEND_IN_THREADS : SEND, EMBED];
}

/** The permission integer of the invite link: everything the bot may need in any channel. */
export const INVITE_PERMISSIONS =
  VIEW.flag | SEND.flag | SEND_IN_THREADS.flag | EMBED.flag | HISTORY.flag;

export interface BotPermissionCheck {
  /** Names of required permissions the bot lacks (digests would fail). */
  missing: string[];
  /** Names of recommended permissions it lacks. */
  recommended: string[];
}

/** Checks the bot's permissions in the channel; unknown permissions (null) pass. */
export function checkBotPermissions(
  appPermissions: bigint | null,
  channelType: number | null,
): BotPermissionCheck {
  if (appPermissions === null || has(appPermissions, PermissionFlagsBits.Administrator)) {
    return { missing: [], recommended: [] };
  }
  const lacking = (list: NamedPermission[]): string[] =>
    list.filter((p) => !has(appPermissions, p.flag)).map((p) => p.name);
  return { missing: lacking(requiredPermissions(channelType)), recommended: lacking([HISTORY]) };
}

const andList = (names: readonly string[]): string =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** The answer to `/papers subscribe` when the bot could not post here: what is missing and how to fix it. */
export function missingPermissionsReply(
  check: BotPermissionCheck,
  channelType: number | null,
): Reply {
  const needed = andList(requiredPermissions(channelType).map((p) => p.name));
  return callerReply(
    [
      "Paperboy can't post digests in this channel yet: it is missing ",
      bold(andList(check.missing)),
      ' here, so nothing was subscribed.',
    ],
    [
      `To fix it: Edit Channel → Permissions → add the Paperboy role (or Paperboy itself) and allow ${needed}. A server admin can instead grant them to the Paperboy role in Server Settings → Roles, or re-invite Paperboy with the link from `,
      code('paperboy discord invite-url'),
      '.',
    ],
    ['Then run /papers subscribe here again.'],
  );
}

/** A note added to a successful subscribe when recommended permissions are missing. */
export function recommendedPermissionsNote(check: BotPermissionCheck): string | null {
  if (check.recommended.length === 0) return null;
  return `Tip: allow Paperboy ${andList(check.recommended)} here too; after a restart it reads its own recent messages so it never posts a digest twice.`;
}
